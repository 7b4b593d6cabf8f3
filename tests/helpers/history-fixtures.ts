/**
 * History records as the worker writes them (jobs/history-entry.ts), for the pages' tests,
 * screenshots and benchmarks: each SPEC.md outcome with the notices, changes and OpenLogi
 * errors it carries. Stored through the app's own recordHistory.
 */
import type { PrismaClient, SyncHistory } from "@prisma/client";
import { isActionRequired } from "../../app/history/outcome-group";
import { recordHistory, type HistoryAction, type HistoryEntry, type HistoryList } from "../../app/models/sync-history.server";
import type { Notice } from "../../app/sync/types";

export interface HistoryCase {
  list: HistoryList;
  outcome: string;
  action: HistoryAction;
  statusSeen: string | null;
  billable?: boolean;
  notices?: Notice[];
  details?: Record<string, unknown>;
  message?: string;
}

const recipient = (address1: string) => ({
  name: "山田 太郎",
  postcode: "150-0001",
  prefecture: "東京都",
  address1,
  phone: "090-1234-5678",
});

/** One of each kind of record the pages must explain. */
export const HISTORY_CASES: HistoryCase[] = [
  { list: "cancel", outcome: "deleted", action: "delete", statusSeen: "waiting" },
  { list: "cancel", outcome: "cancel_requested", action: "cancel_request", statusSeen: "picking", billable: true },
  { list: "cancel", outcome: "not_synced_confirmed", action: "none", statusSeen: "picked" },
  {
    list: "cancel",
    outcome: "not_cancellable_packed",
    action: "none",
    statusSeen: "packed",
    notices: [{ code: "ask_recipient_to_refuse", actionRequired: false }],
  },
  {
    list: "cancel",
    outcome: "openlogi_rejected",
    action: "delete",
    statusSeen: "waiting",
    message: "api_exception: ステータスが「ピッキング中」の出荷依頼は削除できません。",
    details: { openlogi: { status: 400, error: "api_exception", errorDescription: "ステータスが「ピッキング中」の出荷依頼は削除できません。", errors: null } },
  },
  { list: "cancel", outcome: "no_shipment", action: "none", statusSeen: null },
  {
    list: "modify",
    outcome: "updated",
    action: "update",
    statusSeen: "waiting",
    details: {
      changes: [
        { field: "recipient", before: recipient("渋谷区神宮前1-1-1"), after: recipient("渋谷区神宮前2-2-2") },
        { field: "items", before: [{ code: "MUG-WHITE", quantity: 2 }], after: [{ code: "MUG-WHITE", quantity: 1 }] },
      ],
    },
  },
  {
    list: "modify",
    outcome: "modify_requested",
    action: "modify_request",
    statusSeen: "picking",
    billable: true,
    details: { changes: [{ field: "recipient", before: recipient("港区六本木1-1"), after: recipient("港区六本木3-3") }] },
  },
  {
    list: "modify",
    outcome: "not_reflected_confirmed",
    action: "none",
    statusSeen: "picked",
    notices: [{ code: "email_not_changeable_after_confirmation", actionRequired: false }],
    details: { changes: [{ field: "shipping_email", before: "taro@example.jp", after: "taro.yamada@example.jp" }] },
  },
  {
    list: "modify",
    outcome: "not_reflected_packed",
    action: "none",
    statusSeen: "packed",
    notices: [{ code: "removed_items_may_ship", actionRequired: true, params: { codes: "MUG-WHITE" } }],
  },
  { list: "modify", outcome: "missing_sku", action: "none", statusSeen: "waiting", details: { params: { titles: "ギフト包装", count: 1 } } },
  { list: "modify", outcome: "no_change", action: "none", statusSeen: "waiting" },
  {
    list: "modify",
    outcome: "failed",
    action: "update",
    statusSeen: "waiting",
    message: "OpenLogi answered 503",
    // What the worker keeps of a 5xx: the app's own description, not OpenLogi's words.
    details: { openlogi: { status: 503, error: null, errorDescription: "OpenLogi answered 503", errors: null } },
  },
];

export interface FixtureOptions {
  shop: string;
  orderId: string;
  orderName: string;
  at: Date;
  jobId?: number | null;
}

export function historyEntry(kind: HistoryCase, options: FixtureOptions): HistoryEntry {
  const notices = kind.notices ?? [];
  return {
    shop: options.shop,
    list: kind.list,
    orderId: options.orderId,
    orderName: options.orderName,
    shipmentId: kind.statusSeen ? `TS001-S${options.orderId.padStart(6, "0")}` : null,
    shipmentIdentifier: kind.statusSeen ? options.orderName : null,
    statusSeen: kind.statusSeen,
    action: kind.action,
    billable: kind.billable ?? false,
    outcome: kind.outcome,
    actionRequired: isActionRequired(kind.outcome as never, notices),
    message: kind.message ?? null,
    details: { decision: kind.action, notices, ...kind.details },
    attempts: kind.outcome === "failed" ? 8 : 1,
    jobId: options.jobId ?? null,
    webhookId: null,
    retryOfId: null,
    startedAt: new Date(options.at.getTime() - 1_200),
    finishedAt: options.at,
  };
}

/** Stores `entry` with its creation time, as if the worker had written it then. */
export async function storeHistory(prisma: PrismaClient, entry: HistoryEntry): Promise<SyncHistory> {
  const row = await recordHistory(prisma, entry);
  return prisma.syncHistory.update({ where: { id: row.id }, data: { createdAt: entry.finishedAt } });
}

/**
 * `count` records for the shop, one minute apart going back from `newest`, cycling through
 * HISTORY_CASES (order #1001, #1002, … newest first).
 */
export async function seedHistory(prisma: PrismaClient, shop: string, count: number, newest: Date): Promise<SyncHistory[]> {
  const rows: SyncHistory[] = [];
  for (let i = 0; i < count; i++) {
    const kind = HISTORY_CASES[i % HISTORY_CASES.length];
    const orderId = String(5_000_000 + i);
    rows.push(
      await storeHistory(prisma, historyEntry(kind, { shop, orderId, orderName: `#${1001 + i}`, at: new Date(newest.getTime() - i * 60_000) })),
    );
  }
  return rows;
}
