/**
 * What an OpenLogi shipment depends on, read from an `orders/updated` payload (issue 8 §6):
 * the recipient, the order's name, phone and email, each line's SKU and quantities still to
 * ship, the delivery method, what is still owed (a cash-on-delivery carrier collects it) and
 * the cancellation. Tags, notes, note attributes, payment status alone, customer details and
 * the like are left out: a change to them alone leaves the fingerprint as it was.
 *
 * Where SPEC.md "What counts as a difference" could be touched, the field is in, never out:
 * a fulfillment changes `fulfillable_quantity` and the fulfillments; a refund or an edit that
 * lowers a quantity changes `current_quantity`; a delivery method change changes the shipping
 * lines; a payment that changes what is owed changes `total_outstanding`.
 */
import { createHash } from "node:crypto";

const ADDRESS_FIELDS = [
  "first_name", "last_name", "name", "company", "address1", "address2",
  "city", "province", "province_code", "zip", "country_code", "phone",
] as const;
const LINE_FIELDS = [
  "id", "sku", "quantity", "current_quantity", "fulfillable_quantity",
  "requires_shipping", "fulfillment_status", "fulfillment_service", "variant_id",
] as const;
const SHIPPING_LINE_FIELDS = ["id", "code", "title", "source", "carrier_identifier", "is_removed"] as const;
const FULFILLMENT_FIELDS = ["id", "status", "location_id"] as const;
const ORDER_FIELDS = [
  "name", "order_number", "email", "contact_email", "phone", "cancelled_at", "cancel_reason",
  "current_subtotal_price", "current_total_discounts", "current_total_tax", "current_total_price", "total_outstanding",
] as const;

/**
 * The payload fields the fingerprint reads, as `include_fields` names them (a period for a
 * nested field). shopify.app.toml asks Shopify for these and the ones WEBHOOK_READ_FIELDS names.
 */
export const FINGERPRINT_FIELDS: readonly string[] = [
  ...ORDER_FIELDS,
  ...ADDRESS_FIELDS.map((field) => `shipping_address.${field}`),
  ...LINE_FIELDS.map((field) => `line_items.${field}`),
  ...SHIPPING_LINE_FIELDS.map((field) => `shipping_lines.${field}`),
  ...FULFILLMENT_FIELDS.map((field) => `fulfillments.${field}`),
];

/**
 * What the rest of the app reads from an `orders/updated` payload: the order's id (jobs/job-spec.ts,
 * its exact digits in the GID), its name (jobs/history-entry.ts), and `updated_at`, which Shopify
 * asks for so that two deliveries of one order never carry the same body and get debounced
 * (shopify.dev/docs/apps/build/webhooks/customize/modify-payloads).
 */
export const WEBHOOK_READ_FIELDS: readonly string[] = ["id", "admin_graphql_api_id", "name", "updated_at"];

type Fields = Record<string, unknown>;

/**
 * A hash of what the shipment depends on, or null when the payload does not say enough to
 * tell (no line items, no order fields): a delivery without a fingerprint is never skipped.
 */
export function orderFingerprint(payload: unknown): string | null {
  if (!isObject(payload) || !Array.isArray(payload.line_items)) return null;
  const lines = payload.line_items.filter(isObject).map((line) => pick(line, LINE_FIELDS));
  // Ordered by id, so that a payload listing the same lines in another order is the same.
  lines.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const shape = [
    pick(payload, ORDER_FIELDS),
    isObject(payload.shipping_address) ? pick(payload.shipping_address, ADDRESS_FIELDS) : null,
    lines,
    list(payload.shipping_lines).map((line) => pick(line, SHIPPING_LINE_FIELDS)),
    list(payload.fulfillments).map((fulfillment) => pick(fulfillment, FULFILLMENT_FIELDS)),
  ];
  return createHash("sha256").update(JSON.stringify(shape)).digest("base64url");
}

/** The values in a fixed order; ids as text, as parseWebhookBody keeps the ones past 2^53. */
function pick(source: Fields, fields: readonly string[]): unknown[] {
  return fields.map((field) => {
    const value = source[field];
    if (value === undefined) return null;
    return typeof value === "number" ? String(value) : value;
  });
}

function list(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
