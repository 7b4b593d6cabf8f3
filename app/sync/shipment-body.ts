/**
 * Request bodies built from the shipment OpenLogi holds. `PUT /shipments/{id}` replaces
 * the whole request (SPEC.md "Changes"): every field the merchant set in OpenLogi must be
 * sent back, or it is lost.
 */
import type { AmountField, ItemFigures } from "./amounts";
import { toItemLines, type ItemLine } from "./items";
import type {
  ModifyShipmentWireBody,
  OpenLogiRecipient,
  ShipmentItemResponse,
  ShipmentItemUpdate,
  ShipmentRequestBody,
  ShipmentResponse,
  ShipmentUpdateBody,
} from "./types";

/**
 * Every key `ShipmentRequest` accepts (with `SenderRequest` and `Recipient`). The check
 * below fails to compile if the contract gains a key this list lacks. Response-only
 * fields (id, status, label_note, assigned_shipping_date, delivery_day, tracking codes,
 * packages, …) are not here, so they are never sent back.
 */
export const SHIPMENT_REQUEST_KEYS = [
  "identifier", "order_no", "subtotal_amount", "delivery_charge", "handling_charge",
  "discount_amount", "total_amount", "cushioning_unit", "cushioning_type", "gift_wrapping_unit",
  "gift_wrapping_type", "gift_sender_name", "bundled_items", "shipping_email",
  "delivery_note_type", "price_on_delivery_note", "message", "suspend", "shipping_date", "tax",
  "total_with_normal_tax", "total_with_reduced_tax", "delivery_carrier", "delivery_time_slot",
  "delivery_date", "cash_on_delivery", "total_for_cash_on_delivery", "tax_for_cash_on_delivery",
  "delivery_method", "delivery_options", "warehouse", "items", "international",
  "delivery_service", "currency_code", "insurance", "backorder_if_unavailable", "purpose",
  "allocate_priority", "tax_number", "sender", "recipient",
] as const satisfies readonly (keyof ShipmentRequestBody)[];

type UnlistedKey = Exclude<keyof ShipmentRequestBody, (typeof SHIPMENT_REQUEST_KEYS)[number]>;
const everyRequestKeyListed: [UnlistedKey] extends [never] ? true : UnlistedKey = true;
void everyRequestKeyListed;

/** What the update changes; a field left undefined keeps the shipment's value. */
export interface ShipmentUpdate {
  recipient?: OpenLogiRecipient;
  shippingEmail?: string;
  items?: ItemLine[];
  /** With `items`: the amounts that follow them (sync/amounts.ts). */
  amounts?: { fields: Partial<Record<AmountField, number>>; items: ReadonlyMap<string, ItemFigures>; prices: boolean };
}

/** The `PUT` body: the shipment's own request fields, changed only where `update` says. */
export function buildUpdateBody(raw: ShipmentResponse, update: ShipmentUpdate): ShipmentUpdateBody {
  const source = raw as unknown as Record<string, unknown>;
  const copied: Record<string, unknown> = {};
  for (const key of SHIPMENT_REQUEST_KEYS) {
    if (source[key] !== undefined) copied[key] = source[key];
  }
  delete copied.backorder_if_unavailable;
  const recipient = update.recipient;
  return {
    ...(copied as Partial<ShipmentUpdateBody>),
    ...update.amounts?.fields,
    // The request schema requires the key; null is what a shipment without one has.
    identifier: raw.identifier ?? null,
    // GET never returns this flag: keep it on where the shipment shows a backorder, never invent false.
    ...(isBackordered(raw) ? { backorder_if_unavailable: true as const } : {}),
    // A new recipient says whether the shipment is international; otherwise GET's value stands.
    ...(recipient !== undefined ? { recipient, international: isInternational(recipient) } : {}),
    ...(update.shippingEmail !== undefined ? { shipping_email: update.shippingEmail } : {}),
    items: update.items ? reconcileItemLines(raw.items ?? [], update.items, update.amounts) : currentItemRequests(raw),
  };
}

