/**
 * The order page's block, line by line: one line per OpenLogi shipment of the order (from its
 * history and from what OpenLogi says now), plus the order's latest record when it reached no
 * shipment and is newer than every shipment's. Pure: the shell reads, this decides.
 */
import type { RequestResult } from "../follow-up/settle-request";
import { isHistoryOutcome, isRetryable, outcomeTone } from "../history/outcome-group";
import { isUnfinished, queuedRetry, type OrderJob } from "../history/retry-jobs";
import { previewDecisions } from "../sync/preview";
import { isShipmentStatus, type ShipmentStatus, type SyncSettings } from "../sync/types";
import { recordPath } from "./app-paths";
import type { KnownStatus, LatestRecord, RetryState, StatusLine } from "./types";

/** The columns of a history record the block reads. */
export interface HistoryRow {
  id: number;
  shipmentId: string | null;
  statusSeen: string | null;
  outcome: string;
  actionRequired: boolean;
  billable: boolean;
  /** "cancel" (注文キャンセル連携履歴) | "modify" (注文修正連携履歴) */
  list: string;
  /** The job that wrote the record (null for records older than jobs, or written by hand). */
  jobId: number | null;
  createdAt: Date;
  /** A billable request's final result and when the follow-up saw it (app/follow-up). */
  requestResult?: string | null;
  requestResultAt?: Date | null;
}

/** What OpenLogi answered for the order's key, and when. */
export interface ShipmentsRead {
  shipments: { id: string; status: ShipmentStatus }[];
  at: Date;
}

export interface LineInputs {
  /** The order's records, newest first. */
  records: HistoryRow[];
  /** The order's billable records, newest first (they may be older than `records` reaches). */
  billable: HistoryRow[];
  /** The order's unfinished jobs and its manual retries. */
  jobs: OrderJob[];
  /** The last read of OpenLogi for this order, however old; null when none. */
  read: ShipmentsRead | null;
  /** null when nothing can be said of what an action would do: no settings, or no action would reach a shipment. */
  settings: SyncSettings | null;
}

export function buildLines({ records, billable, jobs, read, settings }: LineInputs): StatusLine[] {
  const retries = retryFacts(records, jobs);
  const shipmentIds = new Set<string>();
  for (const record of records) if (record.shipmentId !== null) shipmentIds.add(record.shipmentId);
  for (const shipment of read?.shipments ?? []) shipmentIds.add(shipment.id);

  const lines: StatusLine[] = [];
  const orderLevel = records[0];
  // The order's newest record reached no shipment (paused, not OpenLogi's, failed before the lookup…).
  if (orderLevel && orderLevel.shipmentId === null) {
    lines.push({ shipmentId: null, latest: latestRecord(orderLevel, retries), billableSentAt: null, billableResult: null, status: null, wouldDo: null });
  }
  for (const shipmentId of [...shipmentIds].sort()) {
    // Each shipment's own latest record, never another shipment's or the order's.
    const latest = records.find((record) => record.shipmentId === shipmentId) ?? null;
    const status = knownStatus(shipmentId, records, read);
    const sent = billable.find((record) => record.shipmentId === shipmentId);
    lines.push({
      shipmentId,
      latest: latest ? latestRecord(latest, retries) : null,
      billableSentAt: sent ? sent.createdAt.toISOString() : null,
      billableResult: sent?.requestResult && sent.requestResultAt ? { result: sent.requestResult as RequestResult, at: sent.requestResultAt.toISOString() } : null,
      status,
      wouldDo: settings && status?.code ? previewDecisions(status.code, settings) : null,
    });
  }
  return lines;
}

export interface RetryFacts {
  queued: boolean;
  /** Jobs still to run: a record of one of them is waiting, not failed. */
  unfinished: ReadonlySet<number>;
  /** Records whose manual retry has run: its outcome is a newer record. */
  retried: ReadonlySet<number>;
}

export function retryFacts(records: HistoryRow[], jobs: OrderJob[]): RetryFacts {
  const recorded = new Set(records.map((record) => record.jobId));
  const retried = jobs.filter(
    (job) => job.kind === "manual_retry" && job.retryOfId !== null && (!isUnfinished(job.status) || recorded.has(job.id)),
  );
  return {
    queued: queuedRetry(jobs, recorded) !== null,
    unfinished: new Set(jobs.filter((job) => isUnfinished(job.status)).map((job) => job.id)),
    retried: new Set(retried.map((job) => job.retryOfId!)),
  };
}

function latestRecord(record: HistoryRow, retries: RetryFacts): LatestRecord {
  // An outcome this version cannot name (a newer version wrote it) is shown neutral, without its code.
  const outcome = isHistoryOutcome(record.outcome) ? record.outcome : null;
  return {
    id: record.id,
    outcome,
    tone: outcome ? outcomeTone(outcome, record.actionRequired) : "neutral",
    actionRequired: record.actionRequired,
    at: record.createdAt.toISOString(),
    recordPath: recordPath(record.id),
    retry: retryState(record, retries),
  };
}

function retryState(record: HistoryRow, { queued, unfinished, retried }: RetryFacts): RetryState | null {
  if (!isRetryable(record.outcome, record.actionRequired, false)) return null;
  if (record.jobId !== null && unfinished.has(record.jobId)) return "waiting";
  if (queued) return "pending";
  return retried.has(record.id) ? "done" : "available";
}

/**
 * Whether the history holds the order's cancellation: a record of the cancel list
 * (注文キャンセル連携履歴) other than "Shopify does not show the order as cancelled", or a later
 * change recorded as "Order cancelled" (every change after a cancellation is, so the newest
 * records always show it however long ago the cancellation was).
 */
export function isOrderCancelled(records: readonly Pick<HistoryRow, "list" | "outcome">[]): boolean {
  return records.some(
    (record) => (record.list === "cancel" && record.outcome !== "order_not_cancelled") || record.outcome === "order_cancelled",
  );
}

/**
 * What a record says the shipment's status is once its action was carried out: gone after a
 * deletion, a pending request after a billable one, otherwise the status the sync saw.
 */
export function statusAfter(record: Pick<HistoryRow, "outcome" | "statusSeen">): ShipmentStatus | null {
  switch (record.outcome) {
    case "deleted":
      return null;
    case "cancel_requested":
      return "cancel_request";
    case "modify_requested":
      return "modify_request";
    default:
      return record.statusSeen as ShipmentStatus;
  }
}

/**
 * The newest of what OpenLogi said of the shipment: the last read for the order (where a
 * shipment it no longer lists is gone), or the status the shipment has after the sync's last
 * record of it (statusAfter), whichever is newer.
 */
function knownStatus(shipmentId: string, records: HistoryRow[], read: ShipmentsRead | null): KnownStatus | null {
  const seen = records.find((record) => record.shipmentId === shipmentId && isShipmentStatus(record.statusSeen));
  if (read && (!seen || read.at >= seen.createdAt)) {
    return { code: read.shipments.find((shipment) => shipment.id === shipmentId)?.status ?? null, at: read.at.toISOString() };
  }
  return seen ? { code: statusAfter(seen), at: seen.createdAt.toISOString() } : null;
}

