/**
 * What the shipment should hold, from Shopify's fulfillment orders
 * (SPEC.md "Line items and their fulfillment state").
 */
import type { FulfillmentOrderStatus, OrderSnapshot } from "./types";

/** One OpenLogi item line: `code` is the Shopify SKU. */
export interface ItemLine {
  code: string;
  quantity: number;
}

/** The result of {@link desiredItems}. */
export interface DesiredItems {
  /** Per SKU, the quantity still to ship from the location; sorted by code, no zero lines. */
  items: ItemLine[];
  /** Titles of lines still to ship that have no SKU, so no OpenLogi item code. */
  missingSku: string[];
  /** Whether any fulfillment order, in any status, is assigned to the location. */
  atLocation: boolean;
}

/**
 * Statuses whose remaining quantity is still to ship. CLOSED lines are fulfilled (shipped,
 * not to be touched); CANCELLED and INCOMPLETE ones will not ship.
 */
function isStillToShip(status: FulfillmentOrderStatus): boolean {
  switch (status) {
    case "OPEN":
    case "IN_PROGRESS":
    case "ON_HOLD":
    case "SCHEDULED":
      return true;
    case "CLOSED":
    case "CANCELLED":
    case "INCOMPLETE":
      return false;
    default: {
      const unhandled: never = status;
      throw new Error(`unknown fulfillment order status: ${String(unhandled)}`);
    }
  }
}

/**
 * Sums each SKU's `remainingQuantity` over the fulfillment orders at `locationId` (every
 * location when null). Summing across fulfillment orders matters: after an order edit a
 * fulfilment service may get the added items as a new fulfillment order (Shopify's help).
 */
export function desiredItems(order: OrderSnapshot, locationId: string | null): DesiredItems {
  const quantities = new Map<string, number>();
  const missingSku: string[] = [];
  let atLocation = false;
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    if (!isAtLocation(fulfillmentOrder.locationId, locationId)) continue;
    atLocation = true;
    if (!isStillToShip(fulfillmentOrder.status)) continue;
    for (const line of fulfillmentOrder.lineItems) {
      if (line.remainingQuantity <= 0) continue;
      const code = (line.sku ?? "").trim();
      if (code === "") {
        if (!missingSku.includes(line.title)) missingSku.push(line.title);
        continue;
      }
      quantities.set(code, (quantities.get(code) ?? 0) + line.remainingQuantity);
    }
  }
  return { items: toItemLines(quantities), missingSku, atLocation };
}

/** Code → quantity sums as item lines: zero lines left out, sorted by code. */
export function toItemLines(quantities: Map<string, number>): ItemLine[] {
  return [...quantities]
    .map(([code, quantity]) => ({ code, quantity }))
    .filter((line) => line.quantity > 0)
    .sort((a, b) => compareCodes(a.code, b.code));
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by the numeric tail so "gid://shopify/Location/1" matches a stored "1". */
function isAtLocation(assigned: string | null, wanted: string | null): boolean {
  if (wanted === null) return true;
  if (assigned === null) return false;
  return idTail(assigned) === idTail(wanted);
}

function idTail(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}
