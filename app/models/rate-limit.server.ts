/**
 * The shared pace for OpenLogi calls: one RateLimitBucket row per token hash.
 * Each statement is a single upsert, so concurrent workers in several processes
 * on one database never hand out the same slot. The SQL is portable: SQLite ≥ 3.35
 * and PostgreSQL both accept `ON CONFLICT … DO UPDATE … RETURNING`, and CASE WHEN
 * stands in for SQLite's max() / PostgreSQL's GREATEST().
 */
import type { PrismaClient } from "@prisma/client";

type RawClient = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

/**
 * Reserves the next call slot for `key`: slot = max(now, nextSlotAt), and the
 * bucket moves on to slot + interval. Returns the slot in epoch milliseconds.
 */
export async function reserveSlot(prisma: RawClient, key: string, nowMs: number, intervalMs: number): Promise<number> {
  const now = BigInt(Math.floor(nowMs));
  const interval = BigInt(Math.ceil(intervalMs));
  const rows = await prisma.$queryRaw<{ nextSlotAt: bigint | number | string }[]>`
    INSERT INTO "RateLimitBucket" ("key", "nextSlotAt")
    VALUES (${key}, CAST(${now + interval} AS BIGINT))
    ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" =
      CASE WHEN "RateLimitBucket"."nextSlotAt" < CAST(${now} AS BIGINT)
        THEN CAST(${now} AS BIGINT)
        ELSE "RateLimitBucket"."nextSlotAt"
      END + CAST(${interval} AS BIGINT)
    RETURNING "nextSlotAt"`;
  const next = rows[0]?.nextSlotAt;
  if (next === undefined) throw new Error("RateLimitBucket upsert returned no row");
  return Number(next) - Number(interval);
}

/** Pushes the bucket's next slot to at least `untilMs` (after OpenLogi answered 429). */
export async function deferBucket(prisma: RawClient, key: string, untilMs: number): Promise<void> {
  const until = BigInt(Math.ceil(untilMs));
  await prisma.$executeRaw`
    INSERT INTO "RateLimitBucket" ("key", "nextSlotAt")
    VALUES (${key}, CAST(${until} AS BIGINT))
    ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" =
      CASE WHEN "RateLimitBucket"."nextSlotAt" < CAST(${until} AS BIGINT)
        THEN CAST(${until} AS BIGINT)
        ELSE "RateLimitBucket"."nextSlotAt"
      END`;
}

/**
 * Reserves the slot at `nowMs` only when the bucket's next free slot is not later than that:
 * nobody has called within the last interval, nobody waits, and no 429 holds the pace back.
 * One statement, so two callers never both get the slot. Returns whether it was reserved.
 */
export async function reserveFreeSlot(prisma: RawClient, key: string, nowMs: number, intervalMs: number): Promise<boolean> {
  const now = BigInt(Math.floor(nowMs));
  const interval = BigInt(Math.ceil(intervalMs));
  const rows = await prisma.$queryRaw<{ nextSlotAt: bigint | number | string }[]>`
    INSERT INTO "RateLimitBucket" ("key", "nextSlotAt")
    VALUES (${key}, CAST(${now + interval} AS BIGINT))
    ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" = CAST(${now + interval} AS BIGINT)
    WHERE "RateLimitBucket"."nextSlotAt" <= CAST(${now} AS BIGINT)
    RETURNING "nextSlotAt"`;
  return rows.length > 0;
}
