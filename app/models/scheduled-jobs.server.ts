import type { PrismaClient } from "@prisma/client";
import { scheduledJobKey, SCHEDULED_MAX_ATTEMPTS, type ScheduledKind } from "../jobs/scheduled-jobs";
import { isUniqueViolation } from "./unique-violation";

/**
 * Queues one shop's scheduled job for a slot; false when the slot's job exists already. It is
 * not an order's: `orderId` is empty, so the shop's scheduled jobs run one at a time.
 */
export async function enqueueScheduledJob(
  prisma: PrismaClient,
  { kind, shop, slot, now }: { kind: ScheduledKind; shop: string; slot: Date; now: Date },
): Promise<boolean> {
  try {
    await prisma.syncJob.create({
      data: {
        shop,
        orderId: "",
        kind,
        task: kind,
        jobKey: scheduledJobKey(kind, shop, slot),
        triggeredAt: slot,
        runAt: now,
        maxAttempts: SCHEDULED_MAX_ATTEMPTS,
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
