/**
 * The worker's schedule: every minute at most, each process asks for the current slot's
 * reconciliation of every connected shop, and a follow-up for each shop with a billable
 * request due for a look. Job keys make the asking idempotent across processes; the jobs run
 * through the queue like any other, so a crash or a restart loses none.
 */
import { shopsWithDueFollowUps } from "../models/billable-follow-up.server";
import { listReconcilableShops } from "../models/reconcile.server";
import { enqueueScheduledJob } from "../models/scheduled-jobs.server";
import { slotOf } from "./scheduled-jobs";
import type { SyncDeps } from "./sync-deps.server";

export const SCHEDULE_CHECK_MS = 60_000;

export interface Scheduler {
  /** Queues what is due; does nothing when it last looked less than a minute ago. */
  tick(): Promise<void>;
}

export function createScheduler(deps: Pick<SyncDeps, "prisma" | "clock" | "logger">): Scheduler {
  let nextLookAt = 0;
  let reconciledSlot = 0;
  return {
    async tick() {
      const now = deps.clock();
      if (now.getTime() < nextLookAt) return;
      nextLookAt = now.getTime() + SCHEDULE_CHECK_MS;
      const slot = slotOf("reconcile", now);
      if (slot.getTime() !== reconciledSlot) {
        for (const shop of await listReconcilableShops(deps.prisma)) {
          await enqueueScheduledJob(deps.prisma, { kind: "reconcile", shop, slot, now });
        }
        reconciledSlot = slot.getTime();
      }
      for (const shop of await shopsWithDueFollowUps(deps.prisma, now)) {
        await enqueueScheduledJob(deps.prisma, { kind: "follow_up", shop, slot: slotOf("follow_up", now), now });
      }
    },
  };
}
