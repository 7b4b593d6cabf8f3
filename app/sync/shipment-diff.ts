/**
 * "Difference" as SPEC.md defines it ("Changes" and "What counts as a difference"): what
 * the shipment should hold against what it holds, over recipient, `shipping_email` and
 * items. Values are normalised first so formatting alone (a hyphen in a phone, a space in
 * a name, case in an email) is never a change, and what the mapping cannot produce is
 * never one either: a false difference after confirmation costs the merchant a billable
 * request.
 */
import { cashOnDeliveryProblem } from "./amounts";
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
  /**
   * What a cash-on-delivery carrier collects against what the customer owes — compared only
   * where that can be exact (sync/amounts.ts), so a discount or an added digital line that
   * changes the total is never left uncollected or overcharged.
   */
  cashOnDelivery: { changed: boolean; before: number | null; after: number | null };
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

  const collected = raw.total_for_cash_on_delivery ?? null;
  const owed =
    raw.cash_on_delivery === true && siblings.length === 0 && cashOnDeliveryProblem(order, location) === null
      ? order.amounts.outstanding
      : collected;

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
    cashOnDelivery: { changed: owed !== collected, before: collected, after: owed },
    items: { ...reconcileItems(location, held), own },
  };
}

/**
 * The mapped recipient, with the shipment's own phone where the order's cannot be an
 * OpenLogi phone (within the same kind of address: a move abroad takes nothing along), and
 * the shipment's 部署 (division), which Shopify's address does not have.
 */
function keepShipmentValues(mapping: RecipientMapping, stored: OpenLogiRecipient | null): OpenLogiRecipient {
  const mapped = mapping.recipient;
  if (stored === null || isInternational(stored) !== isInternational(mapped)) return mapped;
  const kept: Record<string, unknown> = { ...mapped };
  const source = stored as Record<string, unknown>;
  if (mapping.phoneNotConverted && typeof source.phone === "string" && source.phone.trim() !== "" && source.phone !== "---") {
    kept.phone = source.phone;
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
