/**
 * The order page block's reads and its one write, every one by an indexed column and always
 * within one shop: SyncHistory by (shop, orderId, createdAt), SyncJob by (shop, orderId, …),
 * OrderStatusRead by its key (shop, orderId).
 */
import type { PrismaClient } from "@prisma/client";
import type { HistoryRow, RetryJobStatus, ShipmentsRead } from "../order-status/lines";
import { SHIPMENT_STATUSES, type ShipmentStatus } from "../sync/types";

/** An order rarely has more than a few records; this bounds the block's read when one has thousands. */
export const ORDER_RECORDS_TAKE = 100;

const ROW = {
  id: true,
  shipmentId: true,
  statusSeen: true,
  outcome: true,
  actionRequired: true,
  billable: true,
  createdAt: true,
  requestResult: true,
  requestResultAt: true,
} as const;

/** The order's latest records, newest first. */
export function loadOrderRecords(prisma: PrismaClient, shop: string, orderId: string): Promise<HistoryRow[]> {
  return prisma.syncHistory.findMany({
    where: { shop, orderId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ORDER_RECORDS_TAKE,
    select: ROW,
  });
}

/** The order's billable records, newest first. */
export function loadBillableRecords(prisma: PrismaClient, shop: string, orderId: string): Promise<HistoryRow[]> {
  return prisma.syncHistory.findMany({
    where: { shop, orderId, billable: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ORDER_RECORDS_TAKE,
    select: ROW,
  });
}

/** One record of the order, or null when the shop has no such record for that order. */
export function findOrderRecord(prisma: PrismaClient, shop: string, orderId: string, recordId: number) {
  return prisma.syncHistory.findFirst({
    where: { id: recordId, shop, orderId },
    select: { id: true, list: true, outcome: true, actionRequired: true },
  });
}

/** The state of the manual retries asked from these records of the order. */
export async function loadRetryJobs(
  prisma: PrismaClient,
  shop: string,
  orderId: string,
  recordIds: number[],
): Promise<Map<number, RetryJobStatus>> {
  if (recordIds.length === 0) return new Map();
  const jobs = await prisma.syncJob.findMany({
    where: { shop, orderId, kind: "manual_retry", retryOfId: { in: recordIds } },
    select: { retryOfId: true, status: true },
  });
  return new Map(jobs.map((job) => [job.retryOfId!, job.status as RetryJobStatus]));
}

export interface StatusRead {
  atLocation: boolean;
  cancelled: boolean;
  checkedAt: Date;
  /** What OpenLogi listed for the order's key, at `checkedAt`; null when it was not asked. */
  read: ShipmentsRead | null;
}

export async function loadStatusRead(prisma: PrismaClient, shop: string, orderId: string): Promise<StatusRead | null> {
  const row = await prisma.orderStatusRead.findUnique({ where: { shop_orderId: { shop, orderId } } });
  if (!row) return null;
  return {
    atLocation: row.atLocation,
    cancelled: row.cancelled,
    checkedAt: row.checkedAt,
    read: row.shipments === null ? null : { shipments: parseShipments(row.shipments), at: row.checkedAt },
  };
}

export async function saveStatusRead(prisma: PrismaClient, shop: string, orderId: string, value: StatusRead) {
  const data = {
    atLocation: value.atLocation,
    cancelled: value.cancelled,
    checkedAt: value.checkedAt,
    shipments: value.read ? JSON.stringify(value.read.shipments.map(({ id, status }) => ({ id, status }))) : null,
  };
  await prisma.orderStatusRead.upsert({
    where: { shop_orderId: { shop, orderId } },
    create: { shop, orderId, ...data },
    update: data,
  });
}

/** A row written by an older version, or by hand, never breaks the block: unknown entries are left out. */
function parseShipments(json: string): ShipmentsRead["shipments"] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: { id?: unknown; status?: unknown }) =>
      typeof entry?.id === "string" && (SHIPMENT_STATUSES as readonly unknown[]).includes(entry.status)
        ? [{ id: entry.id, status: entry.status as ShipmentStatus }]
        : [],
    );
  } catch {
    return [];
  }
}
