/**
 * What became of a billable request. OpenLogi documents no result field (API 1.5): while a
 * request is pending the shipment shows `cancel_request` or `modify_request`, and once the
 * warehouse has dealt with it the status moves on. These rules read the result from where it
 * moved (README "Follow-up of billable requests"). Pure: the shell reads, this decides.
 */
import type { ShipmentStatus } from "../sync/types";
import { recipientPartAt } from "../sync/recipient-change-key";

/** The request's final result, stored on the ledger and on the history record that sent it. */
export type RequestResult =
  /** Cancel: OpenLogi no longer has the shipment (gone from the list, or 404). */
  | "cancelled"
  /** Modify: the shipment holds every field the request asked for. */
  | "modified"
  /** The warehouse went on without it: picking, picked, packed or shipped (or back to waiting) as before. */
  | "not_carried_out"
  /** Modify: the shipment is gone (cancelled or deleted meanwhile). */
  | "shipment_gone"
  /** Modify: a cancel request took its place. */
  | "superseded"
  /** Modify: OpenLogi dealt with it, but what it asked was redacted (app/privacy), so it cannot be compared. */
  | "unverifiable"
  /** Still pending when the follow-up gave up (poll-schedule.ts). */
  | "no_answer";

export type BillableRequestKind = "cancel" | "modify";

/** The shipment as the batched `GET /shipments?id=…` showed it; `null` when it was not listed. */
export type SeenShipment = { status: ShipmentStatus; recipient: unknown } | null;

export type Settlement =
  | { kind: "pending" }
  | { kind: "settled"; result: RequestResult; status: ShipmentStatus | null };

/**
 * Settles a request from what OpenLogi shows now.
 * - cancel: gone → cancelled; `cancel_request` → pending; anything else → not carried out.
 * - modify: gone → shipment gone; `modify_request` → pending; `cancel_request` → superseded;
 *   otherwise modified when the shipment's recipient holds every requested field, else not
 *   carried out (the status alone cannot tell: a modified shipment also goes back to picking);
 *   unverifiable when the ledger no longer holds what was asked (redacted for privacy).
 */
export function settleBillableRequest(
  kind: BillableRequestKind,
  requestedRecipient: Record<string, unknown> | null,
  seen: SeenShipment,
): Settlement {
  switch (kind) {
    case "cancel":
      if (seen === null) return { kind: "settled", result: "cancelled", status: null };
      if (seen.status === "cancel_request") return { kind: "pending" };
      return { kind: "settled", result: "not_carried_out", status: seen.status };
    case "modify":
      if (seen === null) return { kind: "settled", result: "shipment_gone", status: null };
      if (seen.status === "modify_request") return { kind: "pending" };
      if (seen.status === "cancel_request") return { kind: "settled", result: "superseded", status: seen.status };
      if (!requestedRecipient) return { kind: "settled", result: "unverifiable", status: seen.status };
      return { kind: "settled", result: holdsEvery(seen.recipient, requestedRecipient) ? "modified" : "not_carried_out", status: seen.status };
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled billable request kind ${String(unhandled)}`);
    }
  }
}

/** Every field the request set is on the shipment, equal after trimming (OpenLogi trims input). */
function holdsEvery(recipient: unknown, requested: Record<string, unknown>): boolean {
  if (!recipient || typeof recipient !== "object") return false;
  const held = recipient as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.trim() === b.trim() : a === b);
  return Object.entries(requested).every(([field, value]) => value === undefined || value === null || same(held[field], value));
}

/**
 * The recipient a modify request carried, from its ledger key
 * (`{shipmentId}:recipient:{stable JSON}`, sync/recipient-change-key.ts); null when the key has none,
 * or only its digest (`…:recipient:sha256:…` once app/privacy removed the personal data).
 */
export function requestedRecipientOf(changeKey: string): Record<string, unknown> | null {
  const at = recipientPartAt(changeKey);
  if (at < 0) return null;
  try {
    const parsed: unknown = JSON.parse(changeKey.slice(at));
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
