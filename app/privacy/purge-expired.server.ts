/**
 * The retention purge: stored webhook payloads older than PRIVACY_RETENTION_DAYS are cut down to
 * what the app still reads, and older history records lose their personal data; both rows stay.
 * Idempotent and safe in several processes at once (each row is rewritten to the same result).
 */
import type { PrismaClient } from "@prisma/client";
import type { Logger } from "../logger.server";
import { clearSettledErrorsBefore, removePersonalDataBefore, type RemovedCounts } from "../models/personal-data.server";
import { retentionCutoff } from "./retention";

const BATCH = 500;

export async function purgeExpiredPersonalData(
  prisma: PrismaClient,
  { now, retentionDays, logger }: { now: Date; retentionDays: number; logger: Logger },
): Promise<RemovedCounts> {
  const cutoff = retentionCutoff(now, retentionDays);
  const total: RemovedCounts = { webhooks: 0, records: 0, billableKeys: 0 };
  for (;;) {
    const batch = await removePersonalDataBefore(prisma, cutoff, now, BATCH);
    total.webhooks += batch.webhooks;
    total.records += batch.records;
    total.billableKeys += batch.billableKeys;
    if (batch.webhooks < BATCH && batch.records < BATCH && batch.billableKeys < BATCH) break;
  }
  await clearSettledErrorsBefore(prisma, cutoff);
  logger.info({ ...total, cutoff: cutoff.toISOString() }, "expired personal data removed");
  return total;
}

/** The worker's schedule: once at start, then every `intervalMs` (an hour). */
export function scheduleRetentionPurge(
  prisma: PrismaClient,
  { retentionDays, logger, intervalMs = 3_600_000, clock = () => new Date() }: { retentionDays: number; logger: Logger; intervalMs?: number; clock?: () => Date },
) {
  const run = () =>
    purgeExpiredPersonalData(prisma, { now: clock(), retentionDays, logger }).catch((error: unknown) =>
      logger.error({ err: error }, "retention purge failed"),
    );
  const first = run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await first;
    },
  };
}
