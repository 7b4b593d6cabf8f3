/**
 * The schedule's jobs: one per shop and slot, so every process may ask for it and the job key
 * makes it one. Pure.
 */
import type { JobKind } from "../models/sync-job.server";

export type ScheduledKind = Extract<JobKind, "reconcile" | "follow_up">;

/** How often each scheduled kind runs per shop: the issue asks reconciliation every 15 minutes at least. */
export const EVERY_MS: Record<ScheduledKind, number> = {
  reconcile: 15 * 60_000,
  follow_up: 5 * 60_000,
};

/** A scheduled job that fails this often waits for its next slot instead. */
export const SCHEDULED_MAX_ATTEMPTS = 3;

/** The start of the slot `now` falls in (slots are aligned to the epoch, so every process agrees). */
export function slotOf(kind: ScheduledKind, now: Date): Date {
  const every = EVERY_MS[kind];
  return new Date(Math.floor(now.getTime() / every) * every);
}

export function scheduledJobKey(kind: ScheduledKind, shop: string, slot: Date): string {
  return `${shop}:${kind}:${slot.toISOString()}`;
}

/** The kinds that sync an order: what the merchant's queue figures and the cut-off forecast count. */
export const ORDER_JOB_KINDS = ["order_event", "manual_retry"] as const satisfies readonly JobKind[];

/** Whether a claimed job is the schedule's rather than an order's. */
export function isScheduledKind(kind: string): kind is ScheduledKind {
  return kind === "reconcile" || kind === "follow_up";
}
