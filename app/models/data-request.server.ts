/**
 * customers/data_request: the request is recorded, and the export is built from what the app
 * holds when the merchant downloads it, so no second copy of personal data is kept.
 */
import type { PrismaClient } from "@prisma/client";
import { parseWebhookBody } from "../shopify/webhook-body";
import { isUniqueViolation } from "./unique-violation";

export interface DataRequestInput {
  shop: string;
  dataRequestId: string;
  customerId: string | null;
  orderIds: string[];
}

/** Records the request once: Shopify's redelivery of it changes nothing. */
export async function recordDataRequest(prisma: PrismaClient, input: DataRequestInput, now: Date): Promise<void> {
  try {
    await prisma.customerDataRequest.create({
      data: { ...input, orderIds: JSON.stringify(input.orderIds), receivedAt: now },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export interface DataRequestSummary {
  id: number;
  dataRequestId: string;
  customerId: string | null;
  orderCount: number;
  receivedAt: Date;
}

export async function listDataRequests(prisma: PrismaClient, shop: string): Promise<DataRequestSummary[]> {
  const rows = await prisma.customerDataRequest.findMany({ where: { shop }, orderBy: { receivedAt: "desc" }, take: 100 });
  return rows.map((row) => ({
    id: row.id,
    dataRequestId: row.dataRequestId,
    customerId: row.customerId,
    orderCount: orderIdsOf(row.orderIds).length,
    receivedAt: row.receivedAt,
  }));
}

/**
 * Everything the app holds for the request's orders, in the shop: the stored webhooks (as
 * received, or as cut down after the retention age), every history record, the billable
 * requests sent for their shipments, and the last status read. Null for another shop's request.
 */
export async function buildDataRequestExport(prisma: PrismaClient, shop: string, id: number) {
  const request = await prisma.customerDataRequest.findFirst({ where: { id, shop } });
  if (!request) return null;
  const orderIds = orderIdsOf(request.orderIds);
  const where = { shop, orderId: { in: orderIds } };
  const [webhooks, history, statusReads] = await Promise.all([
    prisma.webhookEvent.findMany({ where, orderBy: { id: "asc" } }),
    prisma.syncHistory.findMany({ where, orderBy: { id: "asc" } }),
    prisma.orderStatusRead.findMany({ where }),
  ]);
  const shipmentIds = [...new Set(history.flatMap((row) => (row.shipmentId ? [row.shipmentId] : [])))];
  const billable = await prisma.billableRequest.findMany({ where: { shop, shipmentId: { in: shipmentIds } }, orderBy: { id: "asc" } });
  return {
    shop,
    dataRequestId: request.dataRequestId,
    customerId: request.customerId,
    requestedAt: request.receivedAt,
    orderIds,
    webhooks: webhooks.map(({ payload, ...row }) => ({ ...row, payload: readJson(payload) })),
    history: history.map(({ details, ...row }) => ({ ...row, details: details === null ? null : readJson(details) })),
    billableRequests: billable,
    orderStatusReads: statusReads.map(({ shipments, ...row }) => ({ ...row, shipments: shipments === null ? null : readJson(shipments) })),
  };
}

function orderIdsOf(json: string): string[] {
  const value = readJson(json);
  return Array.isArray(value) ? value.map(String) : [];
}

function readJson(text: string): unknown {
  try {
    return parseWebhookBody(text);
  } catch {
    return text;
  }
}
