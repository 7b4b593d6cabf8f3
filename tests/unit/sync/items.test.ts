import { itemsAtLocation, reconcileItems, type ItemLine } from "../../../app/sync/items";
import type { FulfillmentOrderStatus, OrderSnapshot } from "../../../app/sync/types";
import {
  OPENLOGI_LOCATION_ID,
  STORE_LOCATION_ID,
  addLine,
  buildOrderSnapshot,
  fulfilAll,
  moveToLocation,
  removeUnits,
} from "../../doubles/build-order-snapshot";

const HELD: ItemLine[] = [
  { code: "MUG-WHITE", quantity: 2 },
  { code: "TSHIRT-NAVY-M", quantity: 1 },
];
const map = (entries: [string, number][]) => new Map(entries);
const at = (order: OrderSnapshot, locationId: string | null = OPENLOGI_LOCATION_ID) => itemsAtLocation(order, locationId);

describe("itemsAtLocation", () => {
  it("holds each SKU's quantity still to ship and current quantity at the location", () => {
    const items = at(buildOrderSnapshot());
    expect(items.toShip).toEqual(map([["TSHIRT-NAVY-M", 1], ["MUG-WHITE", 2]]));
    expect(items.current).toEqual(map([["TSHIRT-NAVY-M", 1], ["MUG-WHITE", 2]]));
    expect(items).toMatchObject({ atLocation: true, wholeOrder: true, withoutSku: [] });
  });

  it("lowers only what is still to ship when Shopify records a fulfilment", () => {
    const items = at(fulfilAll(buildOrderSnapshot()));
    expect(items.toShip).toEqual(map([["TSHIRT-NAVY-M", 0], ["MUG-WHITE", 0]]));
    expect(items.current).toEqual(map([["TSHIRT-NAVY-M", 1], ["MUG-WHITE", 2]]));
    expect(items.wholeOrder).toBe(false);
  });

  it("lowers both when an edit removes units", () => {
    const items = at(removeUnits(buildOrderSnapshot(), "MUG-WHITE", 1));
    expect(items.toShip.get("MUG-WHITE")).toBe(1);
    expect(items.current.get("MUG-WHITE")).toBe(1);
  });

  it("sums a SKU across fulfillment orders, as when an edit's added items arrive on a new one", () => {
    const { order } = addLine(buildOrderSnapshot(), { sku: "MUG-WHITE", title: "波佐見焼マグカップ ホワイト", quantity: 1, unitPrice: 1500 });
    expect(at(order).toShip.get("MUG-WHITE")).toBe(3);
  });

  it("counts only fulfillment orders at the chosen location, and every location when none is chosen", () => {
    const order = buildOrderSnapshot({
      lines: [
        { sku: "MUG-WHITE", title: "マグ", quantity: 2 },
        { sku: "CAP-BLACK", title: "キャップ", quantity: 4, locationId: STORE_LOCATION_ID },
      ],
    });
    expect([...at(order).toShip.keys()]).toEqual(["MUG-WHITE"]);
    expect(at(order).wholeOrder).toBe(false);
    expect(at(order, null).toShip.get("CAP-BLACK")).toBe(4);
  });

  it("matches a location stored as a bare id against the fulfillment order's GID", () => {
    expect(at(buildOrderSnapshot(), "1").atLocation).toBe(true);
    expect(at(buildOrderSnapshot(), "2").atLocation).toBe(false);
  });

  it.each(["PICK_UP", "LOCAL", "RETAIL", "NONE"] as const)(
    "never counts a fulfillment order delivered by %s, whatever the location setting",
    (deliveryMethod) => {
      const order = buildOrderSnapshot({
        lines: [
          { sku: "MUG-WHITE", title: "マグ", quantity: 2 },
          { sku: "CAP-BLACK", title: "キャップ", quantity: 1, deliveryMethod },
        ],
      });
      expect([...at(order, null).toShip.keys()]).toEqual(["MUG-WHITE"]);
    },
  );

  it("counts a pickup point and an order with no delivery method on record", () => {
    const order = buildOrderSnapshot({
      lines: [
        { sku: "MUG-WHITE", title: "マグ", quantity: 2, deliveryMethod: "PICKUP_POINT" },
        { sku: "CAP-BLACK", title: "キャップ", quantity: 1, deliveryMethod: null },
      ],
    });
    expect(at(order).toShip).toEqual(map([["MUG-WHITE", 2], ["CAP-BLACK", 1]]));
  });

  it("says an order of store pickup only is not at the location", () => {
    const order = buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 2, deliveryMethod: "PICK_UP" }] });
    expect(at(order).atLocation).toBe(false);
  });

  it("never counts a line that needs no shipping (a gift card), even on a shipping fulfillment order", () => {
    const order = buildOrderSnapshot({
      lines: [
        { sku: "MUG-WHITE", title: "マグ", quantity: 1 },
        { sku: "GIFTCARD-5000", title: "ギフトカード", quantity: 1, requiresShipping: false, deliveryMethod: "SHIPPING" },
      ],
    });
    expect([...at(order).toShip.keys()]).toEqual(["MUG-WHITE"]);
    expect(at(order).wholeOrder).toBe(true);
  });

  it.each<[FulfillmentOrderStatus, number]>([
    ["OPEN", 2],
    ["IN_PROGRESS", 2],
    ["ON_HOLD", 2],
    ["SCHEDULED", 2],
    ["CLOSED", 0],
    ["CANCELLED", 0],
    ["INCOMPLETE", 0],
  ])("counts what a %s fulfillment order has left to ship as %i", (status, toShip) => {
    const order = buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 2 }] });
    const items = at({ ...order, fulfillmentOrders: order.fulfillmentOrders.map((fo) => ({ ...fo, status })) });
    expect(items.toShip.get("MUG-WHITE")).toBe(toShip);
    expect(items.atLocation).toBe(true);
  });

  it("moves units assigned elsewhere out of the location's current quantity", () => {
    const items = at(moveToLocation(buildOrderSnapshot(), "MUG-WHITE", STORE_LOCATION_ID));
    expect(items.current).toEqual(map([["TSHIRT-NAVY-M", 1]]));
    expect(items.toShip).toEqual(map([["TSHIRT-NAVY-M", 1]]));
  });

  it("lists lines to ship that have no SKU, and knows every SKU the order ever had", () => {
    const order = removeUnits(
      buildOrderSnapshot({
        lines: [
          { sku: null, title: "手書きメッセージカード", quantity: 1 },
          { sku: "  ", title: "ラッピング袋", quantity: 1 },
          { sku: null, title: "発送済みのおまけ", quantity: 1, fulfilled: 1 },
          { sku: "MUG-WHITE", title: "マグ", quantity: 1 },
        ],
      }),
      "MUG-WHITE",
      1,
    );
    const items = at(order);
    expect(items.withoutSku.map((line) => line.title)).toEqual(["手書きメッセージカード", "ラッピング袋"]);
    expect([...items.orderSkus]).toEqual(["MUG-WHITE"]);
  });
});

