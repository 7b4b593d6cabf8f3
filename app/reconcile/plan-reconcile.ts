/**
 * Which orders a reconciliation cycle queues, and from when it reads. Shopify gives up on a
 * webhook after 4 hours of retries; the cycle finds the changes whose webhook never came.
 * Job keys are the webhooks' own (app/jobs/job-spec.ts), so a cancellation is queued once
 * whether its webhook or the cycle saw it first. Pure: the shell reads, this decides.
 */
import { cancelledJobKey } from "../jobs/job-spec";
import type { JobTask } from "../models/sync-job.server";

/** How far before the checkpoint each cycle reads again: Shopify's search index lags writes a little. */
export const OVERLAP_MS = 5 * 60_000;

export interface ReconcileOrder {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

export interface ReconcileJob {
  task: Extract<JobTask, "cancelled" | "updated">;
  orderId: string;
  jobKey: string;
  /** When Shopify made the change: an order's jobs run in this order, webhooks' and the cycle's alike. */
  triggeredAt: Date;
}

/**
 * The moment the cycle reads from: the checkpoint, or for a shop never reconciled its install
 * (not the beginning of its history), less the overlap.
 */
export function readSince(checkpoint: Date | null, installedAt: Date): Date {
  return new Date((checkpoint ?? installedAt).getTime() - OVERLAP_MS);
}

/** The next checkpoint: the last change the cycle read (pages come oldest first), never moving back. */
export function nextCheckpoint(checkpoint: Date | null, installedAt: Date, orders: ReconcileOrder[]): Date {
  const base = checkpoint ?? installedAt;
  const last = orders.reduce((latest, order) => Math.max(latest, order.updatedAt.getTime()), base.getTime());
  return new Date(last);
}

/**
 * The jobs for a page of updated orders.
 * - A cancellation made since the window opened is queued under the webhook's own key: if the
 *   webhook came, the key is taken and nothing more happens.
 * - Another change is queued when no webhook or job of the order is as recent as it
 *   (`handledAt`: the latest `X-Shopify-Triggered-At` of the order's webhooks and jobs).
 * - An order never changed since it was created, and a change to a cancelled order, queue nothing:
 *   OpenLogi imports new orders itself, and a cancelled order's changes are "Order cancelled".
 */
export function planReconcile(
  shop: string,
  since: Date,
  orders: ReconcileOrder[],
  handledAt: ReadonlyMap<string, Date>,
): ReconcileJob[] {
  const jobs: ReconcileJob[] = [];
  for (const order of orders) {
    if (order.cancelledAt) {
      if (order.cancelledAt.getTime() >= since.getTime()) {
        jobs.push({ task: "cancelled", orderId: order.id, jobKey: cancelledJobKey(shop, order.id), triggeredAt: order.cancelledAt });
      }
      continue;
    }
    if (order.updatedAt.getTime() === order.createdAt.getTime()) continue;
    const handled = handledAt.get(order.id);
    if (handled && handled.getTime() >= order.updatedAt.getTime()) continue;
    jobs.push({
      task: "updated",
      orderId: order.id,
      // The webhook's key names its event; the cycle has none, so it names the order's version.
      jobKey: `${shop}:updated:${order.id}:reconcile:${order.updatedAt.toISOString()}`,
      triggeredAt: order.updatedAt,
    });
  }
  return jobs;
}
