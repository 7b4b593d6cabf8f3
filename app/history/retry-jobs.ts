/**
 * Retry, read from the queue: which jobs are still to run, and which manual retry of an order
 * is queued. Pure: the same rules serve the record's page, the order page's block and the
 * Retry action.
 */

/** A job of the order, as far as Retry needs it. */
export interface OrderJob {
  id: number;
  kind: string;
  status: string;
  /** The record a manual retry was asked from. */
  retryOfId: number | null;
}

/** The columns an OrderJob is read with. */
export const ORDER_JOB_SELECT = { id: true, kind: true, status: true, retryOfId: true } as const;

/** A job in one of these states runs again by itself (it waits for its time, or for the connection). */
export function isUnfinished(status: string): boolean {
  return status === "pending" || status === "running";
}

/**
 * The order's manual retry that is queued: it re-syncs the whole order, so it is pending for
 * every line of it until its job has recorded an outcome. A retry that recorded one and then
 * waits (for the connection) makes that record "waiting", no longer the retry pending.
 */
export function queuedRetry(jobs: readonly OrderJob[], recordedJobIds: ReadonlySet<number | null>): OrderJob | null {
  return jobs.find((job) => job.kind === "manual_retry" && isUnfinished(job.status) && !recordedJobIds.has(job.id)) ?? null;
}
