import type { PrismaClient } from "@prisma/client";
import { databaseUrlOf } from "./database-url";
import { openIntakeConnection, type IntakeConnection, type Plan } from "./intake-connection.server";
import {
  decideQuietUpdate,
  EMPTY_FINGERPRINT_STATE,
  nextFingerprintState,
  type FingerprintState,
  type LastJobState,
} from "../webhooks/quiet-update";
import type { JobSpec, StoreResult, WebhookRecord } from "./sync-job.server";

/** A verified delivery to store, with the job it becomes unless it is quiet. */
export interface IntakeEntry {
  record: WebhookRecord;
  job: JobSpec;
  /** webhooks/order-fingerprint.ts's hash for `orders/updated`; null never skips. */
  fingerprint: string | null;
  receivedAt: Date;
}

/** "quiet": stored, counted on the order, no job. */
export type IntakeResult = StoreResult | "quiet";

const orderKey = (shop: string, orderId: string) => `${shop}\u0000${orderId}`;

// One intake connection per database client: the app has one; tests bring their own. Kept on
// the client under a registered symbol, as its URL is (database-url.ts): the Remix build and
// server.ts each load this module, and a dev rebuild loads it again, over one client.
const CONNECTION_KEY = Symbol.for("openlogi-order-sync.intakeConnection");
type Holder = { [CONNECTION_KEY]?: IntakeConnection };

function connectionFor(prisma: PrismaClient): IntakeConnection {
  const holder = prisma as unknown as Holder;
  let connection = holder[CONNECTION_KEY];
  if (!connection) {
    connection = openIntakeConnection(databaseUrlOf(prisma));
    Object.defineProperty(prisma, CONNECTION_KEY, { value: connection, configurable: true });
  }
  return connection;
}

/** Closes the intake's connection of `prisma`'s database, if it opened one. */
export async function closeIntakeConnection(prisma: PrismaClient): Promise<void> {
  const connection = (prisma as unknown as Holder)[CONNECTION_KEY];
  if (!connection) return;
  Reflect.deleteProperty(prisma, CONNECTION_KEY);
  await connection.close();
}

/**
 * Stores a batch of deliveries in one transaction, so that one commit (one fsync on SQLite)
 * covers them all: every webhook, the job of each that needs one, and each order's
 * fingerprint state. A webhook id seen before is a duplicate and changes nothing; a job key
 * seen before adds no job (the same change delivered twice). When this returns, every
 * delivery in it is durable, and only then is any answered 200. It runs on the intake's own
 * connection to `prisma`'s database (intake-connection.server.ts).
 */
export function storeWebhookBatch(prisma: PrismaClient, entries: IntakeEntry[]): Promise<IntakeResult[]> {
  return connectionFor(prisma).run(() => batchPlan(entries));
}

/** Portable SQL (SQLite 3.35+ and PostgreSQL): multi-row INSERT … ON CONFLICT … RETURNING. */
function* batchPlan(entries: IntakeEntry[]): Plan<IntakeResult[]> {
  const eventIds = yield* insertEvents(entries);
  const results: IntakeResult[] = entries.map(() => "duplicate");
  const fresh: { entry: IntakeEntry; index: number; eventId: number }[] = [];
  entries.forEach((entry, index) => {
    const eventId = eventIds.get(entry.record.webhookId);
    if (eventId === undefined) return;
    // Twice in one batch: the first one stored it.
    eventIds.delete(entry.record.webhookId);
    fresh.push({ entry, index, eventId });
    results[index] = "stored";
  });
  if (fresh.length === 0) return results;

  const fingerprinted = fresh.filter(({ entry }) => entry.fingerprint !== null);
  const states = yield* lockFingerprintStates(fingerprinted.map(({ entry }) => entry));
  const lastJobs = yield* jobStates([...states.values()]);
  const settingsChangedAt = yield* settingsTimes(fingerprinted.map(({ entry }) => entry.record.shop));

  // Each order's deliveries in Shopify's order, so the state moves on as the worker would see it.
  const quiet = new Set<number>();
  // Orders whose newest delivery in this batch became a job: its key, to learn its id once inserted.
  const acceptedJobKeys = new Map<string, string>();
  for (const { entry, index } of [...fingerprinted].sort((a, b) => a.entry.record.triggeredAt.getTime() - b.entry.record.triggeredAt.getTime())) {
    const key = orderKey(entry.record.shop, entry.job.orderId);
    const state = states.get(key) ?? EMPTY_FINGERPRINT_STATE;
    const delivery = { fingerprint: entry.fingerprint, triggeredAt: entry.record.triggeredAt, receivedAt: entry.receivedAt };
    const lastJob: LastJobState = acceptedJobKeys.has(key) ? "pending" : state.jobId === null ? "missing" : (lastJobs.get(state.jobId) ?? "missing");
    const decision = decideQuietUpdate({ delivery, state, lastJob, settingsChangedAt: settingsChangedAt.get(entry.record.shop) ?? null });
    const next = nextFingerprintState(state, delivery, decision, null);
    if (decision.kind === "quiet") {
      quiet.add(index);
      results[index] = "quiet";
    } else if (next.triggeredAt === delivery.triggeredAt) {
      acceptedJobKeys.set(key, entry.job.jobKey);
    }
    states.set(key, next);
  }

  const jobIds = yield* insertJobs(fresh.filter(({ index }) => !quiet.has(index)));
  for (const [key, jobKey] of acceptedJobKeys) {
    // A job key taken before (one event sent twice) leaves no job of this delivery's own: null, never quiet after it.
    states.set(key, { ...states.get(key)!, jobId: jobIds.get(jobKey) ?? null });
  }
  yield* saveFingerprintStates(states);
  return results;
}

