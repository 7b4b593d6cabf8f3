import { bench, describe } from "vitest";
import { decideSync } from "../../app/sync/decide-sync";
import type { ShipmentItemResponse, SyncInput, SyncSettings } from "../../app/sync/types";
import {
  OPENLOGI_LOCATION_ID,
  buildFulfillmentOrder,
  buildMailingAddress,
  buildOrderSnapshot,
  buildShipmentSnapshot,
} from "../doubles/build-order-snapshot";

const settings: SyncSettings = {
  reflectChanges: true,
  cancelAfterConfirmation: false,
  modifyAfterConfirmation: true,
  reflectItemChanges: true,
  shipmentKey: "name",
  locationId: OPENLOGI_LOCATION_ID,
  paused: false,
};

// A typical orders/updated: the customer fixed the street; two items.
const typical: SyncInput = {
  event: "changed",
  order: buildOrderSnapshot({ shippingAddress: buildMailingAddress({ address1: "丸の内1-9-1" }) }),
  shipment: buildShipmentSnapshot("waiting"),
  shipmentCount: 1,
  settings,
};

const picking: SyncInput = { ...typical, shipment: buildShipmentSnapshot("picking") };
const cancelled: SyncInput = { ...typical, event: "cancelled" };

// A 100-line order split over two fulfillment orders, one line removed by an edit.
const lines = Array.from({ length: 100 }, (_, i) => ({
  sku: `SKU-${String(i).padStart(3, "0")}`,
  title: `商品 ${i}`,
  remainingQuantity: (i % 3) + 1,
}));
const shipmentItems: ShipmentItemResponse[] = lines.map((line, i) => ({
  id: `TS001-I${String(i).padStart(6, "0")}`,
  code: line.sku,
  name: line.title,
  quantity: line.remainingQuantity,
  unit_price: 1000,
  price: 1000 * line.remainingQuantity,
}));
const large: SyncInput = {
  event: "changed",
  order: buildOrderSnapshot({
    fulfillmentOrders: [
      buildFulfillmentOrder({ lineItems: lines.slice(0, 50) }),
      buildFulfillmentOrder({ id: "gid://shopify/FulfillmentOrder/1002", lineItems: lines.slice(51) }),
    ],
  }),
  shipment: buildShipmentSnapshot("waiting", { raw: { items: shipmentItems } }),
  shipmentCount: 1,
  settings,
};

describe("decideSync", () => {
  bench("typical order, address changed (update)", () => {
    decideSync(typical);
  });
  bench("typical order, picking (billable modify)", () => {
    decideSync(picking);
  });
  bench("typical order, cancelled", () => {
    decideSync(cancelled);
  });
  bench("100-line order, one line removed (update)", () => {
    decideSync(large);
  });
});
