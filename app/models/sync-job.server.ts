import { Prisma, type PrismaClient, type SyncJob } from "@prisma/client";
import type { FailurePlan } from "../jobs/failure-policy";
import { forUpdateSkipLocked } from "./sql-dialect.server";
import { isUniqueViolation } from "./unique-violation";

/** Queue states, mirrored by the `status` column. */
export type JobStatus = "pending" | "running" | "completed" | "failed";
/** The event a job syncs, named for the webhook topic it came from. */
export type JobTask = "cancelled" | "edited" | "updated";
/**
 * Where a job came from: a webhook (or the reconciliation, for one that never came), staff
 * asking to sync an order again, or the schedule (app/jobs/schedule.server.ts): one shop's
 * reconciliation cycle, or a look at its pending billable requests.
 */
export type JobKind = "order_event" | "manual_retry" | "reconcile" | "follow_up";

export interface WebhookRecord {
  webhookId: string;
  topic: string;
  shop: string;
  eventId: string | null;
  apiVersion: string | null;
  triggeredAt: Date;
  orderId: string | null;
  payload: string;
}

export interface JobSpec {
  task: JobTask;
  orderId: string;
  jobKey: string;
}

export type StoreResult = "stored" | "duplicate";

/** A claimed job, with its webhook when it came from one. */
export type ClaimedJob = SyncJob & { webhookEvent: { webhookId: string; payload: string; topic: string } | null };

/**
 * Who holds a job: the worker that claimed it, for as long as its lease is renewed. A job
 * whose `lockedAt` is older than `leaseMs` is free to be claimed again.
 */
export interface Holder {
  workerId: string;
  leaseMs: number;
}

const staleBefore = (now: Date, leaseMs: number) => new Date(now.getTime() - leaseMs);

/** A job that may be claimed: due (or its holder's lease ran out) and with attempts left. */
/** Due now, or held by a worker whose lease ran out. */
const dueOrStale = (alias: Prisma.Sql, now: Date, stale: Date) => Prisma.sql`
  ((${alias}"status" = 'pending' AND ${alias}"runAt" <= ${now})
    OR (${alias}"status" = 'running' AND ${alias}"lockedAt" < ${stale}))`;

const claimable = (alias: Prisma.Sql, now: Date, stale: Date) => Prisma.sql`
  ${alias}"attempts" < ${alias}"maxAttempts" AND ${dueOrStale(alias, now, stale)}`;

/**
 * Claims up to `limit` runnable jobs for `workerId`, in one statement. A job is runnable
 * when it is claimable, no other job of its order is running under a live lease (an event
 * that arrives late, with an earlier `triggeredAt`, waits for it), and no other unfinished job
 * of its order comes before it by `triggeredAt` (then `id`): an order's events run one at a
 * time, in Shopify's order, and a burst on one order takes one place in the claim, so other
 * orders are not starved. On
 * PostgreSQL concurrent claims skip each other's rows (FOR UPDATE SKIP LOCKED); on SQLite
 * the statement runs alone. Claiming counts an attempt, so a job that crashes its worker
 * still fails in the end.
 */
export async function claimJobs(
  prisma: PrismaClient,
  { workerId, now, leaseMs, limit }: Holder & { now: Date; limit: number },
): Promise<ClaimedJob[]> {
  if (limit <= 0) return [];
  const stale = staleBefore(now, leaseMs);
  const j = Prisma.raw("j.");
  // MATERIALIZED: the pick runs once. Inside `IN (…)` PostgreSQL may run a subquery again for
  // each row it updates, and SKIP LOCKED would then hand it more than `limit` rows.
  const claimed = await prisma.$queryRaw<{ id: number }[]>`
    WITH picked AS MATERIALIZED (
      SELECT j."id" FROM "SyncJob" j
      WHERE ${claimable(j, now, stale)}
        AND NOT EXISTS (
          SELECT 1 FROM "SyncJob" e
          WHERE e."shop" = j."shop" AND e."orderId" = j."orderId" AND e."id" <> j."id"
            AND ((e."status" = 'running' AND e."lockedAt" >= ${stale})
              OR (e."status" IN ('pending', 'running')
                AND (e."triggeredAt" < j."triggeredAt" OR (e."triggeredAt" = j."triggeredAt" AND e."id" < j."id")))))
      ORDER BY j."runAt", j."id"
      LIMIT ${limit}
      ${forUpdateSkipLocked(prisma)})
    UPDATE "SyncJob"
    SET "status" = 'running', "lockedAt" = ${now}, "lockedBy" = ${workerId},
        "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (SELECT "id" FROM picked) AND ${claimable(Prisma.empty, now, stale)}
    RETURNING "id"`;
  if (claimed.length === 0) return [];
  return prisma.syncJob.findMany({
    where: { id: { in: claimed.map((row) => Number(row.id)) }, lockedBy: workerId },
    orderBy: [{ triggeredAt: "asc" }, { id: "asc" }],
    include: { webhookEvent: { select: { webhookId: true, payload: true, topic: true } } },
  });
}