describe("reconcileItems", () => {
  it("finds nothing to change when the shipment holds what the order asks", () => {
    expect(reconcileItems(at(buildOrderSnapshot()), HELD)).toMatchObject({ changed: false, after: HELD });
  });

  it("finds nothing to change once the warehouse shipped and Shopify closed the fulfillment order", () => {
    expect(reconcileItems(at(fulfilAll(buildOrderSnapshot())), HELD)).toMatchObject({
      changed: false,
      removedCodes: [],
      after: HELD,
    });
  });

  it("finds nothing to change when part of a line shipped earlier and was never in this shipment", () => {
    const order = buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 3, fulfilled: 1 }] });
    expect(reconcileItems(at(order), [{ code: "MUG-WHITE", quantity: 2 }]).changed).toBe(false);
  });

  it("removes what an edit removed", () => {
    const result = reconcileItems(at(removeUnits(buildOrderSnapshot(), "MUG-WHITE", 2)), HELD);
    expect(result).toMatchObject({ changed: true, removedCodes: ["MUG-WHITE"], addedCodes: [], after: [{ code: "TSHIRT-NAVY-M", quantity: 1 }] });
  });

  it("reduces what an edit reduced, even after part of the order shipped", () => {
    const order = removeUnits(buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 3, fulfilled: 1 }] }), "MUG-WHITE", 1);
    expect(reconcileItems(at(order), [{ code: "MUG-WHITE", quantity: 3 }])).toMatchObject({
      removedCodes: ["MUG-WHITE"],
      after: [{ code: "MUG-WHITE", quantity: 2 }],
    });
  });

  it("adds what an edit added", () => {
    const { order } = addLine(buildOrderSnapshot(), { sku: "CAP-BLACK", title: "キャップ", quantity: 1 });
    expect(reconcileItems(at(order), HELD)).toMatchObject({
      addedCodes: ["CAP-BLACK"],
      after: [{ code: "CAP-BLACK", quantity: 1 }, ...HELD],
    });
  });

  it("removes what moved to another location", () => {
    expect(reconcileItems(at(moveToLocation(buildOrderSnapshot(), "MUG-WHITE", STORE_LOCATION_ID)), HELD)).toMatchObject({
      removedCodes: ["MUG-WHITE"],
      after: [{ code: "TSHIRT-NAVY-M", quantity: 1 }],
    });
  });

  it("compares nothing when one held code is no SKU of the order: it may be the merchant's code for one", () => {
    // The shipment holds the mugs under the merchant's own code; MUG-WHITE is not missing from the parcel.
    const held = [{ code: "OL-MUG-01", quantity: 2 }, { code: "TSHIRT-NAVY-M", quantity: 1 }];
    expect(reconcileItems(at(buildOrderSnapshot()), held)).toMatchObject({ comparable: false, changed: false, after: held });
  });

  it("compares nothing when none of the held codes is a SKU of the order", () => {
    const result = reconcileItems(at(buildOrderSnapshot()), [{ code: "OL-0001", quantity: 1 }, { code: "OL-0002", quantity: 2 }]);
    expect(result).toMatchObject({ comparable: false, changed: false, removedCodes: [], addedCodes: [] });
  });
});
