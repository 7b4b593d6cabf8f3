/**
 * The history row for one decision, or for a job that could not reach a decision: a pure
 * function of the job, what was read, and what was done.
 */
import type { HistoryAction, HistoryEntry } from "../models/sync-history.server";
import type { ClaimedJob } from "../models/sync-job.server";
import type { OrderSnapshot, OutcomeCode, ShipmentSnapshot, SyncDecision } from "../sync/types";
import type { ExecutionOutcome } from "../history/execution-outcomes";
import { isActionRequired } from "../history/outcome-group";

/** What the shell did with a decision (or instead of one). */
export interface Executed {
  action: HistoryAction;
  billable?: boolean;
  outcome: OutcomeCode | ExecutionOutcome;
  message?: string | null;
  /** Details beyond the decision's own, e.g. OpenLogi's error body. */
  extra?: Record<string, unknown>;
  decision?: SyncDecision;
  startedAt?: Date;
}

export function historyEntry(
  job: ClaimedJob,
  order: OrderSnapshot | null,
  shipment: ShipmentSnapshot | null,
  executed: Executed,
  now: Date,
): HistoryEntry {
  const { decision } = executed;
  return {
    shop: job.shop,
    list: job.task === "cancelled" ? "cancel" : "modify",
    orderId: job.orderId,
    orderName: order?.name ?? payloadName(job),
    shipmentId: shipment?.id ?? null,
    shipmentIdentifier: shipment?.identifier ?? shipment?.orderNo ?? null,
    statusSeen: shipment?.status ?? null,
    action: executed.action,
    billable: executed.billable ?? false,
    outcome: executed.outcome,
    actionRequired: isActionRequired(executed.outcome, decision?.notices ?? []),
    message: executed.message ?? null,
    details:
      decision || executed.extra
        ? {
            ...(decision ? { decision: decision.kind, notices: decision.notices } : {}),
            ...(decision && "changes" in decision ? { changes: decision.changes } : {}),
            ...(decision?.kind === "none" && decision.params ? { params: decision.params } : {}),
            ...executed.extra,
          }
        : null,
    attempts: job.attempts,
    jobId: job.id,
    webhookId: job.webhookEvent?.webhookId ?? null,
    retryOfId: job.retryOfId,
    startedAt: executed.startedAt ?? now,
    finishedAt: now,
  };
}

/** The history action a decision takes when carried out. */
export function actionOf(decision: SyncDecision): HistoryAction {
  switch (decision.kind) {
    case "delete":
      return "delete";
    case "update":
      return "update";
    case "billableCancelRequest":
      return "cancel_request";
    case "billableModifyRequest":
      return "modify_request";
    case "none":
      return "none";
    default: {
      const unhandled: never = decision;
      throw new Error(`Unhandled decision ${JSON.stringify(unhandled)}`);
    }
  }
}

function payloadName(job: ClaimedJob): string | null {
  if (!job.webhookEvent) return null;
  try {
    const payload = JSON.parse(job.webhookEvent.payload) as { name?: unknown };
    return typeof payload.name === "string" ? payload.name : null;
  } catch {
    return null;
  }
}
