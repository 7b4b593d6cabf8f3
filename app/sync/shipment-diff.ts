/**
 * "Difference" as SPEC.md "Changes" defines it: what the shipment should hold against
 * what it holds, over recipient, `shipping_email` and items. Values are normalised first
 * so formatting alone (a hyphen in a phone, a space in a name, case in an email) is never
 * a change: a false difference after confirmation would cost the merchant a billable request.
 */
import { desiredItems, type DesiredItems, type ItemLine } from "./items";
import { toOpenLogiRecipient, type RecipientMapping } from "./recipient";
import { currentItemLines, isInternational } from "./shipment-body";
import type { OpenLogiRecipient, OrderSnapshot, ShipmentSnapshot, SyncSettings } from "./types";

/** How the shipment differs from the order. */
export interface ShipmentDiff {
  recipient: {
    changed: boolean;
    before: OpenLogiRecipient | null;
    /** null when the order has no shipping address: the recipient is then left alone. */
    target: RecipientMapping | null;
  };
  email: { changed: boolean; before: string | null; after: string | null };
  items: {
    /** False when line-item changes are not reflected (setting off): nothing below is used. */
    compared: boolean;
    changed: boolean;
    /** Codes the shipment holds that are wanted in a smaller quantity, or not at all. */
    removedCodes: string[];
    before: ItemLine[];
    after: ItemLine[];
    desired: DesiredItems;
  };
}

const DOMESTIC_FIELDS = ["name", "postcode", "prefecture", "address1", "address2", "phone", "company"] as const;
const INTERNATIONAL_FIELDS = ["region_code", "postcode", "city", "address", "name", "phone"] as const;
/** Compared by their digits only ("1000001" = "100-0001"); an international postcode may hold letters. */
const DOMESTIC_DIGIT_FIELDS: ReadonlySet<string> = new Set(["postcode", "phone"]);
const INTERNATIONAL_DIGIT_FIELDS: ReadonlySet<string> = new Set(["phone"]);

/** Compares one shipment with the order it was made from. */
export function diffShipment(order: OrderSnapshot, shipment: ShipmentSnapshot, settings: SyncSettings): ShipmentDiff {
  const raw = shipment.raw;
  const before = raw.recipient ?? null;
  const target = order.shippingAddress ? toOpenLogiRecipient(order.shippingAddress) : null;

  const emailBefore = raw.shipping_email ?? null;
  const emailAfter = order.email ?? null;

  const desired = desiredItems(order, settings.locationId);
  const itemsBefore = currentItemLines(raw);
  const compared = settings.reflectItemChanges;
  const wanted = new Map(desired.items.map((line) => [line.code, line.quantity]));
  return {
    recipient: { changed: target !== null && !sameRecipient(before, target.recipient), before, target },
    email: {
      changed: normaliseText(emailBefore) !== normaliseText(emailAfter),
      before: emailBefore,
      after: emailAfter,
    },
    items: {
      compared,
      // An SKU-less line still to ship is something the shipment lacks.
      changed: compared && (!sameItems(itemsBefore, desired.items) || desired.missingSku.length > 0),
      removedCodes: compared
        ? itemsBefore.filter((line) => (wanted.get(line.code) ?? 0) < line.quantity).map((line) => line.code)
        : [],
      before: itemsBefore,
      after: desired.items,
      desired,
    },
  };
}

function sameRecipient(stored: OpenLogiRecipient | null, mapped: OpenLogiRecipient): boolean {
  if (stored === null || isInternational(stored) !== isInternational(mapped)) return false;
  const international = isInternational(mapped);
  const fields = international ? INTERNATIONAL_FIELDS : DOMESTIC_FIELDS;
  const digitFields = international ? INTERNATIONAL_DIGIT_FIELDS : DOMESTIC_DIGIT_FIELDS;
  const a = stored as Record<string, unknown>;
  const b = mapped as Record<string, unknown>;
  return fields.every((field) =>
    digitFields.has(field) ? digits(a[field]) === digits(b[field]) : normaliseText(a[field]) === normaliseText(b[field]),
  );
}

function sameItems(a: ItemLine[], b: ItemLine[]): boolean {
  return a.length === b.length && a.every((line, i) => line.code === b[i].code && line.quantity === b[i].quantity);
}

/** null, undefined and "" are one value; width, spacing and case are not differences. */
function normaliseText(value: unknown): string {
  return typeof value === "string" ? value.normalize("NFKC").replace(/\s+/g, "").toLowerCase() : "";
}

function digits(value: unknown): string {
  return typeof value === "string" ? value.normalize("NFKC").replace(/\D/g, "") : "";
}