/**
 * Fails the jobs that are due but have used every attempt — a worker that crashed on them
 * each time left them running with an expired lease — and returns them, so the history
 * can say so. Without this a job that kills its worker would be claimed forever.
 */
export async function failExhaustedJobs(
  prisma: PrismaClient,
  { now, leaseMs }: { now: Date; leaseMs: number },
): Promise<ClaimedJob[]> {
  const stale = staleBefore(now, leaseMs);
  const lastError = "the worker stopped during every attempt";
  // Conditional, like a claim: a job another worker settled meanwhile is left as it is.
  const failed = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE "SyncJob"
    SET "status" = 'failed', "lastError" = ${lastError}, "completedAt" = ${now},
        "lockedAt" = NULL, "lockedBy" = NULL, "updatedAt" = ${now}
    WHERE "attempts" >= "maxAttempts" AND ${dueOrStale(Prisma.empty, now, stale)}
    RETURNING "id"`;
  if (failed.length === 0) return [];
  return prisma.syncJob.findMany({
    where: { id: { in: failed.map((row) => Number(row.id)) } },
    orderBy: { id: "asc" },
    include: { webhookEvent: { select: { webhookId: true, payload: true, topic: true } } },
  });
}

/**
 * Carries out a failed run's plan: fail the job, or run it again after the plan's delay
 * (giving the attempt back when it was only deferred). False when `holder` lost the lease.
 */
export async function settleByPlan(
  prisma: PrismaClient,
  id: number,
  holder: Holder,
  plan: FailurePlan,
  lastError: string,
  now: Date,
): Promise<boolean> {
  if (plan.kind === "fail") return failJob(prisma, id, holder, lastError, now);
  const runAt = new Date(now.getTime() + plan.delayMs);
  return rescheduleJob(prisma, id, holder, { runAt, lastError, refundAttempt: plan.kind === "defer", now });
}

/** The rows `holder` still holds: its own, running, lease not run out. */
const heldBy = ({ workerId, leaseMs }: Holder, now: Date) => Prisma.sql`
  "lockedBy" = ${workerId} AND "status" = 'running' AND "lockedAt" >= ${staleBefore(now, leaseMs)}`;

/**
 * The heartbeat: renews the lease of every job `holder` still holds, in one statement.
 * Returns how many it renewed. A job whose lease already ran out is not revived: another
 * worker may have it by now.
 */
export async function renewLeases(prisma: PrismaClient, holder: Holder, now: Date): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "SyncJob" SET "lockedAt" = ${now}, "updatedAt" = ${now} WHERE ${heldBy(holder, now)}`;
}

/**
 * Renews the lease of one job before it starts. False when `holder` no longer holds it:
 * then the worker must leave it to whoever does.
 */
export async function touchJob(prisma: PrismaClient, id: number, holder: Holder, now: Date): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "SyncJob" SET "lockedAt" = ${now}, "updatedAt" = ${now} WHERE "id" = ${id} AND ${heldBy(holder, now)}`;
  return count === 1;
}

/**
 * The queued `orders/updated` jobs of `job`'s order that a run of `job` covers: it reads the
 * order after they were stored, so it sees their changes. Only when `job` is an update
 * itself, and never across a queued cancellation, which always runs on its own. Read before
 * the order is read; settled as collapsed when `job` completes.
 */
export async function queuedUpdatesCoveredBy(prisma: PrismaClient, job: SyncJob): Promise<number[]> {
  if (job.task !== "updated" || job.kind !== ("order_event" satisfies JobKind)) return [];
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT u."id" FROM "SyncJob" u
    WHERE u."shop" = ${job.shop} AND u."orderId" = ${job.orderId} AND u."id" <> ${job.id}
      AND u."status" = 'pending' AND u."task" = 'updated' AND u."kind" = 'order_event'
      AND NOT EXISTS (
        SELECT 1 FROM "SyncJob" c
        WHERE c."shop" = u."shop" AND c."orderId" = u."orderId" AND c."task" = 'cancelled'
          AND c."status" IN ('pending', 'running') AND c."triggeredAt" <= u."triggeredAt")`;
  return rows.map((row) => Number(row.id));
}

/**
 * Settles a job as done, when `holder` still holds it; with it, the queued updates its run
 * covered (see queuedUpdatesCoveredBy). False when the lease was lost: nothing is changed.
 */
