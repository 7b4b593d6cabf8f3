/**
 * Request bodies built from the shipment OpenLogi holds. `PUT /shipments/{id}` replaces
 * the whole request (SPEC.md "Changes"): every field the merchant set in OpenLogi must be
 * sent back, or it is lost.
 */
import { toItemLines, type ItemLine } from "./items";
import type {
  ModifyShipmentWireBody,
  OpenLogiRecipient,
  ShipmentItemRequest,
  ShipmentItemResponse,
  ShipmentRequestBody,
  ShipmentResponse,
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
  shippingEmail?: string | null;
  items?: ItemLine[];
}

/** The `PUT` body: the shipment's own request fields, changed only where `update` says. */
export function buildUpdateBody(raw: ShipmentResponse, update: ShipmentUpdate): ShipmentRequestBody {
  const source = raw as unknown as Record<string, unknown>;
  const copied: Record<string, unknown> = {};
  for (const key of SHIPMENT_REQUEST_KEYS) {
    if (source[key] !== undefined) copied[key] = source[key];
  }
  const recipient = update.recipient ?? raw.recipient;
  return {
    ...(copied as Partial<ShipmentRequestBody>),
    identifier: raw.identifier ?? null,
    // Required by the generated type (contract defaults); false is what omitting them means.
    suspend: raw.suspend ?? false,
    cash_on_delivery: raw.cash_on_delivery ?? false,
    backorder_if_unavailable: false,
    international: recipient !== undefined ? isInternational(recipient) : (raw.international ?? false),
    ...(recipient !== undefined ? { recipient } : {}),
    ...(update.shippingEmail !== undefined ? { shipping_email: update.shippingEmail } : {}),
    items: update.items ? reconcileItems(raw.items ?? [], update.items) : currentItemRequests(raw),
  };
}

/**
 * The billable modify body: the new recipient, plus what the JSON schema requires
 * (`identifier`, `items` — the shipment's own, unchanged) and the delivery wishes it holds.
 */
export function buildModifyBody(raw: ShipmentResponse, recipient: OpenLogiRecipient): ModifyShipmentWireBody {
  return {
    identifier: raw.identifier ?? null,
    items: currentItemRequests(raw),
    recipient,
    ...(raw.delivery_time_slot ? { delivery_time_slot: raw.delivery_time_slot } : {}),
    ...(raw.delivery_date ? { delivery_date: raw.delivery_date } : {}),
  };
}

/** The shipment's items as request lines, unchanged. */
export function currentItemRequests(raw: ShipmentResponse): ShipmentItemRequest[] {
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

/**
 * New item lines that keep, for each code that remains, the existing line's other fields
 * (delivery-note name, prices, wrapping) in the existing order; added codes follow.
 */
function reconcileItems(existing: ShipmentItemResponse[], wanted: ItemLine[]): ShipmentItemRequest[] {
  const wantedByCode = new Map(wanted.map((line) => [line.code, line.quantity]));
  const result: ShipmentItemRequest[] = [];
  for (const item of existing) {
    const quantity = wantedByCode.get(item.code);
    if (quantity === undefined) continue;
    result.push(toItemRequest(item, quantity));
    wantedByCode.delete(item.code);
  }
  for (const line of wanted) {
    if (wantedByCode.has(line.code)) result.push({ code: line.code, quantity: line.quantity, backorder_if_unavailable: false });
  }
  return result;
}

/** Drops the response-only `id` and `backordered`; `backorder_if_unavailable` is not returned, so its default. */
function toItemRequest(item: ShipmentItemResponse, quantity: number): ShipmentItemRequest {
  const { id: _id, backordered: _backordered, quantity: _quantity, ...kept } = item;
  return { ...kept, quantity, backorder_if_unavailable: false };
}

/** An `InternationalAddress` is the recipient shape with a `region_code`. */
export function isInternational(recipient: OpenLogiRecipient): boolean {
  return "region_code" in recipient;
}
