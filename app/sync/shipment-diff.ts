/**
 * "Difference" as SPEC.md defines it ("Changes" and "What counts as a difference"): what
 * the shipment should hold against what it holds, over recipient, `shipping_email` and
 * items. Values are normalised first so formatting alone (a hyphen in a phone, a space in
 * a name, case in an email) is never a change, and what the mapping cannot produce is
 * never one either: a false difference after confirmation costs the merchant a billable
 * request.
 */
import { reconcileItems, sumItemLines, type ItemLine, type ItemReconciliation, type LocationItems } from "./items";
import { toOpenLogiRecipient, type RecipientMapping } from "./recipient";
import { currentItemLines, isInternational } from "./shipment-body";
import type { OpenLogiRecipient, OrderSnapshot, ShipmentSnapshot } from "./types";

/** How the shipment differs from the order. */
export interface ShipmentDiff {
  recipient: {
    changed: boolean;
    before: OpenLogiRecipient | null;
    /** What the shipment should hold; null when the order has no shipping address (left alone). */
    after: OpenLogiRecipient | null;
    mapping: RecipientMapping | null;
  };
  email: { changed: boolean; before: string | null; after: string | null };
  /** Compared over every shipment of the order; `own` is what this one holds. */
  items: ItemReconciliation & { own: ItemLine[] };
}

const DOMESTIC_FIELDS = ["name", "postcode", "prefecture", "address1", "address2", "phone", "company"] as const;
const INTERNATIONAL_FIELDS = ["region_code", "postcode", "city", "address", "name", "phone"] as const;
/** Compared by their digits only ("1000001" = "100-0001"); an international postcode may hold letters. */
const DOMESTIC_DIGIT_FIELDS: ReadonlySet<string> = new Set(["postcode", "phone"]);
const INTERNATIONAL_DIGIT_FIELDS: ReadonlySet<string> = new Set(["phone"]);

/** Compares one shipment (and the order's other shipments, for items) with the order. */
export function diffShipment(
  order: OrderSnapshot,
  shipment: ShipmentSnapshot,
  siblings: ShipmentSnapshot[],
  location: LocationItems,
): ShipmentDiff {
  const raw = shipment.raw;
  const before = raw.recipient ?? null;
  const mapping = order.shippingAddress ? toOpenLogiRecipient(order.shippingAddress) : null;
  const after = mapping ? keepShipmentValues(mapping, before) : null;

  const emailBefore = nonEmpty(raw.shipping_email);
  const emailAfter = nonEmpty(order.email);

  const own = currentItemLines(raw);
  const held = sumItemLines([own, ...siblings.map((sibling) => currentItemLines(sibling.raw))]);
  return {
    recipient: { changed: after !== null && !sameRecipient(before, after), before, after, mapping },
    email: {
      // A shipment made without an email sends no shipping notices: it stays without one.
      // An order without an email is nothing the mapping can send.
      changed: emailBefore !== null && emailAfter !== null && normaliseText(emailBefore) !== normaliseText(emailAfter),
      before: emailBefore,
      after: emailAfter,
    },
    items: { ...reconcileItems(location, held), own },
  };
}

/**
 * The mapped recipient, with the shipment's own value wherever the order gave none (a
 * phone that is not a domestic number, a missing international postcode) and the
 * 部署 (division), which Shopify's address does not have.
 */
function keepShipmentValues(mapping: RecipientMapping, stored: OpenLogiRecipient | null): OpenLogiRecipient {
  const mapped = mapping.recipient;
  if (stored === null || isInternational(stored) !== isInternational(mapped)) return mapped;
  const kept: Record<string, unknown> = { ...mapped };
  const source = stored as Record<string, unknown>;
  for (const field of mapping.unmapped) {
    const value = source[field];
    if (typeof value === "string" && value.trim() !== "" && value !== "---") kept[field] = value;
  }
  if (typeof source.division === "string" && source.division !== "") kept.division = source.division;
  return kept as OpenLogiRecipient;
}

function sameRecipient(stored: OpenLogiRecipient | null, wanted: OpenLogiRecipient): boolean {
  if (stored === null || isInternational(stored) !== isInternational(wanted)) return false;
  const international = isInternational(wanted);
  const fields = international ? INTERNATIONAL_FIELDS : DOMESTIC_FIELDS;
  const digitFields = international ? INTERNATIONAL_DIGIT_FIELDS : DOMESTIC_DIGIT_FIELDS;
  const a = stored as Record<string, unknown>;
  const b = wanted as Record<string, unknown>;
  return fields.every((field) =>
    digitFields.has(field) ? digits(a[field]) === digits(b[field]) : normaliseText(a[field]) === normaliseText(b[field]),
  );
}

function nonEmpty(value: string | null | undefined): string | null {
  return value != null && value.trim() !== "" ? value : null;
}

/** null, undefined and "" are one value; width, spacing and case are not differences. */
function normaliseText(value: unknown): string {
  return typeof value === "string" ? value.normalize("NFKC").replace(/\s+/g, "").toLowerCase() : "";
}

function digits(value: unknown): string {
  return typeof value === "string" ? value.normalize("NFKC").replace(/\D/g, "") : "";
}
