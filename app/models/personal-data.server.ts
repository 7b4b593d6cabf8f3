/**
 * Where the customer's personal data sits in the database, and taking it out: stored webhook
 * payloads, history details and messages, and the billable ledger's modification keys.
 * The rows themselves stay (the fact that a sync happened); app/privacy decides what goes.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { redactHistoryRecord, redactChangeKey } from "../privacy/redact-history";
import { sha256Hex } from "../security/sha256";
import { redactWebhookPayload } from "../privacy/redact-payload";
import { RECIPIENT_MARKER } from "../sync/recipient-change-key";

/** A ledger key that still carries the recipient as JSON (sync/recipient-change-key.ts). */
const PLAIN_RECIPIENT = `${RECIPIENT_MARKER}{`;

export interface RemovedCounts {
  webhooks: number;
  records: number;
  billableKeys: number;
}

/** customers/redact: every stored trace of these orders' customer. Safe to run twice. */
export async function removeOrdersPersonalData(prisma: PrismaClient, shop: string, orderIds: string[], now: Date): Promise<RemovedCounts> {
  if (orderIds.length === 0) return { webhooks: 0, records: 0, billableKeys: 0 };
  const webhooks = await prisma.webhookEvent.findMany({
    where: { shop, orderId: { in: orderIds }, personalDataRemovedAt: null },
    select: { id: true, topic: true, payload: true },
  });
  const records = await prisma.syncHistory.findMany({
    where: { shop, orderId: { in: orderIds }, personalDataRemovedAt: null },
    select: { id: true, details: true, message: true },
  });
  const shipments = await prisma.syncHistory.findMany({
    where: { shop, orderId: { in: orderIds }, shipmentId: { not: null } },
    distinct: ["shipmentId"],
    select: { shipmentId: true },
  });
  const ledger = await prisma.billableRequest.findMany({
    where: { shop, kind: "modify", shipmentId: { in: shipments.map((row) => row.shipmentId!) }, changeKey: { contains: PLAIN_RECIPIENT } },
    select: { id: true, changeKey: true },
  });
  await writeRemoved(prisma, webhooks, records, ledger, now);
  await prisma.orderStatusRead.deleteMany({ where: { shop, orderId: { in: orderIds } } });
  // A hash of the address and email is still theirs; without it the next update is simply synced.
  await prisma.orderFingerprint.deleteMany({ where: { shop, orderId: { in: orderIds } } });
  await clearSettledErrors(prisma, { shop, orderId: { in: orderIds } });
  return counts(webhooks, records, ledger);
}

/**
 * The retention purge: payloads received, records written and ledger rows made before
 * `cutoff`, a batch at a time (oldest first), so a large backlog never holds a long transaction.
 */
export async function removePersonalDataBefore(prisma: PrismaClient, cutoff: Date, now: Date, batchSize = 500): Promise<RemovedCounts> {
  const webhooks = await prisma.webhookEvent.findMany({
    where: { personalDataRemovedAt: null, receivedAt: { lt: cutoff } },
    orderBy: { receivedAt: "asc" },
    take: batchSize,
    select: { id: true, topic: true, payload: true },
  });
  const records = await prisma.syncHistory.findMany({
    where: { personalDataRemovedAt: null, createdAt: { lt: cutoff } },
    orderBy: { createdAt: "asc" },
    take: batchSize,
    select: { id: true, details: true, message: true },
  });
  const ledger = await prisma.billableRequest.findMany({
    where: { kind: "modify", createdAt: { lt: cutoff }, changeKey: { contains: PLAIN_RECIPIENT } },
    take: batchSize,
    select: { id: true, changeKey: true },
  });
  await writeRemoved(prisma, webhooks, records, ledger, now);
  return counts(webhooks, records, ledger);
}

/** The retention purge's part for jobs: settled jobs' last errors older than `cutoff`, once a run. */
export async function clearSettledErrorsBefore(prisma: PrismaClient, cutoff: Date) {
  await clearSettledErrors(prisma, { updatedAt: { lt: cutoff } });
}

/**
 * A settled job's last error may quote what OpenLogi refused; its history record keeps the
 * outcome (redacted alike), so the job's copy goes. Jobs still to run keep theirs.
 */
async function clearSettledErrors(prisma: PrismaClient, where: Prisma.SyncJobWhereInput) {
  await prisma.syncJob.updateMany({ where: { ...where, status: { in: ["completed", "failed"] }, lastError: { not: null } }, data: { lastError: null } });
}

type WebhookRow = { id: number; topic: string; payload: string };
type RecordRow = { id: number; details: string | null; message: string | null };
type LedgerRow = { id: number; changeKey: string };

async function writeRemoved(prisma: PrismaClient, webhooks: WebhookRow[], records: RecordRow[], ledger: LedgerRow[], now: Date) {
  await prisma.$transaction([
    ...webhooks.map((row) =>
      prisma.webhookEvent.update({
        where: { id: row.id },
        data: { payload: redactWebhookPayload(row.topic, row.payload), personalDataRemovedAt: now },
      }),
    ),
    ...records.map((row) =>
      prisma.syncHistory.update({ where: { id: row.id }, data: { ...redactHistoryRecord(row.details, row.message), personalDataRemovedAt: now } }),
    ),
    ...ledger.map((row) => prisma.billableRequest.update({ where: { id: row.id }, data: { changeKey: redactChangeKey(row.changeKey, sha256Hex) } })),
  ]);
}

function counts(webhooks: unknown[], records: unknown[], ledger: unknown[]): RemovedCounts {
  return { webhooks: webhooks.length, records: records.length, billableKeys: ledger.length };
}
