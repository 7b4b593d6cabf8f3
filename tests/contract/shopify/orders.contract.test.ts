/**
 * fetchOrderSnapshot over HTTP against the Admin API double, which validates and
 * executes every query against the real Admin schema (2026-07).
 */
import { parse } from "graphql";
import {
  ShopifyAuthError,
  ShopifyRequestError,
  ShopifyServerError,
  ShopifyThrottledError,
} from "../../../app/shopify/errors";
import { createAdminGraphqlClient, type AdminGraphqlClient } from "../../../app/shopify/admin-client.server";
import {
  FETCH_FULFILLMENT_ORDER_LINE_ITEMS,
  FETCH_ORDER_FOR_SYNC,
  FETCH_ORDER_FULFILLMENT_ORDERS,
  FETCH_ORDER_LINE_ITEMS,
} from "../../../app/shopify/order-queries.server";
import { fetchOrderSnapshot } from "../../../app/shopify/orders.server";
import type { OrderSnapshot } from "../../../app/sync/types";
import {
  estimateQueryCost,
  startAdminApiDouble,
  type AdminApiDouble,
  type AdminFulfillmentOrderFixture,
  type AdminOrderFixture,
} from "../../doubles/admin-api-double";
import { loadAdminSchema } from "../../helpers/admin-schema";

const SHOP = "tokyo-goods.myshopify.com";
const TOKEN = "shpat_tokyo_goods_offline";
const OTHER_SHOP = "osaka-goods.myshopify.com";
const OTHER_TOKEN = "shpat_osaka_goods_offline";
const OPENLOGI_WAREHOUSE = "gid://shopify/Location/70001";
const OSAKA_STORE = "gid://shopify/Location/70002";
const ORDER_GID = "gid://shopify/Order/5550001";

let api: AdminApiDouble;
let client: AdminGraphqlClient;

beforeAll(async () => {
  api = await startAdminApiDouble({ accessTokens: { [SHOP]: TOKEN, [OTHER_SHOP]: OTHER_TOKEN } });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  client = createAdminGraphqlClient({ shop: SHOP, accessToken: TOKEN, origin: api.url });
});

const TEE_M = "gid://shopify/LineItem/70011";
const CAP = "gid://shopify/LineItem/70012";
const MUG = "gid://shopify/LineItem/70013";
const WRAP = "gid://shopify/LineItem/70014";
const TEE_L = "gid://shopify/LineItem/70015";
const EBOOK = "gid://shopify/LineItem/70016";
const amounts = {
  currency: "JPY",
  taxesIncluded: true,
  subtotal: "16740.0",
  discounts: "0.0",
  shipping: "550.0",
  tax: "1571.0",
  total: "17290.0",
  outstanding: "17290.0",
};

/**
 * An order edited after checkout: one item goes from a store, the edit added a T-shirt and
 * a SKU-less gift wrap on a new fulfillment order, a size L already shipped, and an e-book
 * needs no shipping.
 */
