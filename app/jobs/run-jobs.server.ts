/**
 * A claimed batch, by kind: order jobs go to the batch runner (one OpenLogi lookup for the
 * batch), then one scheduled job; the rest are handed back for the next claim. Returns the
 * ids of the jobs not started.
 */
import type { ClaimedJob, Holder, JobKind } from "../models/sync-job.server";
import { runScheduledJob } from "./run-scheduled-job.server";
import { runSyncBatch } from "./run-sync-batch.server";
import type { ScheduledKind } from "./scheduled-jobs";
import type { SyncDeps } from "./sync-deps.server";

export async function runJobs(
  deps: SyncDeps,
  jobs: ClaimedJob[],
  holder: Holder,
  shouldStop: () => boolean = () => false,
): Promise<number[]> {
  const orderJobs: ClaimedJob[] = [];
  const scheduled: (ClaimedJob & { kind: ScheduledKind })[] = [];
  for (const job of jobs) {
    const kind = job.kind as JobKind;
    switch (kind) {
      case "order_event":
      case "manual_retry":
        orderJobs.push(job);
        break;
      case "reconcile":
      case "follow_up":
        scheduled.push({ ...job, kind });
        break;
      default: {
        const unhandled: never = kind;
        throw new Error(`Unhandled job kind ${String(unhandled)}`);
      }
    }
  }
  const unstarted = orderJobs.length > 0 ? await runSyncBatch(deps, orderJobs, holder, shouldStop) : [];
  // One scheduled job a batch: a reconciliation may wait for the Admin API budget between
  // pages, and the orders' jobs of every shop must not queue behind a row of them.
  for (const [index, job] of scheduled.entries()) {
    if (index > 0 || shouldStop()) unstarted.push(job.id);
    else await runScheduledJob(deps, job, holder);
  }
  return unstarted;
}
