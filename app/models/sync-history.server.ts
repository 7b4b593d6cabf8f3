import type { PrismaClient, SyncHistory } from "@prisma/client";

/** OpenLogi's two histories: 注文キャンセル連携履歴 and 注文修正連携履歴. */
export type HistoryList = "cancel" | "modify";
/** What the app did (or did not do) to the shipment. */
export const HISTORY_ACTIONS = ["delete", "update", "cancel_request", "modify_request", "none"] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export interface HistoryEntry {
  shop: string;
  list: HistoryList;
  orderId: string;
  orderName: string | null;
  shipmentId: string | null;
  shipmentIdentifier: string | null;
  statusSeen: string | null;
  action: HistoryAction;
  billable: boolean;
  /** A decision outcome (sync/types OutcomeCode) or an execution outcome (jobs/outcomes). */
  outcome: string;
  /** Indexed, so "Action required" is a database filter (history/outcome-group.ts decides it). */
  actionRequired: boolean;
  message: string | null;
  details: Record<string, unknown> | null;
  attempts: number;
  jobId: number | null;
  webhookId: string | null;
  /** The record a manual retry was asked from. */
  retryOfId: number | null;
  startedAt: Date;
  finishedAt: Date;
}

export async function recordHistory(prisma: PrismaClient, entry: HistoryEntry): Promise<SyncHistory> {
  return prisma.syncHistory.create({
    data: { ...entry, details: entry.details ? JSON.stringify(entry.details) : null },
  });
}

export async function listHistory(
  prisma: PrismaClient,
  { shop, list, orderId, take = 50, cursor }: { shop: string; list?: HistoryList; orderId?: string; take?: number; cursor?: number },
): Promise<SyncHistory[]> {
  return prisma.syncHistory.findMany({
    where: { shop, ...(list ? { list } : {}), ...(orderId ? { orderId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
}
