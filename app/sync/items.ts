/**
 * What the shipment should hold, from the order's lines and fulfillment orders
 * (SPEC.md "Line items and their fulfillment state" and "What counts as a difference").
 *
 * Two quantities per SKU matter. `toShip` is what is still to ship from the location: it
 * falls when Shopify records a fulfilment. `current` is the order's current quantity at
 * the location, fulfilled units included: it falls only when an edit removes units, or
 * when units are assigned to another location. Only a fall in `current` is a removal; a
 * refund of units already shipped (a return) is not one.
 */
import type { DeliveryMethodType, FulfillmentOrderStatus, OrderSnapshot } from "./types";

/** One OpenLogi item line: `code` is the Shopify SKU. */
export interface ItemLine {
  code: string;
  quantity: number;
}

/** A line still to ship from the location that has no SKU, so no OpenLogi item code. */
export interface LineWithoutSku {
  lineItemId: string;
  title: string;
}

/** What the order asks of the OpenLogi location. */
export interface LocationItems {
  /** Whether any line needing shipping is assigned to the location for a carrier to deliver. */
  atLocation: boolean;
  /** Per SKU, units still to ship from the location. */
  toShip: ReadonlyMap<string, number>;
  /** Per SKU, the order's current quantity at the location, fulfilled units included. */
  current: ReadonlyMap<string, number>;
  /** Every SKU the order's lines carry, removed lines included: codes a shipment may rightly hold. */
  orderSkus: ReadonlySet<string>;
  withoutSku: LineWithoutSku[];
  /** The location ships all of the order that needs shipping, and none of it has shipped. */
  wholeOrder: boolean;
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
 * Whether a carrier takes the fulfillment order to the customer. Store pickup, local
 * delivery and goods that need no delivery are never the warehouse's, whatever the
 * location setting. A pickup point is delivered to by a carrier, so it ships. An order
 * with no delivery method on record is left to the location setting.
 */
function shipsByCarrier(method: DeliveryMethodType | null): boolean {
  switch (method) {
    case null:
    case "SHIPPING":
    case "PICKUP_POINT":
      return true;
    case "PICK_UP":
    case "LOCAL":
    case "RETAIL":
    case "NONE":
      return false;
    default: {
      const unhandled: never = method;
      throw new Error(`unknown delivery method: ${String(unhandled)}`);
    }
  }
}

/**
 * Sums the order per SKU at `locationId` (every location when null). Summing across
 * fulfillment orders matters: after an edit a fulfilment service may get the added items
 * as a new fulfillment order (Shopify's help on order editing).
 */
export function itemsAtLocation(order: OrderSnapshot, locationId: string | null): LocationItems {
  const here = new Map<string, { total: number; remaining: number; fulfilled: number }>();
  const elsewhere = new Map<string, number>();
  const shippable = new Map(order.lineItems.filter((line) => line.requiresShipping).map((line) => [line.id, line]));
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    const ours = isAtLocation(fulfillmentOrder.locationId, locationId) && shipsByCarrier(fulfillmentOrder.deliveryMethod);
    // A cancelled fulfillment order holds nothing any more, here or elsewhere.
    if (fulfillmentOrder.status === "CANCELLED" && !ours) continue;
    for (const foLine of fulfillmentOrder.lineItems) {
      if (!shippable.has(foLine.lineItemId)) continue;
      if (!ours) {
        elsewhere.set(foLine.lineItemId, (elsewhere.get(foLine.lineItemId) ?? 0) + foLine.totalQuantity);
        continue;
      }
      const sums = here.get(foLine.lineItemId) ?? { total: 0, remaining: 0, fulfilled: 0 };
      if (fulfillmentOrder.status !== "CANCELLED") {
        sums.total += foLine.totalQuantity;
        sums.fulfilled += foLine.totalQuantity - foLine.remainingQuantity;
      }
      if (isStillToShip(fulfillmentOrder.status)) sums.remaining += foLine.remainingQuantity;
      here.set(foLine.lineItemId, sums);
    }
  }