const placeholders = (count: number) => `(${Array.from({ length: count }, () => "?").join(", ")})`;
const rowsOf = (rows: unknown[][]) => rows.map((row) => placeholders(row.length)).join(", ");

function* insertEvents(entries: IntakeEntry[]): Plan<Map<string, number>> {
  return yield* insertNew(
    "WebhookEvent",
    ["webhookId", "topic", "shop", "eventId", "apiVersion", "triggeredAt", "orderId", "payload", "receivedAt"],
    entries.map(({ record, receivedAt }) => [
      record.webhookId, record.topic, record.shop, record.eventId, record.apiVersion,
      record.triggeredAt, record.orderId, record.payload, receivedAt,
    ]),
    "webhookId",
  );
}

/** A multi-row INSERT that skips rows whose `key` is taken; the new rows' ids by key. Names are this file's constants. */
function* insertNew(table: string, columns: string[], rows: unknown[][], key: string): Plan<Map<string, number>> {
  const inserted = yield {
    sql: `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES ${rowsOf(rows)}
      ON CONFLICT ("${key}") DO NOTHING RETURNING "id", "${key}"`,
    params: rows.flat(),
  };
  return new Map(inserted.map((row) => [String(row[key]), Number(row.id)]));
}

/**
 * Each order's fingerprint state, read by the same statement that writes to its row, so that
 * on PostgreSQL the row stays locked until commit and two web processes cannot both decide on
 * a stale state.
 */
function* lockFingerprintStates(entries: IntakeEntry[]): Plan<Map<string, FingerprintState>> {
  const orders = new Map(entries.map((entry) => [orderKey(entry.record.shop, entry.job.orderId), entry]));
  if (orders.size === 0) return new Map();
  const now = new Date();
  // Sorted, so that two batches lock shared rows in the same order.
  const rows = [...orders.keys()].sort().map((key) => [orders.get(key)!.record.shop, orders.get(key)!.job.orderId, now]);
  const states = yield {
    sql: `INSERT INTO "OrderFingerprint" ("shop", "orderId", "updatedAt") VALUES ${rowsOf(rows)}
      ON CONFLICT ("shop", "orderId") DO UPDATE SET "updatedAt" = excluded."updatedAt"
      RETURNING "shop", "orderId", "fingerprint", "triggeredAt", "acceptedAt", "jobId", "quietCount", "lastQuietAt"`,
    params: rows.flat(),
  };
  return new Map(
    states.map((row) => [
      orderKey(String(row.shop), String(row.orderId)),
      {
        fingerprint: row.fingerprint === null ? null : String(row.fingerprint),
        triggeredAt: dateOrNull(row.triggeredAt),
        acceptedAt: dateOrNull(row.acceptedAt),
        jobId: row.jobId === null ? null : Number(row.jobId),
        quietCount: Number(row.quietCount),
        lastQuietAt: dateOrNull(row.lastQuietAt),
      },
    ]),
  );
}

function* jobStates(states: FingerprintState[]): Plan<Map<number, LastJobState>> {
  const ids = states.map((state) => state.jobId).filter((id): id is number => id !== null);
  if (ids.length === 0) return new Map();
  const rows = yield { sql: `SELECT "id", "status" FROM "SyncJob" WHERE "id" IN ${placeholders(ids.length)}`, params: ids };
  return new Map(rows.map((row) => [Number(row.id), row.status as LastJobState]));
}

function* settingsTimes(shops: string[]): Plan<Map<string, Date>> {
  const distinct = [...new Set(shops)];
  if (distinct.length === 0) return new Map();
  const rows = yield {
    sql: `SELECT "shop", "updatedAt" FROM "ShopSettings" WHERE "shop" IN ${placeholders(distinct.length)}`,
    params: distinct,
  };
  return new Map(rows.map((row) => [String(row.shop), dateOrNull(row.updatedAt)!]));
}

function* insertJobs(fresh: { entry: IntakeEntry; eventId: number }[]): Plan<Map<string, number>> {
  if (fresh.length === 0) return new Map();
  return yield* insertNew(
    "SyncJob",
    ["shop", "orderId", "task", "jobKey", "triggeredAt", "runAt", "webhookEventId", "createdAt", "updatedAt"],
    fresh.map(({ entry: { record, job, receivedAt }, eventId }) => [
      record.shop, job.orderId, job.task, job.jobKey, record.triggeredAt, receivedAt, eventId, receivedAt, receivedAt,
    ]),
    "jobKey",
  );
}

function* saveFingerprintStates(states: Map<string, FingerprintState>): Plan<void> {
  if (states.size === 0) return;
  const now = new Date();
  const rows = [...states.entries()].map(([key, state]) => {
    const [shop, orderId] = key.split("\u0000");
    return [shop, orderId, state.fingerprint, state.triggeredAt, state.acceptedAt, state.jobId, state.quietCount, state.lastQuietAt, now];
  });
  yield {
    sql: `INSERT INTO "OrderFingerprint" ("shop", "orderId", "fingerprint", "triggeredAt", "acceptedAt", "jobId", "quietCount", "lastQuietAt", "updatedAt")
      VALUES ${rowsOf(rows)}
      ON CONFLICT ("shop", "orderId") DO UPDATE SET
        "fingerprint" = excluded."fingerprint", "triggeredAt" = excluded."triggeredAt", "acceptedAt" = excluded."acceptedAt",
        "jobId" = excluded."jobId", "quietCount" = excluded."quietCount", "lastQuietAt" = excluded."lastQuietAt",
        "updatedAt" = excluded."updatedAt"`,
    params: rows.flat(),
  };
}

/** A stored time as the driver returns it: a Date (PostgreSQL), or Prisma's ISO text or epoch ms (SQLite). */
function dateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  // SQLite's own CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS", in UTC.
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}
