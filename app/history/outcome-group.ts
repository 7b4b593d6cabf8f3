/**
 * How the history sorts outcomes for people: the groups Home counts and History filters by,
 * which records call for action, and the tone of an outcome's badge. Pure: the same rules
 * serve the pages, the order-page block and the database filters.
 */
import { EXECUTION_OUTCOMES, type ExecutionOutcome } from "./execution-outcomes";
import { OUTCOME_CODES, type Notice, type OutcomeCode } from "../sync/types";

/** Every outcome a history record can carry. */
export const HISTORY_OUTCOMES = [...OUTCOME_CODES, ...EXECUTION_OUTCOMES] as const;
export type HistoryOutcome = OutcomeCode | ExecutionOutcome;

export const OUTCOME_GROUPS = ["deleted", "updated", "billable", "not_reflected", "failed", "other"] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/**
 * deleted, updated, billable: what was done. not_reflected: not done by SPEC.md's rules (the
 * warehouse's progress, a setting). failed: not done because something went wrong. other:
 * nothing to do.
 */
export function outcomeGroup(outcome: HistoryOutcome): OutcomeGroup {
  switch (outcome) {
    case "deleted":
      return "deleted";
    case "updated":
      return "updated";
    case "cancel_requested":
    case "modify_requested":
      return "billable";
    case "not_synced_confirmed":
    case "not_cancellable_packed":
    case "not_reflected_confirmed":
    case "not_reflected_packed":
    case "reflect_disabled":
    case "items_not_reflected":
      return "not_reflected";
    case "failed":
    case "openlogi_rejected":
    case "shopify_unauthorized":
    case "connection_broken":
    case "openlogi_not_connected":
    case "order_not_found":
    case "missing_sku":
    case "invalid_recipient":
    case "cash_on_delivery_unresolved":
      return "failed";
    case "no_change":
    case "no_shipment":
    case "order_cancelled":
    case "not_openlogi_order":
    case "paused":
    case "order_not_cancelled":
    case "already_requested":
    case "request_pending":
    case "already_sent":
      return "other";
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown outcome: ${String(unhandled)}`);
    }
  }
}

/** The outcomes of one group, for a database filter. */
export function outcomesOf(group: OutcomeGroup): HistoryOutcome[] {
  return HISTORY_OUTCOMES.filter((outcome) => outcomeGroup(outcome) === group);
}

/** Outcomes where nothing was sent because the order's data cannot be: staff must fix it. */
const NEEDS_STAFF: ReadonlySet<HistoryOutcome> = new Set(["missing_sku", "invalid_recipient", "cash_on_delivery_unresolved"]);

/** A record calls for action when a notice says so, or when the order's data stopped the sync. */
export function isActionRequired(outcome: HistoryOutcome, notices: readonly Notice[]): boolean {
  return NEEDS_STAFF.has(outcome) || notices.some((notice) => notice.actionRequired);
}

/** Polaris' badge tones, as the order-page block and the history show them. */
export type OutcomeTone = "success" | "info" | "warning" | "critical";

export function outcomeTone(outcome: HistoryOutcome, actionRequired: boolean): OutcomeTone {
  if (actionRequired) return "critical";
  switch (outcomeGroup(outcome)) {
    case "deleted":
    case "updated":
      return "success";
    case "billable":
      return "info";
    case "not_reflected":
      return "warning";
    case "failed":
      return "critical";
    case "other":
      return outcome === "no_change" ? "success" : "info";
  }
}

/** A stored outcome this version knows; anything else is shown neutral, never as a raw code. */
export function isHistoryOutcome(value: string): value is HistoryOutcome {
  return (HISTORY_OUTCOMES as readonly string[]).includes(value);
}

/**
 * Retry is offered where the sync failed or staff must act: a fresh sync may now succeed.
 * A record whose own job is still pending (connection broken or not set up: the job waits and
 * runs again by itself once it is fixed) is waiting, not failed. Takes the stored string, so a
 * record of an outcome this version does not know is never retried.
 */
export function isRetryable(outcome: string, actionRequired: boolean, ownJobWaiting: boolean): boolean {
  if (ownJobWaiting) return false;
  if (actionRequired) return true;
  return isHistoryOutcome(outcome) && outcomeGroup(outcome) === "failed";
}
