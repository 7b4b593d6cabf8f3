import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { claimJobs, failExhaustedJobs, releaseJobs } from "../models/sync-job.server";
import { recordOutcome } from "./record-outcome.server";
import { runJobs } from "./run-jobs.server";
import type { Scheduler } from "./schedule.server";
import { isScheduledKind } from "./scheduled-jobs";
import type { SyncDeps } from "./sync-deps.server";

export interface WorkerOptions {
  /** Jobs claimed at once; one OpenLogi lookup serves up to 100 keys. */
  batchSize?: number;
  pollIntervalMs?: number;
  /** A job whose worker has not touched it for this long is claimed again. */
  leaseMs?: number;
  workerId?: string;
  /** Waits between polls; tests pass one that resolves at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Queues the scheduled jobs (reconciliation, follow-up) before each claim; none without it. */
  scheduler?: Scheduler;
}

export interface Worker {
  readonly id: string;
  /** Claims and runs one batch; resolves to the number of jobs it claimed. */
  tick(): Promise<number>;
  start(): void;
  /** Finishes the job in hand, hands back the rest of the batch, and resolves when idle. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;

export function createWorker(deps: SyncDeps, options: WorkerOptions = {}): Worker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  let stopping = false;
  let loop: Promise<void> | null = null;
  const log = deps.logger.child({ workerId: id });

  async function tick(): Promise<number> {
    for (const job of await failExhaustedJobs(deps.prisma, { now: deps.clock(), leaseMs })) {
      log.error({ shop: job.shop, orderId: job.orderId, jobId: job.id }, "job failed after its last attempt");
      if (!isScheduledKind(job.kind)) await recordOutcome(deps, job, null, null, { action: "none", outcome: "failed", message: job.lastError });
    }
    await options.scheduler?.tick();
    const jobs = await claimJobs(deps.prisma, { workerId: id, now: deps.clock(), leaseMs, limit: batchSize });
    if (jobs.length === 0) return 0;
    const unstarted = await runJobs(deps, jobs, id, () => stopping);
    await releaseJobs(deps.prisma, unstarted, id);
    return jobs.length;
  }

  async function run() {
    log.info("worker started");
    while (!stopping) {
      try {
        const claimed = await tick();
        if (claimed === 0 && !stopping) await sleep(pollIntervalMs);
      } catch (error) {
        // A database hiccup must not kill the loop; the lease brings any held job back.
        log.error({ err: error instanceof Error ? error.message : String(error) }, "worker tick failed");
        await sleep(pollIntervalMs);
      }
    }
    log.info("worker stopped");
  }

  return {
    id,
    tick,
    start() {
      loop ??= run();
    },
    async stop() {
      stopping = true;
      await loop;
    },
  };
}
