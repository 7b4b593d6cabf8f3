/**
 * Retry of a history record, for the record's page and the order page's block alike: a fresh
 * sync of the record's order running the task of the job that wrote the record (a cancellation
 * again as a cancellation, an edit as an edit, an update as an update; the order is read anew).
 * One job per record however often it is asked, and one queued retry per order: a retry
 * re-syncs every shipment of the order, so asking from another record while one is queued
 * answers with that one.
 */
import type { PrismaClient } from "@prisma/client";
import { findRecordForRetry, findRecordJob, loadUnfinishedRetries, type RetryableRecord } from "../models/record-retry.server";
import { enqueueRetry, type JobTask } from "../models/sync-job.server";
import { isRetryable } from "./outcome-group";
import { isUnfinished, queuedRetry } from "./retry-jobs";

export type RetryResult = { kind: "queued"; jobId: number } | { kind: "not_found" } | { kind: "not_retryable" };

const JOB_TASKS: readonly JobTask[] = ["cancelled", "edited", "updated"];

/** Whether Retry is offered on the record: failed or calls for action, and its own job no longer waiting. */
export async function canRetry(prisma: PrismaClient, shop: string, record: RetryableRecord): Promise<boolean> {
  return (await retryability(prisma, shop, record)).retryable;
}

async function retryability(prisma: PrismaClient, shop: string, record: RetryableRecord) {
  const job = record.jobId === null ? null : await findRecordJob(prisma, shop, record.jobId);
  return { job, retryable: isRetryable(record.outcome, record.actionRequired, job !== null && isUnfinished(job.status)) };
}

export async function retryHistoryRecord(
  prisma: PrismaClient,
  { shop, recordId, orderId, now }: { shop: string; recordId: number; /** When the caller knows the order: a record of another is not found. */ orderId?: string; now: Date },
): Promise<RetryResult> {
  const record = await findRecordForRetry(prisma, shop, recordId, orderId);
  if (!record) return { kind: "not_found" };
  const { job, retryable } = await retryability(prisma, shop, record);
  if (!retryable) return { kind: "not_retryable" };

  const { jobs, recordedJobIds } = await loadUnfinishedRetries(prisma, shop, record.orderId);
  const queued = queuedRetry(jobs, recordedJobIds);
  if (queued) return { kind: "queued", jobId: queued.id };

  // The original job's task; a record whose job is gone falls back to its list.
  const task = JOB_TASKS.find((known) => known === job?.task) ?? (record.list === "cancel" ? "cancelled" : "edited");
  return { kind: "queued", jobId: await enqueueRetry(prisma, { shop, orderId: record.orderId, task, retryOfId: record.id, webhookEventId: job?.webhookEventId ?? null, now }) };
}
