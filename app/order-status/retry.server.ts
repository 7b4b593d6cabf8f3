/**
 * `POST /api/orders/:id/retry`: staff ask for a failed or action-required record to be synced
 * again. One job per record however often they press (enqueueRetry); the worker runs it and
 * its record carries `retryOfId`, which is how the block sees the new outcome.
 */
import type { PrismaClient } from "@prisma/client";
import { isRetryable, type HistoryOutcome } from "../history/outcome-group";
import { findOrderRecord } from "../models/order-status.server";
import { enqueueRetry, type JobTask } from "../models/sync-job.server";

export type RetryResult = { kind: "queued"; jobId: number } | { kind: "not_found" } | { kind: "not_retryable" };

export async function retryOrderRecord(
  prisma: PrismaClient,
  { shop, orderId, recordId, now }: { shop: string; orderId: string; recordId: number; now: Date },
): Promise<RetryResult> {
  const record = await findOrderRecord(prisma, shop, orderId, recordId);
  if (!record) return { kind: "not_found" };
  if (!isRetryable(record.outcome as HistoryOutcome, record.actionRequired)) return { kind: "not_retryable" };
  // A cancellation is synced again as one; a change as an edit, so lines an edit added without a SKU still count.
  const task: JobTask = record.list === "cancel" ? "cancelled" : "edited";
  return { kind: "queued", jobId: await enqueueRetry(prisma, { shop, orderId, task, retryOfId: record.id, now }) };
}