function editedJapaneseOrder(): AdminOrderFixture {
  return {
    id: ORDER_GID,
    name: "#TG1001",
    number: 1001,
    updatedAt: "2026-07-02T01:02:03Z",
    cancelledAt: null,
    email: "hanako.yamada@example.jp",
    shippingAddress: {
      firstName: "花子",
      lastName: "山田",
      name: "山田 花子",
      company: "山田商事株式会社",
      address1: "丸の内1-9-1",
      address2: "グラントウキョウノースタワー 5F",
      city: "千代田区",
      province: "Tokyo",
      provinceCode: "JP-13",
      zip: "100-0005",
      countryCodeV2: "JP",
      phone: "+81 90-1234-5678",
    },
    amounts,
    lineItems: [
      { id: TEE_M, sku: "TEE-NAVY-M", name: "Tシャツ - ネイビー / M", quantity: 4, currentQuantity: 3, unitPrice: "3980.0", taxRates: [0.1] },
      { id: CAP, sku: "CAP-01", name: "キャップ", currentQuantity: 1, unitPrice: "2500.0", taxRates: [0.1] },
      { id: MUG, sku: "MUG-01", name: "マグカップ", currentQuantity: 1, unitPrice: "1500.0", taxRates: [0.1] },
      { id: WRAP, sku: null, name: "ギフト包装", currentQuantity: 1, unitPrice: "300.0", taxRates: [0.1] },
      { id: TEE_L, sku: "TEE-NAVY-L", name: "Tシャツ - ネイビー / L", currentQuantity: 1, unitPrice: "3980.0", taxRates: [0.1] },
      { id: EBOOK, sku: "EBOOK-01", name: "電子書籍", currentQuantity: 1, requiresShipping: false, unitPrice: "500.0", taxRates: [0.1] },
    ],
    fulfillmentOrders: [
      {
        id: "gid://shopify/FulfillmentOrder/801",
        status: "OPEN",
        locationId: OPENLOGI_WAREHOUSE,
        deliveryMethod: "SHIPPING",
        lineItems: [
          { id: "gid://shopify/FulfillmentOrderLineItem/9011", lineItemId: TEE_M, totalQuantity: 2, remainingQuantity: 2 },
          { id: "gid://shopify/FulfillmentOrderLineItem/9012", lineItemId: CAP, totalQuantity: 1, remainingQuantity: 1 },
        ],
      },
      {
        id: "gid://shopify/FulfillmentOrder/802",
        status: "OPEN",
        locationId: OSAKA_STORE,
        locationName: "大阪店",
        deliveryMethod: "PICK_UP",
        lineItems: [{ id: "gid://shopify/FulfillmentOrderLineItem/9021", lineItemId: MUG, totalQuantity: 1, remainingQuantity: 1 }],
      },
      {
        // The order edit's added items reached the fulfilment service as a new order.
        id: "gid://shopify/FulfillmentOrder/803",
        status: "OPEN",
        locationId: OPENLOGI_WAREHOUSE,
        deliveryMethod: "SHIPPING",
        lineItems: [
          { id: "gid://shopify/FulfillmentOrderLineItem/9031", lineItemId: TEE_M, totalQuantity: 1, remainingQuantity: 1 },
          { id: "gid://shopify/FulfillmentOrderLineItem/9032", lineItemId: WRAP, totalQuantity: 1, remainingQuantity: 1 },
        ],
      },
      {
        id: "gid://shopify/FulfillmentOrder/800",
        status: "CLOSED",
        locationId: OPENLOGI_WAREHOUSE,
        deliveryMethod: "SHIPPING",
        lineItems: [{ id: "gid://shopify/FulfillmentOrderLineItem/9001", lineItemId: TEE_L, totalQuantity: 1, remainingQuantity: 0 }],
      },
      {
        id: "gid://shopify/FulfillmentOrder/804",
        status: "CLOSED",
        locationId: OPENLOGI_WAREHOUSE,
        deliveryMethod: "NONE",
        lineItems: [{ id: "gid://shopify/FulfillmentOrderLineItem/9041", lineItemId: EBOOK, totalQuantity: 1, remainingQuantity: 0 }],
      },
    ],
  };
}

