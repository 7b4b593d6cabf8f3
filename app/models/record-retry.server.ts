/** The reads behind Retry, always within one shop: a record, its own job, and the order's retries. */
import type { PrismaClient } from "@prisma/client";
import { ORDER_JOB_SELECT, type OrderJob } from "../history/retry-jobs";

export interface RetryableRecord {
  id: number;
  orderId: string;
  list: string;
  outcome: string;
  actionRequired: boolean;
  jobId: number | null;
}

/** The shop's record (of that order, when one is named), or null: another shop's is as missing. */
export function findRecordForRetry(prisma: PrismaClient, shop: string, recordId: number, orderId?: string): Promise<RetryableRecord | null> {
  return prisma.syncHistory.findFirst({
    where: { id: recordId, shop, ...(orderId === undefined ? {} : { orderId }) },
    select: { id: true, orderId: true, list: true, outcome: true, actionRequired: true, jobId: true },
  });
}

/** The job that wrote a record: its state, and the task it ran. */
export function findRecordJob(prisma: PrismaClient, shop: string, jobId: number): Promise<{ status: string; task: string; webhookEventId: number | null } | null> {
  return prisma.syncJob.findFirst({ where: { id: jobId, shop }, select: { status: true, task: true, webhookEventId: true } });
}

/** The order's manual retries still to run, and which of them have recorded an outcome already. */
export async function loadUnfinishedRetries(prisma: PrismaClient, shop: string, orderId: string) {
  const jobs: OrderJob[] = await prisma.syncJob.findMany({
    where: { shop, orderId, kind: "manual_retry", status: { in: ["pending", "running"] } },
    select: ORDER_JOB_SELECT,
  });
  if (jobs.length === 0) return { jobs, recordedJobIds: new Set<number | null>() };
  const recorded = await prisma.syncHistory.findMany({
    where: { shop, orderId, jobId: { in: jobs.map((job) => job.id) } },
    select: { jobId: true },
    distinct: ["jobId"],
  });
  return { jobs, recordedJobIds: new Set(recorded.map((row) => row.jobId)) };
}
