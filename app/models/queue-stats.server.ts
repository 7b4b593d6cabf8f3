import type { PrismaClient } from "@prisma/client";
import { ORDER_JOB_KINDS } from "../jobs/scheduled-jobs";

// Orders only: a shop's reconciliation or follow-up is no order waiting, nor an OpenLogi call to forecast.
const kind = { in: [...ORDER_JOB_KINDS] };

/** One shop's queue as Home shows it. */
export interface QueueStats {
  pending: number;
  running: number;
  /** Jobs that failed for good since `since` (Home's 7 days), not every failure ever. */
  failed: number;
  /** How long the oldest job still waiting has waited since it was queued; null when none waits. */
  oldestPendingAgeMs: number | null;
}

export async function shopQueueStats(prisma: PrismaClient, shop: string, now: Date, since: Date): Promise<QueueStats> {
  const [rows, failed, oldest] = await Promise.all([
    prisma.syncJob.groupBy({
      by: ["status"],
      where: { shop, kind, status: { in: ["pending", "running"] } },
      _count: { _all: true },
    }),
    // A failed job's completedAt is when its last attempt failed.
    prisma.syncJob.count({ where: { shop, kind, status: "failed", completedAt: { gte: since } } }),
    prisma.syncJob.findFirst({
      where: { shop, kind, status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const count = (status: string) => rows.find((row) => row.status === status)?._count._all ?? 0;
  return {
    pending: count("pending"),
    running: count("running"),
    failed,
    oldestPendingAgeMs: oldest ? Math.max(0, now.getTime() - oldest.createdAt.getTime()) : null,
  };
}
