import type { PrismaClient } from "@prisma/client";

/** One shop's queue as Home shows it. */
export interface QueueStats {
  pending: number;
  running: number;
  failed: number;
  /** How long the oldest job still waiting has waited since it was queued; null when none waits. */
  oldestPendingAgeMs: number | null;
}

export async function shopQueueStats(prisma: PrismaClient, shop: string, now: Date): Promise<QueueStats> {
  const [rows, oldest] = await Promise.all([
    prisma.syncJob.groupBy({
      by: ["status"],
      where: { shop, status: { in: ["pending", "running", "failed"] } },
      _count: { _all: true },
    }),
    prisma.syncJob.findFirst({
      where: { shop, status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const count = (status: string) => rows.find((row) => row.status === status)?._count._all ?? 0;
  return {
    pending: count("pending"),
    running: count("running"),
    failed: count("failed"),
    oldestPendingAgeMs: oldest ? Math.max(0, now.getTime() - oldest.createdAt.getTime()) : null,
  };
}