export async function completeJob(
  prisma: PrismaClient,
  id: number,
  holder: Holder,
  now: Date,
  covered: number[] = [],
): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "SyncJob"
    SET "status" = 'completed', "completedAt" = ${now}, "lockedAt" = NULL, "lockedBy" = NULL,
        "lastError" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${id} AND ${heldBy(holder, now)}`;
  if (count !== 1) return false;
  if (covered.length > 0) {
    await prisma.$executeRaw`
      UPDATE "SyncJob"
      SET "status" = 'completed', "completedAt" = ${now}, "collapsedIntoId" = ${id}, "updatedAt" = ${now}
      WHERE "id" IN (${Prisma.join(covered)}) AND "status" = 'pending'`;
  }
  return true;
}

/**
 * Puts a job back in the queue for `runAt`, when `holder` still holds it; `refundAttempt`
 * for waits that are not failures (429, paused connection). False when the lease was lost.
 */
export async function rescheduleJob(
  prisma: PrismaClient,
  id: number,
  holder: Holder,
  { runAt, lastError, refundAttempt, now }: { runAt: Date; lastError: string | null; refundAttempt: boolean; now: Date },
): Promise<boolean> {
  const refund = refundAttempt ? 1 : 0;
  const count = await prisma.$executeRaw`
    UPDATE "SyncJob"
    SET "status" = 'pending', "runAt" = ${runAt}, "lastError" = ${lastError}, "lockedAt" = NULL,
        "lockedBy" = NULL, "attempts" = "attempts" - ${refund}, "updatedAt" = ${now}
    WHERE "id" = ${id} AND ${heldBy(holder, now)}`;
  return count === 1;
}

/**
 * After the last attempt the job stays in the table as `failed`, with its error; only
 * while `holder` holds it. False when the lease was lost.
 */
export async function failJob(prisma: PrismaClient, id: number, holder: Holder, lastError: string, now: Date): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "SyncJob"
    SET "status" = 'failed', "lastError" = ${lastError}, "completedAt" = ${now}, "lockedAt" = NULL,
        "lockedBy" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${id} AND ${heldBy(holder, now)}`;
  return count === 1;
}

/** Graceful shutdown: hands back what this worker claimed but did not start. */
export async function releaseJobs(prisma: PrismaClient, ids: number[], workerId: string, now: Date) {
  if (ids.length === 0) return;
  await prisma.$executeRaw`
    UPDATE "SyncJob"
    SET "status" = 'pending', "lockedAt" = NULL, "lockedBy" = NULL, "attempts" = "attempts" - 1, "updatedAt" = ${now}
    WHERE "id" IN (${Prisma.join(ids)}) AND "lockedBy" = ${workerId} AND "status" = 'running'`;
}

/**
 * Queues a fresh sync of an order, asked from a history record (Retry). One job per record
 * however often it is asked: a double click queues one. It carries the original job's webhook,
 * when there was one, for the record's link to it. Returns the job's id.
 */
export async function enqueueRetry(
  prisma: PrismaClient,
  { shop, orderId, task, retryOfId, webhookEventId = null, now }: { shop: string; orderId: string; task: JobTask; retryOfId: number; webhookEventId?: number | null; now: Date },
): Promise<number> {
  const jobKey = `${shop}:retry:${retryOfId}`;
  try {
    const job = await prisma.syncJob.create({
      data: { shop, orderId, kind: "manual_retry" satisfies JobKind, task, jobKey, triggeredAt: now, runAt: now, retryOfId, webhookEventId },
    });
    return job.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await prisma.syncJob.findUniqueOrThrow({ where: { jobKey }, select: { id: true } })).id;
  }
}

/** A fixed connection makes the shop's waiting jobs due again. */
export async function wakeShopJobs(prisma: PrismaClient, shop: string, now: Date) {
  await prisma.syncJob.updateMany({ where: { shop, status: "pending", runAt: { gt: now } }, data: { runAt: now } });
}

/** Jobs by state, for /healthz (every shop) or one shop's overview. */
export async function queueCounts(prisma: PrismaClient, shop?: string) {
  const rows = await prisma.syncJob.groupBy({ by: ["status"], where: shop ? { shop } : {}, _count: { _all: true } });
  const count = (status: JobStatus) => rows.find((row) => row.status === status)?._count._all ?? 0;
  return { pending: count("pending"), running: count("running"), failed: count("failed") };
}

/** Whether a job still runs (its worker may be mid-request). */
export async function isJobRunning(prisma: PrismaClient, jobId: number): Promise<boolean> {
  return (await prisma.syncJob.count({ where: { id: jobId, status: "running" } })) > 0;
}
