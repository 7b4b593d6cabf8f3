import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { claimJobs, failExhaustedJobs, releaseJobs, renewLeases, type Holder } from "../models/sync-job.server";
import { paceIntervalMs } from "../openlogi/rate-limiter.server";
import { recordOutcome } from "./record-outcome.server";
import { runJobs } from "./run-jobs.server";
import type { Scheduler } from "./schedule.server";
import { isScheduledKind } from "./scheduled-jobs";
import type { SyncDeps } from "./sync-deps.server";

export interface WorkerOptions {
  /** Most jobs claimed at once; one OpenLogi lookup serves up to 100 keys. */
  batchSize?: number;
  pollIntervalMs?: number;
  /** A job whose worker has not renewed it for this long is claimed again. */
  leaseMs?: number;
  /** How often the worker renews the lease of the jobs it holds (real time). */
  heartbeatMs?: number;
  /** OpenLogi's pace per call: a claim holds no more jobs than start within one lease at it. */
  msPerJob?: number;
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

/**
 * 55 s: a killed worker's jobs are claimed again within a minute (the lease, plus one poll),
 * and a claim of 53 cancellations — one lookup for 53 — starts within it at OpenLogi's pace.
 */
export const DEFAULT_LEASE_MS = 55_000;
export const DEFAULT_HEARTBEAT_MS = 10_000;

export function createWorker(deps: SyncDeps, options: WorkerOptions = {}): Worker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeatMs = options.heartbeatMs ?? Math.min(DEFAULT_HEARTBEAT_MS, leaseMs / 3);
  const msPerJob = options.msPerJob ?? paceIntervalMs(60);
  // Jobs that start within one lease; at least one, so a lease shorter than the pace still works.
  const limit = Math.max(1, Math.min(options.batchSize ?? 100, Math.floor(leaseMs / msPerJob)));
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const holder: Holder = { workerId: id, leaseMs };
  let stopping = false;
  let loop: Promise<void> | null = null;
  const log = deps.logger.child({ workerId: id });

  /** Renews the batch's leases while it is in hand, so only a dead worker's jobs come back. */
  function heartbeat(): () => void {
    const timer = setInterval(() => {
      renewLeases(deps.prisma, holder, deps.clock()).catch((error: unknown) =>
        log.error({ err: error instanceof Error ? error.message : String(error) }, "lease renewal failed"),
      );
    }, heartbeatMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async function tick(): Promise<number> {
    for (const job of await failExhaustedJobs(deps.prisma, { now: deps.clock(), leaseMs })) {
      log.error({ shop: job.shop, orderId: job.orderId, jobId: job.id }, "job failed after its last attempt");
      if (!isScheduledKind(job.kind)) await recordOutcome(deps, job, null, null, { action: "none", outcome: "failed", message: job.lastError });
    }
    await options.scheduler?.tick();
    const jobs = await claimJobs(deps.prisma, { ...holder, now: deps.clock(), limit });
    if (jobs.length === 0) return 0;
    const stopHeartbeat = heartbeat();
    try {
      const unstarted = await runJobs(deps, jobs, holder, () => stopping);
      await releaseJobs(deps.prisma, unstarted, id, deps.clock());
    } finally {
      stopHeartbeat();
    }
    return jobs.length;
  }

  async function run() {
    log.info({ leaseMs, heartbeatMs, claimLimit: limit }, "worker started");
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
