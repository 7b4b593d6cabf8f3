import { desiredItems } from "../../../app/sync/items";
import type { FulfillmentOrderStatus } from "../../../app/sync/types";
import { OPENLOGI_LOCATION_ID, buildFulfillmentOrder, buildOrderSnapshot } from "../../doubles/build-order-snapshot";

const OTHER_LOCATION = "gid://shopify/Location/2";

describe("desiredItems", () => {
  it("holds each SKU's remaining quantity at the location, sorted by code", () => {
    expect(desiredItems(buildOrderSnapshot(), OPENLOGI_LOCATION_ID)).toEqual({
      items: [
        { code: "MUG-WHITE", quantity: 2 },
        { code: "TSHIRT-NAVY-M", quantity: 1 },
      ],
      missingSku: [],
      atLocation: true,
    });
  });

  it("sums a SKU across fulfillment orders, as when an edit's added items arrive on a new one", () => {
    const order = buildOrderSnapshot({
      fulfillmentOrders: [
        buildFulfillmentOrder(),
        buildFulfillmentOrder({
          id: "gid://shopify/FulfillmentOrder/1002",
          lineItems: [
            { sku: "MUG-WHITE", title: "波佐見焼マグカップ ホワイト", remainingQuantity: 1 },
            { sku: "CAP-BLACK", title: "キャップ ブラック", remainingQuantity: 1 },
          ],
        }),
      ],
    });
    expect(desiredItems(order, OPENLOGI_LOCATION_ID).items).toEqual([
      { code: "CAP-BLACK", quantity: 1 },
      { code: "MUG-WHITE", quantity: 3 },
      { code: "TSHIRT-NAVY-M", quantity: 1 },
    ]);
  });

  it("counts only fulfillment orders at the chosen location", () => {
    const order = buildOrderSnapshot({
      fulfillmentOrders: [
        buildFulfillmentOrder(),
        buildFulfillmentOrder({ locationId: OTHER_LOCATION, lineItems: [{ sku: "CAP-BLACK", title: "キャップ", remainingQuantity: 4 }] }),
      ],
    });
    expect(desiredItems(order, OPENLOGI_LOCATION_ID).items.map((item) => item.code)).toEqual(["MUG-WHITE", "TSHIRT-NAVY-M"]);
  });

  it("counts every location when none is chosen", () => {
    const order = buildOrderSnapshot({
      fulfillmentOrders: [
        buildFulfillmentOrder(),
        buildFulfillmentOrder({ locationId: OTHER_LOCATION, lineItems: [{ sku: "CAP-BLACK", title: "キャップ", remainingQuantity: 4 }] }),
      ],
    });
    expect(desiredItems(order, null).items).toContainEqual({ code: "CAP-BLACK", quantity: 4 });
  });

  it("matches a location stored as a bare id against the fulfillment order's GID", () => {
    expect(desiredItems(buildOrderSnapshot(), "1").atLocation).toBe(true);
    expect(desiredItems(buildOrderSnapshot(), "2").atLocation).toBe(false);
  });

  it.each<[FulfillmentOrderStatus, boolean]>([
    ["OPEN", true],
    ["IN_PROGRESS", true],
    ["ON_HOLD", true],
    ["SCHEDULED", true],
    ["CLOSED", false],
    ["CANCELLED", false],
    ["INCOMPLETE", false],
  ])("counts a %s fulfillment order: %s", (status, counted) => {
    const result = desiredItems(buildOrderSnapshot({ fulfillmentOrders: [buildFulfillmentOrder({ status })] }), OPENLOGI_LOCATION_ID);
    expect(result.items.length > 0).toBe(counted);
    expect(result.atLocation).toBe(true);
  });

  it("leaves out lines already fulfilled (no remaining quantity)", () => {
    const order = buildOrderSnapshot({
      fulfillmentOrders: [
        buildFulfillmentOrder({
          lineItems: [
            { sku: "TSHIRT-NAVY-M", title: "Tシャツ", remainingQuantity: 0 },
            { sku: "MUG-WHITE", title: "マグ", remainingQuantity: 2 },
          ],
        }),
        buildFulfillmentOrder({ id: "gid://shopify/FulfillmentOrder/900", status: "CLOSED", lineItems: [{ sku: "TSHIRT-NAVY-M", title: "Tシャツ", remainingQuantity: 0 }] }),
      ],
    });
    expect(desiredItems(order, OPENLOGI_LOCATION_ID).items).toEqual([{ code: "MUG-WHITE", quantity: 2 }]);
  });

  it("lists the titles of lines to ship that have no SKU, once each", () => {
    const order = buildOrderSnapshot({
      fulfillmentOrders: [
        buildFulfillmentOrder({
          lineItems: [
            { sku: null, title: "手書きメッセージカード", remainingQuantity: 1 },
            { sku: "  ", title: "ラッピング袋", remainingQuantity: 1 },
            { sku: null, title: "手書きメッセージカード", remainingQuantity: 1 },
            { sku: null, title: "発送済みのおまけ", remainingQuantity: 0 },
            { sku: "MUG-WHITE", title: "マグ", remainingQuantity: 1 },
          ],
        }),
      ],
    });
    const result = desiredItems(order, OPENLOGI_LOCATION_ID);
    expect(result.missingSku).toEqual(["手書きメッセージカード", "ラッピング袋"]);
    expect(result.items).toEqual([{ code: "MUG-WHITE", quantity: 1 }]);
  });

  it("says the order is not at the location when nothing is assigned there", () => {
    const order = buildOrderSnapshot({ fulfillmentOrders: [buildFulfillmentOrder({ locationId: OTHER_LOCATION })] });
    expect(desiredItems(order, OPENLOGI_LOCATION_ID)).toEqual({ items: [], missingSku: [], atLocation: false });
  });

  it("says the order is at the location when its fulfillment order there is closed", () => {
    const order = buildOrderSnapshot({ fulfillmentOrders: [buildFulfillmentOrder({ status: "CLOSED" })] });
    expect(desiredItems(order, OPENLOGI_LOCATION_ID)).toEqual({ items: [], missingSku: [], atLocation: true });
  });
});