/**
 * The billable modify body: the new recipient, plus what the JSON schema requires
 * (`identifier` — the shipment's own or, lacking one, its order_no or the key it was
 * found by — and `items`, the shipment's own, unchanged) and the delivery wishes it holds.
 */
export function buildModifyBody(raw: ShipmentResponse, recipient: OpenLogiRecipient, foundBy: string): ModifyShipmentWireBody {
  return {
    identifier: raw.identifier || raw.order_no || foundBy,
    items: currentItemRequests(raw),
    recipient,
    ...(raw.delivery_time_slot ? { delivery_time_slot: raw.delivery_time_slot } : {}),
    ...(raw.delivery_date ? { delivery_date: raw.delivery_date } : {}),
  };
}

/** The shipment's items as request lines, unchanged. */
export function currentItemRequests(raw: ShipmentResponse): ShipmentItemUpdate[] {
  return (raw.items ?? []).map((item) => toItemRequest(item, item.quantity ?? 0));
}

/** The shipment's items as code → quantity lines, duplicates summed, sorted by code. */
export function currentItemLines(raw: ShipmentResponse): ItemLine[] {
  const quantities = new Map<string, number>();
  for (const item of raw.items ?? []) {
    quantities.set(item.code, (quantities.get(item.code) ?? 0) + (item.quantity ?? 0));
  }
  return toItemLines(quantities);
}

/** OpenLogi shows a backorder on the shipment's status or on an item (入荷待ち). */
function isBackordered(raw: ShipmentResponse): boolean {
  return raw.status === "backordered" || (raw.items ?? []).some((item) => item.backordered === true);
}

/**
 * New item lines that keep, for each code that remains, the existing line's other fields
 * (delivery-note name, wrapping, cushioning) in the existing order; added codes follow,
 * named as the order names them. Where the shipment shows prices, each line's unit price,
 * amount and tax rate follow the order.
 */
function reconcileItemLines(
  existing: ShipmentItemResponse[],
  wanted: ItemLine[],
  amounts: ShipmentUpdate["amounts"],
): ShipmentItemUpdate[] {
  const figuresOf = (code: string) => (amounts?.prices ? amounts.items.get(code) : undefined);
  const wantedByCode = new Map(wanted.map((line) => [line.code, line.quantity]));
  const result: ShipmentItemUpdate[] = [];
  for (const item of existing) {
    const quantity = wantedByCode.get(item.code);
    if (quantity === undefined) continue;
    result.push(priced(toItemRequest(item, quantity), figuresOf(item.code)));
    wantedByCode.delete(item.code);
  }
  for (const line of wanted) {
    if (!wantedByCode.has(line.code)) continue;
    const title = amounts?.items.get(line.code)?.title;
    result.push(priced({ code: line.code, ...(title ? { name: title } : {}), quantity: line.quantity }, figuresOf(line.code)));
  }
  return result;
}

/**
 * The line's amount for its quantity, never the old one: at the order's unit price and tax
 * rate when they apply (`figures`), else at the shipment's own unit price. A line with
 * neither keeps no amount.
 */
function priced(item: ShipmentItemUpdate, figures: ItemFigures | undefined): ShipmentItemUpdate {
  const unitPrice = figures?.unitPrice ?? (typeof item.unit_price === "number" ? item.unit_price : null);
  if (unitPrice === null) return item.price == null ? item : { ...item, price: null };
  return {
    ...item,
    unit_price: unitPrice,
    // Rounded to hundredths so 19.99 × 3 is 59.97, not 59.970000000000006.
    price: Math.round(unitPrice * item.quantity * 100) / 100,
    ...(figures && figures.reducedTax !== null ? { is_reduced_tax: figures.reducedTax } : {}),
  };
}

/** Drops the response-only `id` and `backordered`. */
function toItemRequest(item: ShipmentItemResponse, quantity: number): ShipmentItemUpdate {
  const { id: _id, backordered: _backordered, quantity: _quantity, ...kept } = item;
  return { ...kept, quantity };
}

/** An `InternationalAddress` is the recipient shape with a `region_code`. */
export function isInternational(recipient: OpenLogiRecipient): boolean {
  return "region_code" in recipient;
}
