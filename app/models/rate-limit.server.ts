/**
 * The shared pace for OpenLogi calls: one RateLimitBucket row per token hash.
 * Each statement is a single upsert, so concurrent workers in several processes
 * on one database never hand out the same slot. The SQL is portable: SQLite ≥ 3.35
 * and PostgreSQL both accept `ON CONFLICT … DO UPDATE … RETURNING`, and CASE WHEN
 * stands in for SQLite's max() / PostgreSQL's GREATEST().
 *
 * "Now" is the database's clock unless the caller passes its own (tests): processes whose
 * clocks disagree then still agree on the pace, and a process whose clock runs fast cannot
 * push the next slot ahead for everyone. Every statement that makes a caller wait returns
 * the time it used, so the wait is measured on the same clock as the slot.
 */
import { Prisma } from "@prisma/client";
import { databaseNowMs, type RawClient } from "./sql-dialect.server";

/** A slot in epoch milliseconds, and the time it was reserved at, on the same clock. */
export interface Reserved {
  slotMs: number;
  nowMs: number;
}

type Row = { nextSlotAt: bigint | number | string; now: bigint | number | string };

/** The caller's time when given, else the database's. */
function nowOf(prisma: RawClient, nowMs: number | undefined): Prisma.Sql {
  return nowMs === undefined ? databaseNowMs(prisma) : Prisma.sql`CAST(${BigInt(Math.floor(nowMs))} AS BIGINT)`;
}

const bigint = (ms: number) => Prisma.sql`CAST(${BigInt(Math.ceil(ms))} AS BIGINT)`;

/**
 * Reserves the next call slot for `key`: slot = max(now, nextSlotAt), and the
 * bucket moves on to slot + interval.
 */
export async function reserveSlot(prisma: RawClient, key: string, intervalMs: number, nowMs?: number): Promise<Reserved> {
  const now = nowOf(prisma, nowMs);
  const interval = bigint(intervalMs);
  const rows = await prisma.$queryRaw<Row[]>`
    INSERT INTO "RateLimitBucket" ("key", "nextSlotAt")
    VALUES (${key}, ${now} + ${interval})
    ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" =
      CASE WHEN "RateLimitBucket"."nextSlotAt" < ${now} THEN ${now} ELSE "RateLimitBucket"."nextSlotAt" END + ${interval}
    RETURNING "nextSlotAt", ${now} AS "now"`;
  const row = rows[0];
  if (!row) throw new Error("RateLimitBucket upsert returned no row");
  return { slotMs: Number(row.nextSlotAt) - Math.ceil(intervalMs), nowMs: Number(row.now) };
}

/** Pushes the bucket's next slot to at least `ms` from now (after a 429, or a window OpenLogi says is full). */
export async function deferBucket(prisma: RawClient, key: string, ms: number, nowMs?: number): Promise<void> {
  const until = Prisma.sql`(${nowOf(prisma, nowMs)} + ${bigint(ms)})`;
  await prisma.$executeRaw`
    INSERT INTO "RateLimitBucket" ("key", "nextSlotAt")
    VALUES (${key}, ${until})
    ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" =
      CASE WHEN "RateLimitBucket"."nextSlotAt" < ${until} THEN ${until} ELSE "RateLimitBucket"."nextSlotAt" END`;
}

/**
 * Reserves the slot at now only when the bucket's next free slot is not later than that:
 * nobody has called within the last interval, nobody waits, and no 429 holds the pace back.
 * One statement, so two callers never both get the slot. Returns whether it was reserved.
 */
export async function reserveFreeSlot(prisma: RawClient, key: string, intervalMs: number, nowMs?: number): Promise<boolean> {
  const now = nowOf(prisma, nowMs);
  const next = Prisma.sql`${now} + ${bigint(intervalMs)}`;
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO "RateLimitBucket" ("key", "nextSlotAt") VALUES (${key}, ${next})
    ON CONFLICT ("key") DO UPDATE SET "nextSlotAt" = ${next}
    WHERE "RateLimitBucket"."nextSlotAt" <= ${now}
    RETURNING "key"`;
  return rows.length > 0;
}

/** Moves every slot not yet handed out `ms` later: a caller that went late carries the pace with it. */
export async function shiftBucket(prisma: RawClient, key: string, ms: number): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "RateLimitBucket" SET "nextSlotAt" = "nextSlotAt" + ${bigint(ms)} WHERE "key" = ${key}`;
}
