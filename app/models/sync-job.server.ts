import { Prisma, type PrismaClient, type SyncJob } from "@prisma/client";
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
  maxAttempts?: number;
}

export type StoreResult = "stored" | "duplicate";

/**
 * Stores a verified webhook and, when it needs work, its job, in one transaction.
 * A webhook id or job key seen before changes nothing (Shopify delivers at least once).
 */
export async function storeWebhook(
  prisma: PrismaClient,
  record: WebhookRecord,
  job: JobSpec | null,
  receivedAt: Date,
): Promise<StoreResult> {
  try {
    await prisma.$transaction(async (tx) => {
      const event = await tx.webhookEvent.create({ data: { ...record, receivedAt } });
      if (!job) return;
      const existing = await tx.syncJob.findUnique({ where: { jobKey: job.jobKey }, select: { id: true } });
      if (existing) return; // same change delivered under another webhook id (e.g. one order_edit.id)
      await tx.syncJob.create({
        data: {
          shop: record.shop,
          orderId: job.orderId,
          task: job.task,
          jobKey: job.jobKey,
          triggeredAt: record.triggeredAt,
          runAt: receivedAt,
          maxAttempts: job.maxAttempts,
          webhookEventId: event.id,
        },
      });
    });
    return "stored";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/** A claimed job, with its webhook when it came from one. */
export type ClaimedJob = SyncJob & { webhookEvent: { webhookId: string; payload: string; topic: string } | null };

/**
 * Claims up to `limit` runnable jobs for `workerId`. A job is runnable when it is due
 * (or its lease expired: a crashed worker's job comes back), it is the earliest
 * unfinished job of its order by `triggeredAt`, and no live worker holds that order.
 * The claim is one conditional UPDATE, safe across processes; claiming counts an
 * attempt, so a job that crashes its worker still fails in the end.
 */
export async function claimJobs(
  prisma: PrismaClient,
  { workerId, now, leaseMs, limit }: { workerId: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedJob[]> {
  const staleBefore = new Date(now.getTime() - leaseMs);
  // A job past its attempts is never claimed again: failExhaustedJobs settles it.
  const due: Prisma.SyncJobWhereInput = {
    attempts: { lt: prisma.syncJob.fields.maxAttempts },
    OR: [
      { status: "pending", runAt: { lte: now } },
      { status: "running", lockedAt: { lt: staleBefore } },
    ],
  };
  const hasAttemptsLeft = Prisma.sql`"attempts" < "maxAttempts"`;
  const candidates = await prisma.syncJob.findMany({
    where: due,
    orderBy: [{ runAt: "asc" }, { id: "asc" }],
    take: limit * 4,
    select: { id: true, shop: true, orderId: true },
  });
  if (candidates.length === 0) return [];

  const orders = [...new Set(candidates.map((job) => `${job.shop}\u0000${job.orderId}`))];
  const unfinished = await prisma.syncJob.findMany({
    where: {
      status: { in: ["pending", "running"] },
      OR: orders.map((key) => {
        const [shop, orderId] = key.split("\u0000");
        return { shop, orderId };
      }),
    },
    orderBy: [{ triggeredAt: "asc" }, { id: "asc" }],
    select: { id: true, shop: true, orderId: true, status: true, lockedAt: true },
  });
  const head = new Map<string, number>();
  const held = new Set<string>();
  for (const job of unfinished) {
    const key = `${job.shop}\u0000${job.orderId}`;
    if (!head.has(key)) head.set(key, job.id);
    if (job.status === "running" && job.lockedAt && job.lockedAt >= staleBefore) held.add(key);
  }

  const heads: number[] = [];
  for (const candidate of candidates) {
    const key = `${candidate.shop}\u0000${candidate.orderId}`;
    if (heads.length >= limit || head.get(key) !== candidate.id || held.has(key)) continue;
    heads.push(candidate.id);
    held.add(key);
  }
  if (heads.length === 0) return [];
  // One conditional UPDATE for the batch, not Prisma's updateMany: on SQLite that runs as a
  // read-then-write transaction, which two processes cannot upgrade at once (SQLITE_BUSY
  // instead of waiting). Rows another worker took meanwhile fail the condition and stay theirs.
  await prisma.$executeRaw`
    UPDATE "SyncJob"
    SET "status" = 'running', "lockedAt" = ${now}, "lockedBy" = ${workerId},
        "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (${Prisma.join(heads)}) AND ${hasAttemptsLeft}
      AND (("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedAt" < ${staleBefore}))`;
  return prisma.syncJob.findMany({
    where: { id: { in: heads }, status: "running", lockedBy: workerId, lockedAt: now },
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
  const staleBefore = new Date(now.getTime() - leaseMs);
  const exhausted = await prisma.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "SyncJob"
    WHERE "attempts" >= "maxAttempts"
      AND (("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedAt" < ${staleBefore}))`;
  if (exhausted.length === 0) return [];
  const ids = exhausted.map((row) => row.id);
  const lastError = "the worker stopped during every attempt";
  // Conditional, like a claim: a job another worker settled meanwhile is left as it is.
  await prisma.$executeRaw`
    UPDATE "SyncJob"
    SET "status" = 'failed', "lastError" = ${lastError}, "completedAt" = ${now},
        "lockedAt" = NULL, "lockedBy" = NULL, "updatedAt" = ${now}
    WHERE "id" IN (${Prisma.join(ids)}) AND "attempts" >= "maxAttempts"
      AND (("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedAt" < ${staleBefore}))`;
  return prisma.syncJob.findMany({
    where: { id: { in: ids }, status: "failed", completedAt: now, lastError },
    orderBy: { id: "asc" },
    include: { webhookEvent: { select: { webhookId: true, payload: true, topic: true } } },
  });
}

/**
 * Renews this worker's lease before it starts a job of its batch. False when the lease
 * ran out and another worker has taken the job since: then this worker must leave it.
 */
export async function touchJob(prisma: PrismaClient, id: number, workerId: string, now: Date): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE "SyncJob" SET "lockedAt" = ${now}, "updatedAt" = ${now}
    WHERE "id" = ${id} AND "lockedBy" = ${workerId} AND "status" = 'running'`;
  return count === 1;
}

export async function completeJob(prisma: PrismaClient, id: number, now: Date) {
  await prisma.syncJob.update({
    where: { id },
    data: { status: "completed", completedAt: now, lockedAt: null, lockedBy: null, lastError: null },
  });
}

/** Puts a job back in the queue for `runAt`; `refundAttempt` for waits that are not failures (429, paused connection). */
export async function rescheduleJob(
  prisma: PrismaClient,
  id: number,
  { runAt, lastError, refundAttempt }: { runAt: Date; lastError: string | null; refundAttempt: boolean },
) {
  await prisma.syncJob.update({
    where: { id },
    data: {
      status: "pending",
      runAt,
      lastError,
      lockedAt: null,
      lockedBy: null,
      ...(refundAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
}

/** After the last attempt the job stays in the table as `failed`, with its error. */
export async function failJob(prisma: PrismaClient, id: number, lastError: string, now: Date) {
  await prisma.syncJob.update({
    where: { id },
    data: { status: "failed", lastError, completedAt: now, lockedAt: null, lockedBy: null },
  });
}

/** Graceful shutdown: hands back what this worker claimed but did not start. */
export async function releaseJobs(prisma: PrismaClient, ids: number[], workerId: string) {
  if (ids.length === 0) return;
  await prisma.syncJob.updateMany({
    where: { id: { in: ids }, lockedBy: workerId, status: "running" },
    data: { status: "pending", lockedAt: null, lockedBy: null, attempts: { decrement: 1 } },
  });
}

/**
 * Queues a fresh sync of an order, asked from a history record (Retry). One job per record
 * however often it is asked: a double click queues one. Returns the job's id.
 */
export async function enqueueRetry(
  prisma: PrismaClient,
  { shop, orderId, task, retryOfId, now }: { shop: string; orderId: string; task: JobTask; retryOfId: number; now: Date },
): Promise<number> {
  const jobKey = `${shop}:retry:${retryOfId}`;
  try {
    const job = await prisma.syncJob.create({
      data: { shop, orderId, kind: "manual_retry" satisfies JobKind, task, jobKey, triggeredAt: now, runAt: now, retryOfId },
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
