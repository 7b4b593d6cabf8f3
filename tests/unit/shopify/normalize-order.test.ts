import {
  normalizeOrder,
  type AdminFulfillmentOrder,
  type AdminFulfillmentOrderLineItem,
  type AdminOrder,
} from "../../../app/shopify/normalize-order";

const TOKYO_WAREHOUSE = "gid://shopify/Location/1001";

function lineItem(overrides: Partial<AdminFulfillmentOrderLineItem> = {}): AdminFulfillmentOrderLineItem {
  return {
    id: "gid://shopify/FulfillmentOrderLineItem/1",
    sku: "TEE-M",
    remainingQuantity: 2,
    lineItem: { sku: "TEE-M", name: "Tシャツ - M" },
    ...overrides,
  };
}

function fulfillmentOrder(overrides: Partial<AdminFulfillmentOrder> = {}): AdminFulfillmentOrder {
  return {
    id: "gid://shopify/FulfillmentOrder/10",
    status: "OPEN",
    assignedLocation: { location: { id: TOKYO_WAREHOUSE } },
    lineItems: [lineItem()],
    ...overrides,
  };
}

function order(overrides: Partial<AdminOrder> = {}): AdminOrder {
  return {
    id: "gid://shopify/Order/450789469",
    legacyResourceId: "450789469",
    name: "#1001",
    number: 1001,
    cancelledAt: null,
    email: "hanako@example.jp",
    shippingAddress: {
      firstName: "花子",
      lastName: "山田",
      name: "山田 花子",
      company: null,
      address1: "千代田1-1",
      address2: "皇居ビル3F",
      city: "千代田区",
      province: "Tokyo",
      provinceCode: "JP-13",
      zip: "100-0001",
      countryCodeV2: "JP",
      phone: "+81 90-1234-5678",
    },
    fulfillmentOrders: [fulfillmentOrder()],
    ...overrides,
  };
}

describe("normalizeOrder", () => {
  it("maps the order's identity, contact and Japanese shipping address onto the snapshot", () => {
    const snapshot = normalizeOrder(order());

    expect(snapshot).toEqual({
      id: "gid://shopify/Order/450789469",
      legacyId: "450789469",
      name: "#1001",
      number: 1001,
      cancelledAt: null,
      email: "hanako@example.jp",
      shippingAddress: {
        firstName: "花子",
        lastName: "山田",
        name: "山田 花子",
        company: null,
        address1: "千代田1-1",
        address2: "皇居ビル3F",
        city: "千代田区",
        province: "Tokyo",
        provinceCode: "JP-13",
        zip: "100-0001",
        countryCode: "JP",
        phone: "+81 90-1234-5678",
      },
      fulfillmentOrders: [
        {
          id: "gid://shopify/FulfillmentOrder/10",
          status: "OPEN",
          locationId: TOKYO_WAREHOUSE,
          lineItems: [{ sku: "TEE-M", title: "Tシャツ - M", remainingQuantity: 2 }],
        },
      ],
    });
  });

  it("keeps the cancellation time and a missing email as they came", () => {
    const snapshot = normalizeOrder(order({ cancelledAt: "2026-07-01T03:04:05Z", email: null }));

    expect(snapshot.cancelledAt).toBe("2026-07-01T03:04:05Z");
    expect(snapshot.email).toBeNull();
  });

  it("gives a null shipping address for an order without one (local pickup, digital goods)", () => {
    expect(normalizeOrder(order({ shippingAddress: null })).shippingAddress).toBeNull();
  });

  it("keeps every fulfillment order, closed ones included, in Shopify's order", () => {
    const snapshot = normalizeOrder(
      order({
        fulfillmentOrders: [
          fulfillmentOrder({ id: "gid://shopify/FulfillmentOrder/1", status: "CLOSED" }),
          fulfillmentOrder({ id: "gid://shopify/FulfillmentOrder/2", status: "IN_PROGRESS" }),
          fulfillmentOrder({ id: "gid://shopify/FulfillmentOrder/3", status: "SCHEDULED" }),
        ],
      }),
    );

    expect(snapshot.fulfillmentOrders.map((fo) => [fo.id, fo.status])).toEqual([
      ["gid://shopify/FulfillmentOrder/1", "CLOSED"],
      ["gid://shopify/FulfillmentOrder/2", "IN_PROGRESS"],
      ["gid://shopify/FulfillmentOrder/3", "SCHEDULED"],
    ]);
  });

  it("gives a null location when the assigned location was deleted", () => {
    const snapshot = normalizeOrder(
      order({ fulfillmentOrders: [fulfillmentOrder({ assignedLocation: { location: null } })] }),
    );

    expect(snapshot.fulfillmentOrders[0].locationId).toBeNull();
  });

  it("prefers the order line item's SKU over the fulfillment order line item's", () => {
    const snapshot = normalizeOrder(
      order({
        fulfillmentOrders: [
          fulfillmentOrder({
            lineItems: [lineItem({ sku: "VARIANT-NOW", lineItem: { sku: "AT-ORDER", name: "Cap" } })],
          }),
        ],
      }),
    );

    expect(snapshot.fulfillmentOrders[0].lineItems[0].sku).toBe("AT-ORDER");
  });

  it("falls back to the fulfillment order line item's SKU when the line item has none", () => {
    const snapshot = normalizeOrder(
      order({
        fulfillmentOrders: [
          fulfillmentOrder({ lineItems: [lineItem({ sku: "FO-SKU", lineItem: { sku: null, name: "Cap" } })] }),
        ],
      }),
    );

    expect(snapshot.fulfillmentOrders[0].lineItems[0].sku).toBe("FO-SKU");
  });

  it.each([
    ["null", null],
    ["empty", ""],
    ["blank", "   "],
  ])("reports a %s SKU as null so that the core sees one kind of missing SKU", (_label, sku) => {
    const snapshot = normalizeOrder(
      order({
        fulfillmentOrders: [
          fulfillmentOrder({ lineItems: [lineItem({ sku, lineItem: { sku, name: "ギフト包装" } })] }),
        ],
      }),
    );

    expect(snapshot.fulfillmentOrders[0].lineItems[0]).toEqual({
      sku: null,
      title: "ギフト包装",
      remainingQuantity: 2,
    });
  });

  it("keeps lines with nothing left to fulfil, for the core to sum", () => {
    const snapshot = normalizeOrder(
      order({
        fulfillmentOrders: [
          fulfillmentOrder({
            lineItems: [lineItem({ remainingQuantity: 0 }), lineItem({ id: "x", sku: "B", remainingQuantity: 3 })],
          }),
        ],
      }),
    );

    expect(snapshot.fulfillmentOrders[0].lineItems.map((l) => l.remainingQuantity)).toEqual([0, 3]);
  });
});
