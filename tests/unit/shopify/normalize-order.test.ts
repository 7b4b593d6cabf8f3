import {
  normalizeOrder,
  type AdminFulfillmentOrder,
  type AdminFulfillmentOrderLineItem,
  type AdminOrder,
  type AdminOrderLineItem,
} from "../../../app/shopify/normalize-order";

const TOKYO_WAREHOUSE = "gid://shopify/Location/1001";
const TEE = "gid://shopify/LineItem/1";

const money = (amount: string) => ({ presentmentMoney: { amount } });

function line(overrides: Partial<AdminOrderLineItem> = {}): AdminOrderLineItem {
  return {
    id: TEE,
    sku: "TEE-M",
    name: "Tシャツ - M",
    currentQuantity: 2,
    requiresShipping: true,
    originalUnitPriceSet: money("3980.0"),
    taxLines: [{ rate: 0.1 }],
    ...overrides,
  };
}

function fulfillmentOrderLine(overrides: Partial<AdminFulfillmentOrderLineItem> = {}): AdminFulfillmentOrderLineItem {
  return {
    id: "gid://shopify/FulfillmentOrderLineItem/1",
    sku: "TEE-M",
    totalQuantity: 2,
    remainingQuantity: 2,
    lineItem: { id: TEE },
    ...overrides,
  };
}

function fulfillmentOrder(overrides: Partial<AdminFulfillmentOrder> = {}): AdminFulfillmentOrder {
  return {
    id: "gid://shopify/FulfillmentOrder/10",
    status: "OPEN",
    assignedLocation: { location: { id: TOKYO_WAREHOUSE } },
    deliveryMethod: { methodType: "SHIPPING" },
    lineItems: [fulfillmentOrderLine()],
    ...overrides,
  };
}

function order(overrides: Partial<AdminOrder> = {}): AdminOrder {
  return {
    id: "gid://shopify/Order/450789469",
    legacyResourceId: "450789469",
    name: "#1001",
    number: 1001,
    updatedAt: "2026-11-20T01:00:00Z",
    cancelledAt: null,
    email: "hanako@example.jp",
    taxesIncluded: true,
    presentmentCurrencyCode: "JPY",
    currentSubtotalPriceSet: money("7960.0"),
    currentTotalDiscountsSet: money("0.0"),
    currentShippingPriceSet: money("550.0"),
    currentTotalTaxSet: money("773.0"),
    currentTotalPriceSet: money("8510.0"),
    totalOutstandingSet: money("8510.0"),
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
    lineItems: [line()],
    fulfillmentOrders: [fulfillmentOrder()],
    ...overrides,
  };
}

describe("normalizeOrder", () => {
  it("maps the order's identity, contact, address, lines, fulfillment orders and current figures", () => {
    expect(normalizeOrder(order())).toEqual({
      id: "gid://shopify/Order/450789469",
      legacyId: "450789469",
      name: "#1001",
      number: 1001,
      updatedAt: "2026-11-20T01:00:00Z",
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
      lineItems: [
        { id: TEE, sku: "TEE-M", title: "Tシャツ - M", currentQuantity: 2, requiresShipping: true, unitPrice: 3980, reducedTax: false },
      ],
      fulfillmentOrders: [
        {
          id: "gid://shopify/FulfillmentOrder/10",
          status: "OPEN",
          locationId: TOKYO_WAREHOUSE,
          deliveryMethod: "SHIPPING",
          lineItems: [{ lineItemId: TEE, totalQuantity: 2, remainingQuantity: 2 }],
        },
      ],
      amounts: { currency: "JPY", subtotal: 7960, discounts: 0, shipping: 550, tax: 773, total: 8510, outstanding: 8510, taxesIncluded: true },
    });
  });

  it("keeps a missing shipping address as null", () => {
    expect(normalizeOrder(order({ shippingAddress: null })).shippingAddress).toBeNull();
  });

  it("keeps a deleted location and a missing delivery method as null", () => {
    const snapshot = normalizeOrder(
      order({ fulfillmentOrders: [fulfillmentOrder({ assignedLocation: { location: null }, deliveryMethod: null })] }),
    );
    expect(snapshot.fulfillmentOrders[0]).toMatchObject({ locationId: null, deliveryMethod: null });
  });

  it("takes the order line's SKU, falling back to the fulfillment order line's, and a blank one as none", () => {
    const withFallback = normalizeOrder(order({ lineItems: [line({ sku: " " })], fulfillmentOrders: [fulfillmentOrder({ lineItems: [fulfillmentOrderLine({ sku: "FO-SKU" })] })] }));
    expect(withFallback.lineItems[0].sku).toBe("FO-SKU");
    const without = normalizeOrder(order({ lineItems: [line({ sku: "" })], fulfillmentOrders: [fulfillmentOrder({ lineItems: [fulfillmentOrderLine({ sku: null })] })] }));
    expect(without.lineItems[0].sku).toBeNull();
  });

  it.each<[number[], boolean | null]>([
    [[0.08], true],
    [[0.1], false],
    [[], null],
  ])("reads tax rates %j as reduced rate %s", (rates, reducedTax) => {
    const snapshot = normalizeOrder(order({ lineItems: [line({ taxLines: rates.map((rate) => ({ rate })) })] }));
    expect(snapshot.lineItems[0].reducedTax).toBe(reducedTax);
  });

  it("reads a line that needs no shipping and a removed line", () => {
    const snapshot = normalizeOrder(order({ lineItems: [line({ requiresShipping: false, currentQuantity: 0 })] }));
    expect(snapshot.lineItems[0]).toMatchObject({ requiresShipping: false, currentQuantity: 0 });
  });
});
