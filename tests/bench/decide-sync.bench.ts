import { bench, describe } from "vitest";
import { decideSync } from "../../app/sync/decide-sync";
import type { ShipmentItemResponse, SyncInput, SyncSettings } from "../../app/sync/types";
import {
  OPENLOGI_LOCATION_ID,
  buildMailingAddress,
  buildOrderSnapshot,
  buildShipmentSnapshot,
  removeUnits,
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
  event: "updated",
  order: buildOrderSnapshot({ shippingAddress: buildMailingAddress({ address1: "丸の内1-9-1" }) }),
  shipment: buildShipmentSnapshot("waiting"),
  siblings: [],
  addedLineItemIds: new Set(),
  settings,
};

const picking: SyncInput = { ...typical, shipment: buildShipmentSnapshot("picking") };
const cancelled: SyncInput = { ...typical, event: "cancelled", order: { ...typical.order, cancelledAt: "2026-11-20T01:00:00Z" } };

// A 100-line order, a third of it already shipped, one line removed by an edit.
const lines = Array.from({ length: 100 }, (_, i) => ({
  sku: `SKU-${String(i).padStart(3, "0")}`,
  title: `商品 ${i}`,
  quantity: (i % 3) + 1,
  fulfilled: i % 3 === 0 ? 1 : 0,
  unitPrice: 1000,
}));
const shipmentItems: ShipmentItemResponse[] = lines.map((line, i) => ({
  id: `TS001-I${String(i).padStart(6, "0")}`,
  code: line.sku!,
  name: line.title,
  quantity: line.quantity,
  unit_price: 1000,
  price: 1000 * line.quantity,
}));
const large: SyncInput = {
  ...typical,
  event: "edited",
  order: removeUnits(buildOrderSnapshot({ lines }), "SKU-050", 3),
  shipment: buildShipmentSnapshot("waiting", { raw: { items: shipmentItems } }),
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
