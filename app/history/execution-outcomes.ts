/**
 * Outcomes the shell records when it could not carry out a decision (the decision's
 * own outcomes are `OutcomeCode` in sync/types). Each is a history outcome and an i18n key.
 */
export const EXECUTION_OUTCOMES = [
  /** OpenLogi answered 400/404/422: its own message is kept in the history. */
  "openlogi_rejected",
  /** Retries used up (5xx, timeouts, network). The job stays in the queue as failed. */
  "failed",
  /** OpenLogi answered 401/402/403: the shop's sync waits until the merchant fixes it. */
  "connection_broken",
  /** The shop has not connected OpenLogi yet: the job waits. */
  "openlogi_not_connected",
  /** Shopify refused the offline token (uninstalled or revoked). */
  "shopify_unauthorized",
  /** The order no longer exists in Shopify. */
  "order_not_found",
  /** A billable request for this very change was already sent. */
  "already_sent",
] as const;
export type ExecutionOutcome = (typeof EXECUTION_OUTCOMES)[number];