describe("fetchOrderSnapshot", () => {
  it("maps an edited Japanese order, with every line, fulfillment order and figure, onto the snapshot", async () => {
    // GIVEN
    api.setOrder(SHOP, editedJapaneseOrder());

    // WHEN
    const snapshot = await fetchOrderSnapshot(client, ORDER_GID);

    // THEN
    expect(snapshot).toEqual<OrderSnapshot>({
      id: ORDER_GID,
      legacyId: "5550001",
      name: "#TG1001",
      number: 1001,
      updatedAt: "2026-07-02T01:02:03Z",
      cancelledAt: null,
      email: "hanako.yamada@example.jp",
      shippingAddress: {
        firstName: "花子",
        lastName: "山田",
        name: "山田 花子",
        company: "山田商事株式会社",
        address1: "丸の内1-9-1",
        address2: "グラントウキョウノースタワー 5F",
        city: "千代田区",
        province: "Tokyo",
        provinceCode: "JP-13",
        zip: "100-0005",
        countryCode: "JP",
        phone: "+81 90-1234-5678",
      },
      lineItems: [
        { id: TEE_M, sku: "TEE-NAVY-M", title: "Tシャツ - ネイビー / M", currentQuantity: 3, requiresShipping: true, unitPrice: 3980, reducedTax: false },
        { id: CAP, sku: "CAP-01", title: "キャップ", currentQuantity: 1, requiresShipping: true, unitPrice: 2500, reducedTax: false },
        { id: MUG, sku: "MUG-01", title: "マグカップ", currentQuantity: 1, requiresShipping: true, unitPrice: 1500, reducedTax: false },
        { id: WRAP, sku: null, title: "ギフト包装", currentQuantity: 1, requiresShipping: true, unitPrice: 300, reducedTax: false },
        { id: TEE_L, sku: "TEE-NAVY-L", title: "Tシャツ - ネイビー / L", currentQuantity: 1, requiresShipping: true, unitPrice: 3980, reducedTax: false },
        { id: EBOOK, sku: "EBOOK-01", title: "電子書籍", currentQuantity: 1, requiresShipping: false, unitPrice: 500, reducedTax: false },
      ],
      fulfillmentOrders: [
        {
          id: "gid://shopify/FulfillmentOrder/801",
          status: "OPEN",
          locationId: OPENLOGI_WAREHOUSE,
          deliveryMethod: "SHIPPING",
          lineItems: [
            { lineItemId: TEE_M, totalQuantity: 2, remainingQuantity: 2 },
            { lineItemId: CAP, totalQuantity: 1, remainingQuantity: 1 },
          ],
        },
        {
          id: "gid://shopify/FulfillmentOrder/802",
          status: "OPEN",
          locationId: OSAKA_STORE,
          deliveryMethod: "PICK_UP",
          lineItems: [{ lineItemId: MUG, totalQuantity: 1, remainingQuantity: 1 }],
        },
        {
          id: "gid://shopify/FulfillmentOrder/803",
          status: "OPEN",
          locationId: OPENLOGI_WAREHOUSE,
          deliveryMethod: "SHIPPING",
          lineItems: [
            { lineItemId: TEE_M, totalQuantity: 1, remainingQuantity: 1 },
            { lineItemId: WRAP, totalQuantity: 1, remainingQuantity: 1 },
          ],
        },
        {
          id: "gid://shopify/FulfillmentOrder/800",
          status: "CLOSED",
          locationId: OPENLOGI_WAREHOUSE,
          deliveryMethod: "SHIPPING",
          lineItems: [{ lineItemId: TEE_L, totalQuantity: 1, remainingQuantity: 0 }],
        },
        {
          id: "gid://shopify/FulfillmentOrder/804",
          status: "CLOSED",
          locationId: OPENLOGI_WAREHOUSE,
          deliveryMethod: "NONE",
          lineItems: [{ lineItemId: EBOOK, totalQuantity: 1, remainingQuantity: 0 }],
        },
      ],
      amounts: { currency: "JPY", subtotal: 16740, discounts: 0, shipping: 550, tax: 1571, total: 17290, outstanding: 17290, taxesIncluded: true },
    });
  });

  it("asks the 2026-07 endpoint with the shop's token, in one request for a small order", async () => {
    api.setOrder(SHOP, editedJapaneseOrder());

    await fetchOrderSnapshot(client, ORDER_GID);

    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({
      shop: SHOP,
      apiVersion: "2026-07",
      operationName: "FetchOrderForSync",
      variables: { id: ORDER_GID },
      status: 200,
    });
  });

  it("stays within Shopify's 1,000-point limit for one query", () => {
    for (const document of [FETCH_ORDER_FOR_SYNC, FETCH_ORDER_LINE_ITEMS, FETCH_ORDER_FULFILLMENT_ORDERS, FETCH_FULFILLMENT_ORDER_LINE_ITEMS]) {
      expect(estimateQueryCost(loadAdminSchema(), parse(document))).toBeLessThanOrEqual(1000);
    }
  });

  it("reads a cancelled order's cancellation time and an updated address after the seed changes", async () => {
    api.setOrder(SHOP, editedJapaneseOrder());
    api.updateOrder(SHOP, ORDER_GID, {
      cancelledAt: "2026-07-02T01:02:03Z",
      shippingAddress: { ...editedJapaneseOrder().shippingAddress!, provinceCode: "JP-27", city: "大阪市北区" },
    });

    const snapshot = await fetchOrderSnapshot(client, ORDER_GID);

    expect(snapshot?.cancelledAt).toBe("2026-07-02T01:02:03Z");
    expect(snapshot?.shippingAddress).toMatchObject({ provinceCode: "JP-27", city: "大阪市北区" });
  });

  it("keeps the fulfillment order line item's SKU when the order line item has none", async () => {
    const order = editedJapaneseOrder();
    order.lineItems = [{ id: TEE_M, sku: "", name: "ステッカー", currentQuantity: 4 }];
    order.fulfillmentOrders = [
      {
        id: "gid://shopify/FulfillmentOrder/900",
        status: "IN_PROGRESS",
        locationId: null,
        deliveryMethod: null,
        lineItems: [{ id: "gid://shopify/FulfillmentOrderLineItem/9901", lineItemId: TEE_M, sku: "FO-ONLY", totalQuantity: 4, remainingQuantity: 4 }],
      },
    ];
    api.setOrder(SHOP, order);

    const snapshot = await fetchOrderSnapshot(client, ORDER_GID);

    expect(snapshot?.lineItems[0]).toMatchObject({ sku: "FO-ONLY", title: "ステッカー" });
    expect(snapshot?.fulfillmentOrders).toEqual([
      {
        id: "gid://shopify/FulfillmentOrder/900",
        status: "IN_PROGRESS",
        locationId: null,
        deliveryMethod: null,
        lineItems: [{ lineItemId: TEE_M, totalQuantity: 4, remainingQuantity: 4 }],
      },
    ]);
  });

  it("follows every page of lines, of fulfillment orders and of their line items", async () => {
    // GIVEN 120 lines (50 + 70), 23 fulfillment orders (3 pages of 10); the 12th has 130 line items (25 + 100 + 5).
    const lineItems = Array.from({ length: 120 }, (_, l) => ({
      id: `gid://shopify/LineItem/${80000 + l}`,
      sku: `SKU-${l}`,
      name: `Item ${l}`,
      currentQuantity: l + 1,
    }));
    const fulfillmentOrders: AdminFulfillmentOrderFixture[] = Array.from({ length: 23 }, (_, f) => ({
      id: `gid://shopify/FulfillmentOrder/${1000 + f}`,
      status: f % 2 === 0 ? "OPEN" : "CLOSED",
      locationId: OPENLOGI_WAREHOUSE,
      deliveryMethod: "SHIPPING",
      lineItems: Array.from({ length: f === 11 ? 130 : 1 }, (_, l) => ({
        id: `gid://shopify/FulfillmentOrderLineItem/${(1000 + f) * 1000 + l}`,
        lineItemId: lineItems[f === 11 ? l % 120 : f].id,
        totalQuantity: l + 1,
        remainingQuantity: l + 1,
      })),
    }));
    api.setOrder(SHOP, { ...editedJapaneseOrder(), lineItems, fulfillmentOrders });

    // WHEN
    const snapshot = await fetchOrderSnapshot(client, ORDER_GID);

    // THEN every line and fulfillment order is there once, in order, with all of its lines.
    expect(snapshot?.lineItems.map((line) => line.sku)).toEqual(lineItems.map((line) => line.sku));
    expect(snapshot?.fulfillmentOrders.map((fo) => fo.id)).toEqual(fulfillmentOrders.map((fo) => fo.id));
    const big = snapshot!.fulfillmentOrders[11];
    expect(big.lineItems).toHaveLength(130);
    expect(big.lineItems[129]).toEqual({ lineItemId: lineItems[9].id, totalQuantity: 130, remainingQuantity: 130 });
    // AND the pages were asked for with the cursors Shopify handed out.
    expect(api.requests.map((r) => r.operationName)).toEqual([
      "FetchOrderForSync",
      "FetchOrderLineItems",
      "FetchOrderFulfillmentOrders",
      "FetchOrderFulfillmentOrders",
      "FetchFulfillmentOrderLineItems",
      "FetchFulfillmentOrderLineItems",
    ]);
    expect(api.requests.every((r) => r.status === 200)).toBe(true);
    const [first, lines2, page2, page3, foLines2, foLines3] = api.requests.map((r) => r.variables);
    expect(first).toEqual({ id: ORDER_GID });
    expect(lines2).toEqual({ id: ORDER_GID, after: expect.any(String) });
    expect(page2).toEqual({ id: ORDER_GID, after: expect.any(String) });
    expect(page3.after).not.toBe(page2.after);
    expect(foLines2).toEqual({ id: "gid://shopify/FulfillmentOrder/1011", after: expect.any(String) });
    expect(foLines3.after).not.toBe(foLines2.after);
  });

  it("returns null when the order does not exist", async () => {
    api.setOrder(SHOP, editedJapaneseOrder());

    await expect(fetchOrderSnapshot(client, "gid://shopify/Order/404")).resolves.toBeNull();
  });

  it("does not read another shop's order with this shop's token", async () => {
    api.setOrder(OTHER_SHOP, editedJapaneseOrder());

    await expect(fetchOrderSnapshot(client, ORDER_GID)).resolves.toBeNull();
  });
});

