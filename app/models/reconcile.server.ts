/**
 * The reconciliation's storage: each shop's checkpoint, what the order's webhooks and jobs
 * already cover, and queueing the jobs it found onto the webhooks' queue.
 */
import type { PrismaClient } from "@prisma/client";
import { ORDER_TOPICS } from "../jobs/job-spec";
import type { ReconcileJob } from "../reconcile/plan-reconcile";
import type { JobKind } from "./sync-job.server";
import { isUniqueViolation } from "./unique-violation";

export interface ReconcileStart {
  /** null: never reconciled since the latest install. */
  checkpoint: Date | null;
  installedAt: Date;
}

/** Shops the app is installed on and that have an OpenLogi token: a shop never connected has nothing to reconcile. */
export async function listReconcilableShops(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.shopSettings.findMany({
    where: { uninstalledAt: null, openlogiTokenCiphertext: { not: null } },
    select: { shop: true },
    orderBy: { shop: "asc" },
  });
  return rows.map((row) => row.shop);
}

/** Where the shop's next cycle starts; null when the app is not installed there. */
export async function loadReconcileStart(prisma: PrismaClient, shop: string): Promise<ReconcileStart | null> {
  const [settings, checkpoint] = await Promise.all([
    prisma.shopSettings.findUnique({ where: { shop }, select: { installedAt: true, createdAt: true, uninstalledAt: true } }),
    prisma.reconcileCheckpoint.findUnique({ where: { shop }, select: { updatedSince: true } }),
  ]);
  if (!settings || settings.uninstalledAt) return null;
  const installedAt = settings.installedAt ?? settings.createdAt;
  // A checkpoint from before a reinstall is the old install's: the new one starts afresh.
  const current = checkpoint && checkpoint.updatedSince >= installedAt ? checkpoint.updatedSince : null;
  return { checkpoint: current, installedAt };
}

export interface CycleFigures {
  updatedSince: Date;
  at: Date;
  seen: number;
  queued: number;
  points: number;
}

export async function saveCheckpoint(prisma: PrismaClient, shop: string, figures: CycleFigures) {
  const data = {
    updatedSince: figures.updatedSince,
    lastCycleAt: figures.at,
    lastSeen: figures.seen,
    lastQueued: figures.queued,
    lastPoints: figures.points,
  };
  await prisma.reconcileCheckpoint.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/**
 * Per order, the latest `X-Shopify-Triggered-At` of its webhooks and jobs: a change at or
 * before it has been (or is being) handled, since every job reads the order as it is now.
 */
export async function loadHandledAt(prisma: PrismaClient, shop: string, orderIds: string[]): Promise<Map<string, Date>> {
  if (orderIds.length === 0) return new Map();
  const [webhooks, jobs] = await Promise.all([
    prisma.webhookEvent.groupBy({
      by: ["orderId"],
      where: { shop, orderId: { in: orderIds }, topic: { in: [...ORDER_TOPICS] } },
      _max: { triggeredAt: true },
    }),
    prisma.syncJob.groupBy({
      by: ["orderId"],
      where: { shop, orderId: { in: orderIds } },
      _max: { triggeredAt: true },
    }),
  ]);
  const handled = new Map<string, Date>();
  for (const row of [...webhooks, ...jobs]) {
    const at = row._max.triggeredAt;
    if (!row.orderId || !at) continue;
    const known = handled.get(row.orderId);
    if (!known || at > known) handled.set(row.orderId, at);
  }
  return handled;
}

/**
 * Queues the cycle's jobs as order events with no webhook, in one statement. A key already
 * taken (the webhook came after all, or an earlier cycle queued it) is left as it is.
 * Returns how many were new.
 */
export async function enqueueReconciledJobs(prisma: PrismaClient, shop: string, jobs: ReconcileJob[], now: Date): Promise<number> {
  if (jobs.length === 0) return 0;
  const taken = await prisma.syncJob.findMany({ where: { jobKey: { in: jobs.map((job) => job.jobKey) } }, select: { jobKey: true } });
  const takenKeys = new Set(taken.map((row) => row.jobKey));
  const rows = jobs
    .filter((job) => !takenKeys.has(job.jobKey))
    .map((job) => ({
      shop,
      orderId: job.orderId,
      kind: "order_event" satisfies JobKind,
      task: job.task,
      jobKey: job.jobKey,
      triggeredAt: job.triggeredAt,
      runAt: now,
    }));
  try {
    return (await prisma.syncJob.createMany({ data: rows })).count;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // A webhook took one of the keys since the read above: queue the rest one by one.
  let queued = 0;
  for (const data of rows) {
    try {
      await prisma.syncJob.create({ data });
      queued++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return queued;
}
