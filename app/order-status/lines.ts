/**
 * The order page's block, line by line: one line per OpenLogi shipment of the order (from its
 * history and from what OpenLogi says now), plus the order's latest record when it reached no
 * shipment and is newer than every shipment's. Pure: the shell reads, this decides.
 */
import type { RequestResult } from "../follow-up/settle-request";
import { isRetryable, outcomeTone, type HistoryOutcome } from "../history/outcome-group";
import { previewDecisions } from "../sync/preview";
import { SHIPMENT_STATUSES, type ShipmentStatus, type SyncSettings } from "../sync/types";
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
  createdAt: Date;
  /** A billable request's final result and when the follow-up saw it (app/follow-up). */
  requestResult?: string | null;
  requestResultAt?: Date | null;
}

/** A manual retry job's state, by the record it retries. */
export type RetryJobStatus = "pending" | "running" | "completed" | "failed";

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
  retryJobs: ReadonlyMap<number, RetryJobStatus>;
  /** The last read of OpenLogi for this order, however old; null when none. */
  read: ShipmentsRead | null;
  /** null when nothing can be said of what an action would do: no settings, or no action would reach a shipment. */
  settings: SyncSettings | null;
}

export function buildLines({ records, billable, retryJobs, read, settings }: LineInputs): StatusLine[] {
  const shipmentIds = new Set<string>();
  for (const record of records) if (record.shipmentId !== null) shipmentIds.add(record.shipmentId);
  for (const shipment of read?.shipments ?? []) shipmentIds.add(shipment.id);

  const lines: StatusLine[] = [];
  const orderLevel = records[0];
  // The order's newest record reached no shipment (paused, not OpenLogi's, failed before the lookup…).
  if (orderLevel && orderLevel.shipmentId === null) {
    lines.push({ shipmentId: null, latest: latestRecord(orderLevel, retryJobs), billableSentAt: null, billableResult: null, status: null, wouldDo: null });
  }
  for (const shipmentId of [...shipmentIds].sort()) {
    const latest = records.find((record) => record.shipmentId === shipmentId) ?? null;
    const status = knownStatus(shipmentId, records, read);
    const sent = billable.find((record) => record.shipmentId === shipmentId);
    lines.push({
      shipmentId,
      latest: latest ? latestRecord(latest, retryJobs) : null,
      billableSentAt: sent ? sent.createdAt.toISOString() : null,
      billableResult: sent?.requestResult && sent.requestResultAt ? { result: sent.requestResult as RequestResult, at: sent.requestResultAt.toISOString() } : null,
      status,
      wouldDo: settings && status?.code ? previewDecisions(status.code, settings) : null,
    });
  }
  return lines;
}

function latestRecord(record: HistoryRow, retryJobs: ReadonlyMap<number, RetryJobStatus>): LatestRecord {
  const outcome = record.outcome as HistoryOutcome;
  return {
    id: record.id,
    outcome,
    tone: outcomeTone(outcome, record.actionRequired),
    actionRequired: record.actionRequired,
    at: record.createdAt.toISOString(),
    recordPath: recordPath(record.id),
    retry: isRetryable(outcome, record.actionRequired) ? retryState(retryJobs.get(record.id)) : null,
  };
}

function retryState(job: RetryJobStatus | undefined): RetryState {
  switch (job) {
    case undefined:
      return "available";
    case "pending":
    case "running":
      return "pending";
    case "completed":
    case "failed":
      return "done";
    default: {
      const unhandled: never = job;
      throw new Error(`unknown job status: ${String(unhandled)}`);
    }
  }
}

/**
 * The newest of what OpenLogi said of the shipment: the last read for the order (where a
 * shipment it no longer lists is gone), or the status the sync saw in its last record.
 */
function knownStatus(shipmentId: string, records: HistoryRow[], read: ShipmentsRead | null): KnownStatus | null {
  const seen = records.find((record) => record.shipmentId === shipmentId && isShipmentStatus(record.statusSeen));
  const fromRead = read ? (read.shipments.find((shipment) => shipment.id === shipmentId)?.status ?? null) : undefined;
  if (read && fromRead !== undefined && (!seen || read.at >= seen.createdAt)) {
    return { code: fromRead, at: read.at.toISOString() };
  }
  return seen ? { code: seen.statusSeen as ShipmentStatus, at: seen.createdAt.toISOString() } : null;
}

function isShipmentStatus(value: string | null): value is ShipmentStatus {
  return value !== null && (SHIPMENT_STATUSES as readonly string[]).includes(value);
}