describe("fetchOrderSnapshot errors", () => {
  beforeEach(() => {
    api.setOrder(SHOP, editedJapaneseOrder());
  });

  it("throws a non-retryable ShopifyAuthError when the token is not recognised", async () => {
    const revoked = createAdminGraphqlClient({ shop: SHOP, accessToken: "shpat_revoked", origin: api.url });

    const error = await fetchOrderSnapshot(revoked, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(api.requests[0].status).toBe(401);
  });

  it.each([
    ["401", { kind: "unauthorized" } as const, 401],
    ["403", { kind: "forbidden" } as const, 403],
  ])("throws a non-retryable ShopifyAuthError on HTTP %s", async (_label, failure, status) => {
    api.failNext(failure);

    const error = await fetchOrderSnapshot(client, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect(error).toMatchObject({ retryable: false, status });
  });

  it("throws a retryable ShopifyThrottledError on THROTTLED, waiting until the bucket holds the query's cost", async () => {
    api.failNext({ kind: "throttled", currentlyAvailable: 40 });
    const requestedQueryCost = estimateQueryCost(loadAdminSchema(), parse(FETCH_ORDER_FOR_SYNC));

    const error = await fetchOrderSnapshot(client, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyThrottledError);
    expect(error).toMatchObject({
      retryable: true,
      status: 200,
      // (requested − available) / 100 points per second
      retryAfterMs: Math.ceil(((requestedQueryCost - 40) / 100) * 1000),
    });
  });

  it("throws a retryable ShopifyThrottledError on HTTP 429, honouring Retry-After", async () => {
    api.failNext({ kind: "http429", retryAfterSeconds: 3 });

    const error = await fetchOrderSnapshot(client, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyThrottledError);
    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000 });
  });

  it("fails the whole read when a later page is throttled, rather than returning half an order", async () => {
    const order = editedJapaneseOrder();
    const template = order.fulfillmentOrders[0];
    api.setOrder(SHOP, {
      ...order,
      fulfillmentOrders: Array.from({ length: 12 }, (_, i) => ({ ...template, id: `gid://shopify/FulfillmentOrder/${i}` })),
    });
    const realFetch = globalThis.fetch;
    let calls = 0;
    const secondCallThrottled = createAdminGraphqlClient({
      shop: SHOP,
      accessToken: TOKEN,
      origin: api.url,
      fetch: (input, init) => {
        if (++calls === 2) api.failNext({ kind: "throttled", currentlyAvailable: 0 });
        return realFetch(input, init);
      },
    });

    await expect(fetchOrderSnapshot(secondCallThrottled, ORDER_GID)).rejects.toBeInstanceOf(ShopifyThrottledError);
    expect(api.requests.map((r) => r.operationName)).toEqual(["FetchOrderForSync", "FetchOrderFulfillmentOrders"]);
  });

  it.each([500, 502, 503])("throws a retryable ShopifyServerError on HTTP %i", async (status) => {
    api.failNext({ kind: "server", status });

    const error = await fetchOrderSnapshot(client, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyServerError);
    expect(error).toMatchObject({ retryable: true, status });
  });

  it("throws a retryable ShopifyServerError when the connection drops", async () => {
    api.failNext({ kind: "drop" });

    const error = await fetchOrderSnapshot(client, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyServerError);
    expect(error).toMatchObject({ retryable: true, status: null });
  });

  it("throws a retryable ShopifyServerError when the request times out", async () => {
    const hanging = createAdminGraphqlClient({
      shop: SHOP,
      accessToken: TOKEN,
      origin: api.url,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
        }),
    });

    const error = await fetchOrderSnapshot(hanging, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyServerError);
  });

  it("throws a non-retryable ShopifyRequestError carrying the codes of other GraphQL errors", async () => {
    // Shopify answers a field the app may not read (protected customer data) with ACCESS_DENIED.
    const denied = createAdminGraphqlClient({
      shop: SHOP,
      accessToken: TOKEN,
      origin: api.url,
      fetch: async () =>
        Response.json({
          data: { order: null },
          errors: [
            {
              message: "Access denied for shippingAddress field.",
              path: ["order", "shippingAddress"],
              extensions: { code: "ACCESS_DENIED" },
            },
          ],
        }),
    });

    const error = await fetchOrderSnapshot(denied, ORDER_GID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ShopifyRequestError);
    expect(error).toMatchObject({ retryable: false, status: 200, codes: ["ACCESS_DENIED"] });
  });
});