  const toShip = new Map<string, number>();
  const current = new Map<string, number>();
  const withoutSku: LineWithoutSku[] = [];
  let wholeOrder = true;
  for (const line of shippable.values()) {
    const sums = here.get(line.id);
    if (!sums) {
      if (line.currentQuantity > 0) wholeOrder = false;
      continue;
    }
    // Units assigned elsewhere (moved, or for pickup) are no longer this location's; units
    // shipped from here stay its own even when refunded (currentQuantity leaves out refunds).
    const currentHere = Math.max(sums.fulfilled, Math.min(sums.total, line.currentQuantity - (elsewhere.get(line.id) ?? 0)));
    const remaining = Math.min(sums.remaining, currentHere);
    if (line.currentQuantity > 0 && remaining !== line.currentQuantity) wholeOrder = false;
    const code = skuOf(line.sku);
    if (code === null) {
      if (remaining > 0) withoutSku.push({ lineItemId: line.id, title: line.title });
      continue;
    }
    add(current, code, currentHere);
    add(toShip, code, remaining);
  }
  const orderSkus = new Set(order.lineItems.map((line) => skuOf(line.sku)).filter((code): code is string => code !== null));
  return { atLocation: here.size > 0, toShip, current, orderSkus, withoutSku, wholeOrder };
}

/** How the items the order's shipments hold compare with what the order asks. */
export interface ItemReconciliation {
  /**
   * False when a held code is no SKU of the order: it may be the merchant's own code for a
   * SKU, so the SKU missing from the shipment need not be missing from the parcel. Nothing is
   * said about items then.
   */
  comparable: boolean;
  before: ItemLine[];
  after: ItemLine[];
  /** Codes held in a larger quantity than the order now has: removed by an edit, or moved away. */
  removedCodes: string[];
  /** Codes the order wants more of than is held. */
  addedCodes: string[];
  changed: boolean;
}

/**
 * Per code, what should be held: never more than the order's current quantity (a removal),
 * never less than what is still to ship (an addition), and otherwise what is held — so a
 * fulfilment, which lowers only what is still to ship, changes nothing.
 */
export function reconcileItems(location: LocationItems, held: ItemLine[]): ItemReconciliation {
  const heldByCode = new Map(held.map((line) => [line.code, line.quantity]));
  const comparable = held.every((line) => location.orderSkus.has(line.code));
  const target = new Map<string, number>();
  const codes = new Set([...heldByCode.keys(), ...(comparable ? location.toShip.keys() : [])]);
  for (const code of codes) {
    const holds = heldByCode.get(code) ?? 0;
    target.set(
      code,
      comparable ? Math.max(Math.min(holds, location.current.get(code) ?? 0), location.toShip.get(code) ?? 0) : holds,
    );
  }
  const after = toItemLines(target);
  const removedCodes = [...codes].filter((code) => (target.get(code) ?? 0) < (heldByCode.get(code) ?? 0)).sort(compareCodes);
  const addedCodes = [...codes].filter((code) => (target.get(code) ?? 0) > (heldByCode.get(code) ?? 0)).sort(compareCodes);
  const before = toItemLines(heldByCode);
  return { comparable, before, after, removedCodes, addedCodes, changed: removedCodes.length + addedCodes.length > 0 };
}

/** Sums item lines of several shipments per code. */
export function sumItemLines(lists: ItemLine[][]): ItemLine[] {
  const quantities = new Map<string, number>();
  for (const line of lists.flat()) add(quantities, line.code, line.quantity);
  return toItemLines(quantities);
}

/** Code → quantity sums as item lines: zero lines left out, sorted by code. */
export function toItemLines(quantities: ReadonlyMap<string, number>): ItemLine[] {
  return [...quantities]
    .map(([code, quantity]) => ({ code, quantity }))
    .filter((line) => line.quantity > 0)
    .sort((a, b) => compareCodes(a.code, b.code));
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A blank SKU is no SKU: the core has one way to see it. */
export function skuOf(sku: string | null): string | null {
  const code = (sku ?? "").trim();
  return code === "" ? null : code;
}

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Compares by the numeric tail so "gid://shopify/Location/1" matches a stored "1". */
function isAtLocation(assigned: string | null, wanted: string | null): boolean {
  if (wanted === null) return true;
  if (assigned === null) return false;
  return idTail(assigned) === idTail(wanted);
}

export function idTail(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}
