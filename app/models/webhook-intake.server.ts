import { Prisma, type PrismaClient } from "@prisma/client";
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

type Tx = Prisma.TransactionClient;
const orderKey = (shop: string, orderId: string) => `${shop}\u0000${orderId}`;

/**
 * Stores a batch of deliveries in one transaction, so that one commit (one fsync on SQLite)
 * covers them all: every webhook, the job of each that needs one, and each order's
 * fingerprint state. A webhook id seen before is a duplicate and changes nothing; a job key
 * seen before adds no job (the same change delivered twice). When this returns, every
 * delivery in it is durable, and only then is any answered 200.
 *
 * Portable SQL (SQLite 3.35+ and PostgreSQL): multi-row INSERT … ON CONFLICT … RETURNING.
 */
export async function storeWebhookBatch(prisma: PrismaClient, entries: IntakeEntry[]): Promise<IntakeResult[]> {
  return prisma.$transaction(async (tx) => {
    // The first statement writes, so SQLite takes its write lock here (waiting out the busy
    // timeout) rather than failing to upgrade a read later.
    const eventIds = await insertEvents(tx, entries);
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
    const states = await lockFingerprintStates(tx, fingerprinted.map(({ entry }) => entry));
    const lastJobs = await jobStates(tx, [...states.values()]);
    const settingsChangedAt = await settingsTimes(tx, fingerprinted.map(({ entry }) => entry.record.shop));

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

    const jobIds = await insertJobs(tx, fresh.filter(({ index }) => !quiet.has(index)));
    for (const [key, jobKey] of acceptedJobKeys) {
      // A job key taken before (one event sent twice) leaves no job of this delivery's own: null, never quiet after it.
      states.set(key, { ...states.get(key)!, jobId: jobIds.get(jobKey) ?? null });
    }
    await saveFingerprintStates(tx, states);
    return results;
  }, BATCH_TRANSACTION);
}

// Prisma's default (2 s to start, 5 s to finish) is short for a batch waiting on another
// process's write lock on a busy machine; a batch that still fails is answered 500 and retried.
const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

function insertEvents(tx: Tx, entries: IntakeEntry[]): Promise<Map<string, number>> {
  return insertNew(
    tx,
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
async function insertNew(tx: Tx, table: string, columns: string[], rows: unknown[][], key: string): Promise<Map<string, number>> {
  const name = (identifier: string) => Prisma.raw(`"${identifier}"`);
  const inserted = await tx.$queryRaw<Record<string, unknown>[]>`
    INSERT INTO ${name(table)} (${Prisma.join(columns.map(name))})
    VALUES ${Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(row)})`))}
    ON CONFLICT (${name(key)}) DO NOTHING
    RETURNING "id", ${name(key)}`;
  return new Map(inserted.map((row) => [String(row[key]), Number(row.id)]));
}

/**
 * Reads each order's fingerprint state after writing to its row, so that on PostgreSQL the
 * row stays locked until commit and two web processes cannot both decide on a stale state.
 */
async function lockFingerprintStates(tx: Tx, entries: IntakeEntry[]): Promise<Map<string, FingerprintState>> {
  const orders = new Map(entries.map((entry) => [orderKey(entry.record.shop, entry.job.orderId), entry]));
  if (orders.size === 0) return new Map();
  const now = new Date();
  // Sorted, so that two batches lock shared rows in the same order.
  const keys = [...orders.keys()].sort();
  const values = keys.map((key) => {
    const { record, job } = orders.get(key)!;
    return Prisma.sql`(${record.shop}, ${job.orderId}, ${now})`;
  });
  await tx.$executeRaw`
    INSERT INTO "OrderFingerprint" ("shop", "orderId", "updatedAt") VALUES ${Prisma.join(values)}
    ON CONFLICT ("shop", "orderId") DO UPDATE SET "updatedAt" = excluded."updatedAt"`;
  const rows = await tx.orderFingerprint.findMany({
    where: { OR: keys.map((key) => ({ shop: orders.get(key)!.record.shop, orderId: orders.get(key)!.job.orderId })) },
  });
  return new Map(rows.map(({ shop, orderId, updatedAt: _updatedAt, ...state }) => [orderKey(shop, orderId), state]));
}

async function jobStates(tx: Tx, states: FingerprintState[]): Promise<Map<number, LastJobState>> {
  const ids = states.map((state) => state.jobId).filter((id): id is number => id !== null);
  if (ids.length === 0) return new Map();
  const jobs = await tx.syncJob.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
  return new Map(jobs.map((job) => [job.id, job.status as LastJobState]));
}

async function settingsTimes(tx: Tx, shops: string[]): Promise<Map<string, Date>> {
  if (shops.length === 0) return new Map();
  const rows = await tx.shopSettings.findMany({ where: { shop: { in: [...new Set(shops)] } }, select: { shop: true, updatedAt: true } });
  return new Map(rows.map((row) => [row.shop, row.updatedAt]));
}

async function insertJobs(tx: Tx, fresh: { entry: IntakeEntry; eventId: number }[]): Promise<Map<string, number>> {
  if (fresh.length === 0) return new Map();
  return insertNew(
    tx,
    "SyncJob",
    ["shop", "orderId", "task", "jobKey", "triggeredAt", "runAt", "webhookEventId", "createdAt", "updatedAt"],
    fresh.map(({ entry: { record, job, receivedAt }, eventId }) => [
      record.shop, job.orderId, job.task, job.jobKey, record.triggeredAt, receivedAt, eventId, receivedAt, receivedAt,
    ]),
    "jobKey",
  );
}

async function saveFingerprintStates(tx: Tx, states: Map<string, FingerprintState>) {
  if (states.size === 0) return;
  const now = new Date();
  const values = [...states.entries()].map(([key, state]) => {
    const [shop, orderId] = key.split("\u0000");
    return Prisma.sql`(${shop}, ${orderId}, ${state.fingerprint}, ${state.triggeredAt}, ${state.acceptedAt},
      ${state.jobId}, ${state.quietCount}, ${state.lastQuietAt}, ${now})`;
  });
  await tx.$executeRaw`
    INSERT INTO "OrderFingerprint" ("shop", "orderId", "fingerprint", "triggeredAt", "acceptedAt", "jobId", "quietCount", "lastQuietAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("shop", "orderId") DO UPDATE SET
      "fingerprint" = excluded."fingerprint", "triggeredAt" = excluded."triggeredAt", "acceptedAt" = excluded."acceptedAt",
      "jobId" = excluded."jobId", "quietCount" = excluded."quietCount", "lastQuietAt" = excluded."lastQuietAt",
      "updatedAt" = excluded."updatedAt"`;
}
