/**
 * The sandbox's seeded orders: one per interesting row of SPEC.md, each told to both
 * doubles through scenario.ts, plus the changes `sandbox:send` makes to them.
 */
import { decideSync } from "../../app/sync/decide-sync";
import { shipmentKeyOf } from "../../app/sync/shipment-key";
import { bandOf } from "../../app/sync/status-band";
import type {
  MailingAddressSnapshot,
  OrderSnapshot,
  OutcomeCode,
  ShipmentResponse,
  ShipmentSnapshot,
  ShipmentStatus,
  SyncSettings,
} from "../../app/sync/types";
import {
  buildMailingAddress,
  DEFAULT_LINES,
  OPENLOGI_LOCATION_ID,
  removeUnits,
  STORE_LOCATION_ID,
} from "../doubles/build-order-snapshot";
import { STATUS_LABELS } from "../doubles/openlogi-double";
import { orderNumbered, shipmentFor } from "../doubles/scenario";

export { OPENLOGI_LOCATION_ID };
/** A store's own location (local pickup): its fulfillment orders are not OpenLogi's. */
export const OTHER_LOCATION_ID = STORE_LOCATION_ID;

export type CaseKind = "shipment" | "no_shipment" | "other_location" | "missing_sku";

export interface SandboxCase {
  number: number;
  kind: CaseKind;
  /** The seeded shipment's status; null when no shipment is seeded. */
  status: ShipmentStatus | null;
}

/** #1001 and #1003 are both waiting, so a cancel and an edit can be tried side by side. */
export const CASES: SandboxCase[] = [
  { number: 1001, kind: "shipment", status: "waiting" },
  { number: 1002, kind: "shipment", status: "backordered" },
  { number: 1003, kind: "shipment", status: "waiting" },
  { number: 1004, kind: "shipment", status: "allocating" },
  { number: 1005, kind: "shipment", status: "suspended" },
  { number: 1006, kind: "shipment", status: "picking" },
  { number: 1007, kind: "shipment", status: "picked" },
  { number: 1008, kind: "shipment", status: "working" },
  { number: 1009, kind: "shipment", status: "packed" },
  { number: 1010, kind: "shipment", status: "shipped" },
  { number: 1011, kind: "shipment", status: "cancel_request" },
  { number: 1012, kind: "shipment", status: "modify_request" },
  { number: 1013, kind: "no_shipment", status: null },
  { number: 1014, kind: "other_location", status: null },
  { number: 1015, kind: "missing_sku", status: "waiting" },
];

export interface SeededCase {
  case: SandboxCase;
  order: OrderSnapshot;
  shipment: ReturnType<typeof shipmentFor> | null;
}

export function buildCase(c: SandboxCase): SeededCase {
  let order = orderNumbered(c.number);
  if (c.kind === "other_location") {
    order = orderNumbered(c.number, {
      lines: DEFAULT_LINES.map((line) => ({ ...line, locationId: OTHER_LOCATION_ID, deliveryMethod: "PICK_UP" as const })),
    });
  } else if (c.kind === "missing_sku") {
    // OpenLogi's import skipped the line it could not map; the shipment holds the rest.
    order = orderNumbered(c.number, {
      lines: [...DEFAULT_LINES, { sku: null, title: "ギフトラッピング（SKUなし）", quantity: 1, unitPrice: 300 }],
    });
  }
  return { case: c, order, shipment: c.status ? shipmentFor(order, c.status) : null };
}

/** How the guide names a case's shipment: status, Japanese term and band. */
export function describeShipment(c: SandboxCase): { status: string; band: string } {
  if (c.kind === "no_shipment") return { status: "(no shipment)", band: "-" };
  if (c.kind === "other_location") return { status: "(store pickup)", band: "-" };
  const status = c.status!;
  return { status: `${status} ${STATUS_LABELS[status]}`, band: bandOf(status) };
}

// ---------------------------------------------------------------------------
// What `sandbox:send` does to an order in Shopify

/** Shopify cancels the order and its fulfillment orders that had not shipped. */
export function cancelOrder(order: OrderSnapshot, at: Date): OrderSnapshot {
  return {
    ...order,
    cancelledAt: order.cancelledAt ?? at.toISOString(),
    fulfillmentOrders: order.fulfillmentOrders.map((fo) => (fo.status === "CLOSED" ? fo : { ...fo, status: "CANCELLED" })),
  };
}

/** Addresses the customer moves between: each change differs from the one before. */
const NEW_ADDRESSES: MailingAddressSnapshot[] = [
  buildMailingAddress({ zip: "530-0001", province: "Ōsaka", provinceCode: "JP-27", city: "大阪市北区", address1: "梅田3-1-1", address2: "梅田タワー 12F" }),
  buildMailingAddress({ zip: "600-8216", province: "Kyōto", provinceCode: "JP-26", city: "京都市下京区", address1: "東塩小路町721-1", address2: null }),
];

export function changeAddress(order: OrderSnapshot, step: number): OrderSnapshot {
  return { ...order, shippingAddress: NEW_ADDRESSES[step % NEW_ADDRESSES.length] };
}

export function describeAddress(address: MailingAddressSnapshot | null): string {
  if (!address) return "(none)";
  return `〒${address.zip} ${address.city}${address.address1}${address.address2 ? ` ${address.address2}` : ""}`;
}

/**
 * An order edit that removes one unit of the last SKU'd line still to ship; null when
 * nothing is left. `lineItemId` is the removed line's GID, as the edit's payload names it.
 */
export function removeOneItem(order: OrderSnapshot): { order: OrderSnapshot; lineItemId: string; title: string } | null {
  const stillToShip = new Set(
    order.fulfillmentOrders
      .filter((fo) => fo.status === "OPEN")
      .flatMap((fo) => fo.lineItems.filter((line) => line.remainingQuantity > 0).map((line) => line.lineItemId)),
  );
  const line = [...order.lineItems].reverse().find((l) => l.sku && l.currentQuantity > 0 && stillToShip.has(l.id));
  if (!line) return null;
  return { order: removeUnits(order, line.sku!, 1), lineItemId: line.id, title: line.title };
}

// ---------------------------------------------------------------------------
// What the app should answer, from the app's own rules (the guide's columns)

export interface Prediction {
  outcome: OutcomeCode;
  actionRequired: boolean;
}

function toSnapshot(raw: ShipmentResponse): ShipmentSnapshot {
  return { id: raw.id!, identifier: raw.identifier ?? null, orderNo: raw.order_no ?? null, status: raw.status!, raw };
}

/** Runs decideSync on the order as `action` would leave it, against the seeded shipment. */
export function predict(seeded: SeededCase, action: "cancel" | "address" | "remove-item", settings: SyncSettings): Prediction {
  const { order, shipment } = seeded;
  const after =
    action === "cancel" ? cancelOrder(order, new Date()) : action === "address" ? changeAddress(order, 0) : (removeOneItem(order)?.order ?? order);
  // The worker finds the shipment by the configured key (identifier, else order_no).
  const key = shipmentKeyOf(order, settings.shipmentKey);
  const found = shipment && (shipment.identifier ?? shipment.order_no) === key ? toSnapshot(shipment) : null;
  const decision = decideSync({
    event: action === "cancel" ? "cancelled" : action === "address" ? "updated" : "edited",
    order: after,
    shipment: found,
    siblings: [],
    addedLineItemIds: new Set(),
    settings,
  });
  return { outcome: decision.outcome, actionRequired: decision.notices.some((notice) => notice.actionRequired) };
}
