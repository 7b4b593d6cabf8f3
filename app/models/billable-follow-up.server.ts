/**
 * The follow-up's storage: billable requests OpenLogi took whose result is not known yet,
 * and writing the result where the merchant reads it — the ledger and the history record
 * that sent the request.
 */
import type { PrismaClient } from "@prisma/client";
import type { BillableRequestKind, RequestResult } from "../follow-up/settle-request";
import type { ShipmentStatus } from "../sync/types";
import type { HistoryAction } from "./sync-history.server";

export interface PendingBillableRequest {
  id: number;
  shipmentId: string;
  kind: BillableRequestKind;
  changeKey: string;
  jobId: number | null;
  sentAt: Date;
}

/** A request taken by OpenLogi, without a result yet, whose next look is due. */
const due = (now: Date) => ({ nextCheckAt: { lte: now }, state: "sent", result: null });

/** Shops with a request due for a look. */
export async function shopsWithDueFollowUps(prisma: PrismaClient, now: Date): Promise<string[]> {
  const rows = await prisma.billableRequest.findMany({
    where: due(now),
    distinct: ["shop"],
    select: { shop: true },
  });
  return rows.map((row) => row.shop);
}

/** The shop's requests due for a look, oldest look first. */
export async function loadDueRequests(prisma: PrismaClient, shop: string, now: Date, limit: number): Promise<PendingBillableRequest[]> {
  const rows = await prisma.billableRequest.findMany({
    where: { shop, ...due(now) },
    orderBy: [{ nextCheckAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, shipmentId: true, kind: true, changeKey: true, jobId: true, sentAt: true, updatedAt: true },
  });
  return rows.map((row) => ({ ...row, kind: row.kind as BillableRequestKind, sentAt: row.sentAt ?? row.updatedAt }));
}

/** Still pending: look again at `nextCheckAt`. */
export async function scheduleNextLook(prisma: PrismaClient, id: number, nextCheckAt: Date) {
  await prisma.billableRequest.update({ where: { id }, data: { nextCheckAt, checks: { increment: 1 } } });
}

const ACTION_OF: Record<BillableRequestKind, HistoryAction> = { cancel: "cancel_request", modify: "modify_request" };

/**
 * Settles a request: the ledger keeps the result, and the history record that sent the request
 * (same shop, job and shipment) shows it and when it was seen.
 */
export async function recordRequestResult(
  prisma: PrismaClient,
  shop: string,
  request: PendingBillableRequest,
  { result, status, at }: { result: RequestResult; status: ShipmentStatus | null; at: Date },
) {
  const settle = prisma.billableRequest.update({
    where: { id: request.id },
    data: { result, resultAt: at, nextCheckAt: null, checks: { increment: 1 } },
  });
  // Without its job, the ledger row names no one record: marking every billable record of
  // the shipment could put this result on another request's.
  if (request.jobId === null) {
    await settle;
    return;
  }
  await prisma.$transaction([
    settle,
    prisma.syncHistory.updateMany({
      where: { shop, shipmentId: request.shipmentId, jobId: request.jobId, billable: true, action: ACTION_OF[request.kind], requestResult: null },
      data: { requestResult: result, requestResultStatus: status, requestResultAt: at },
    }),
  ]);
}
