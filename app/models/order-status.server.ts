/**
 * The order page block's reads and its one write, every one by an indexed column and always
 * within one shop: SyncHistory by (shop, orderId, createdAt), SyncJob by (shop, orderId, …),
 * WebhookEvent by (shop, orderId), OrderStatusRead by its key (shop, orderId).
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { ORDER_JOB_SELECT, type OrderJob } from "../history/retry-jobs";
import type { HistoryRow, ShipmentsRead } from "../order-status/lines";
import { updatedAtOf, type OrderFacts } from "../order-status/order-facts";
import { isShipmentStatus } from "../sync/types";

/** An order rarely has more than a few records; this bounds the block's read when one has thousands. */
export const ORDER_RECORDS_TAKE = 100;

const ROW = {
  id: true,
  shipmentId: true,
  statusSeen: true,
  outcome: true,
  actionRequired: true,
  billable: true,
  list: true,
  jobId: true,
  createdAt: true,
  requestResult: true,
  requestResultAt: true,
} as const;

/** The order's latest records, newest first. */
export function loadOrderRecords(prisma: PrismaClient, shop: string, orderId: string): Promise<HistoryRow[]> {
  return loadRecords(prisma, { shop, orderId });
}

/** The order's billable records, newest first. */
export function loadBillableRecords(prisma: PrismaClient, shop: string, orderId: string): Promise<HistoryRow[]> {
  return loadRecords(prisma, { shop, orderId, billable: true });
}

function loadRecords(prisma: PrismaClient, where: Prisma.SyncHistoryWhereInput): Promise<HistoryRow[]> {
  return prisma.syncHistory.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: ORDER_RECORDS_TAKE, select: ROW });
}

/** The order's jobs still to run, and its manual retries whatever their state. */
export function loadOrderJobs(prisma: PrismaClient, shop: string, orderId: string): Promise<OrderJob[]> {
  return prisma.syncJob.findMany({
    where: { shop, orderId, OR: [{ status: { in: ["pending", "running"] } }, { kind: "manual_retry" }] },
    select: ORDER_JOB_SELECT,
  });
}

export interface StatusRead {
  facts: OrderFacts;
  /** When a view last settled OpenLogi's side; null: never. */
  checkedAt: Date | null;
  /** What OpenLogi listed for the order's key, at `checkedAt`; null when it was not asked. */
  read: ShipmentsRead | null;
}

export async function loadStatusRead(prisma: PrismaClient, shop: string, orderId: string): Promise<StatusRead | null> {
  const row = await prisma.orderStatusRead.findUnique({ where: { shop_orderId: { shop, orderId } } });
  if (!row) return null;
  return {
    facts: {
      shipmentKey: row.shipmentKey,
      atLocation: row.atLocation,
      settingsKey: row.settingsKey,
      orderUpdatedAt: row.orderUpdatedAt,
      readAt: row.factsReadAt,
    },
    checkedAt: row.checkedAt,
    read: row.shipments === null || row.checkedAt === null ? null : { shipments: parseShipments(row.shipments), at: row.checkedAt },
  };
}

function factsData(facts: OrderFacts) {
  return {
    shipmentKey: facts.shipmentKey,
    atLocation: facts.atLocation,
    settingsKey: facts.settingsKey,
    orderUpdatedAt: facts.orderUpdatedAt,
    factsReadAt: facts.readAt,
  };
}

/** Shopify's facts only: OpenLogi was not asked (the pace was busy), so what was read of it stays. */
export async function saveOrderFacts(prisma: PrismaClient, shop: string, orderId: string, facts: OrderFacts) {
  await upsertRead(prisma, shop, orderId, factsData(facts));
}

/** The facts and OpenLogi's side, settled at `checkedAt` (read: null when there was nothing to ask). */
export async function saveStatusRead(
  prisma: PrismaClient,
  shop: string,
  orderId: string,
  { facts, checkedAt, read }: { facts: OrderFacts; checkedAt: Date; read: ShipmentsRead | null },
) {
  await upsertRead(prisma, shop, orderId, {
    ...factsData(facts),
    checkedAt,
    shipments: read ? JSON.stringify(read.shipments.map(({ id, status }) => ({ id, status }))) : null,
  });
}

async function upsertRead(prisma: PrismaClient, shop: string, orderId: string, data: ReturnType<typeof factsData> & { checkedAt?: Date; shipments?: string | null }) {
  await prisma.orderStatusRead.upsert({ where: { shop_orderId: { shop, orderId } }, create: { shop, orderId, ...data }, update: data });
}

/** The versions (`updated_at`) of the order's webhooks received after `since`; null for one that carries none. */
export async function loadOrderVersionsSince(prisma: PrismaClient, shop: string, orderId: string, since: Date): Promise<(string | null)[]> {
  const events = await prisma.webhookEvent.findMany({
    where: { shop, orderId, receivedAt: { gt: since } },
    select: { payload: true },
  });
  return events.map((event) => updatedAtOf(event.payload));
}

/** A row written by an older version, or by hand, never breaks the block: unknown entries are left out. */
function parseShipments(json: string): ShipmentsRead["shipments"] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: { id?: unknown; status?: unknown }) =>
      typeof entry?.id === "string" && typeof entry.status === "string" && isShipmentStatus(entry.status)
        ? [{ id: entry.id, status: entry.status }]
        : [],
    );
  } catch {
    return [];
  }
}
