/**
 * What the History page, a record's page and Home read from the history: one shop's rows
 * only, newest first, by keyset (a cursor of creation time and id, never an offset), so a
 * page deep in a shop's history costs what the first one does.
 */
import type { Prisma, PrismaClient, SyncHistory } from "@prisma/client";
import { orderNamePrefixes, type HistoryCursor, type HistoryFilter } from "../history/history-filter";
import { HISTORY_OUTCOMES, outcomeGroup, outcomesOf, type HistoryOutcome, type OutcomeGroup } from "../history/outcome-group";
import { endOfDay, startOfDay } from "../history/zoned-day";
import type { HistoryList } from "./sync-history.server";

export const HISTORY_PAGE_SIZE = 50;

/** One line of the history list: what a row shows, nothing of the details. */
export interface HistoryRow {
  id: number;
  orderId: string;
  orderName: string | null;
  createdAt: string;
  shipmentId: string | null;
  statusSeen: string | null;
  action: string;
  billable: boolean;
  outcome: string;
  actionRequired: boolean;
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** Cursors for the neighbouring pages; null at either end. */
  older: HistoryCursor | null;
  newer: HistoryCursor | null;
}

const ROW_SELECT = {
  id: true,
  orderId: true,
  orderName: true,
  createdAt: true,
  shipmentId: true,
  statusSeen: true,
  action: true,
  billable: true,
  outcome: true,
  actionRequired: true,
} as const satisfies Prisma.SyncHistorySelect;

type SelectedRow = Prisma.SyncHistoryGetPayload<{ select: typeof ROW_SELECT }>;

const toRow = (row: SelectedRow): HistoryRow => ({ ...row, createdAt: row.createdAt.toISOString() });
const cursorOf = (row: SelectedRow): HistoryCursor => ({ at: row.createdAt.getTime(), id: row.id });

/** The filter as a where clause, cursor aside. Dates are days in the shop's time zone. */
function filterWhere(shop: string, filter: HistoryFilter, timeZone: string): Prisma.SyncHistoryWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = startOfDay(filter.from, timeZone);
  if (filter.to) createdAt.lt = endOfDay(filter.to, timeZone);
  const prefixes = orderNamePrefixes(filter.query);
  return {
    shop,
    list: filter.list,
    ...(filter.group ? { outcome: { in: outcomesOf(filter.group) } } : {}),
    ...(filter.billable !== null ? { billable: filter.billable } : {}),
    ...(filter.actionRequired ? { actionRequired: true } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
    // A prefix as a range, which an index on the name can serve (LIKE on SQLite cannot).
    ...(prefixes.length > 0
      ? { OR: prefixes.map((prefix) => ({ orderName: { gte: prefix, lt: `${prefix}\uffff` } })) }
      : {}),
  };
}

/**
 * Rows past the cursor in the given direction. The plain `createdAt` bound lets the index
 * seek straight to the cursor; the OR only settles ties on the same millisecond.
 */
function beyond(cursor: HistoryCursor, direction: "older" | "newer"): Prisma.SyncHistoryWhereInput {
  const at = new Date(cursor.at);
  return direction === "older"
    ? { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: cursor.id } }] }
    : { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { id: { gt: cursor.id } }] };
}

export async function listHistoryPage(
  prisma: PrismaClient,
  shop: string,
  filter: HistoryFilter,
  { timeZone, pageSize = HISTORY_PAGE_SIZE }: { timeZone: string; pageSize?: number },
): Promise<HistoryPage> {
  const base = filterWhere(shop, filter, timeZone);
  if (filter.before && !filter.after) {
    // The page before a cursor: read upwards, then show it newest first.
    const found = await prisma.syncHistory.findMany({
      where: { AND: [base, beyond(filter.before, "newer")] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: pageSize + 1,
      select: ROW_SELECT,
    });
    const page = found.slice(0, pageSize).reverse();
    return {
      rows: page.map(toRow),
      newer: found.length > pageSize && page.length > 0 ? cursorOf(page[0]) : null,
      older: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
    };
  }
  const found = await prisma.syncHistory.findMany({
    where: filter.after ? { AND: [base, beyond(filter.after, "older")] } : base,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: ROW_SELECT,
  });
  const page = found.slice(0, pageSize);
  return {
    rows: page.map(toRow),
    older: found.length > pageSize ? cursorOf(page[page.length - 1]) : null,
    newer: filter.after && page.length > 0 ? cursorOf(page[0]) : null,
  };
}

/** One record of the shop, or null: another shop's id is as unknown as a missing one. */
export async function findHistoryRecord(prisma: PrismaClient, shop: string, id: number): Promise<SyncHistory | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  return prisma.syncHistory.findFirst({ where: { id, shop } });
}

const ORDER_RECORDS_SHOWN = 20;

/** What a record's page shows beside it: the order's other records, and the retries it led to. */
export async function loadRecordContext(prisma: PrismaClient, record: SyncHistory) {
  const { shop, orderId } = record;
  const [others, retries, retryJob] = await Promise.all([
    prisma.syncHistory.findMany({
      where: { shop, orderId, id: { not: record.id } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ORDER_RECORDS_SHOWN,
      select: ROW_SELECT,
    }),
    prisma.syncHistory.findMany({
      where: { shop, orderId, retryOfId: record.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    }),
    prisma.syncJob.findFirst({
      where: { shop, orderId, retryOfId: record.id, kind: "manual_retry" },
      select: { id: true, status: true },
    }),
  ]);
  return { others: others.map(toRow), retries: retries.map((row) => row.id), retryJob };
}

/** Home's figures: the groups of SPEC.md's outcomes, per list, plus records that call for action. */
export type RecentFigures = Record<HistoryList, Record<OutcomeGroup | "action_required", number>>;

export async function countRecentOutcomes(prisma: PrismaClient, shop: string, since: Date): Promise<RecentFigures> {
  const where = { shop, createdAt: { gte: since } };
  const [byOutcome, needingAction] = await Promise.all([
    prisma.syncHistory.groupBy({ by: ["list", "outcome"], where, _count: { _all: true } }),
    prisma.syncHistory.groupBy({ by: ["list"], where: { ...where, actionRequired: true }, _count: { _all: true } }),
  ]);
  const empty = () => ({ deleted: 0, updated: 0, billable: 0, not_reflected: 0, failed: 0, other: 0, action_required: 0 });
  const figures: RecentFigures = { cancel: empty(), modify: empty() };
  for (const row of byOutcome) {
    const list = row.list as HistoryList;
    if (!(list in figures)) continue;
    const known = (HISTORY_OUTCOMES as readonly string[]).includes(row.outcome);
    figures[list][known ? outcomeGroup(row.outcome as HistoryOutcome) : "other"] += row._count._all;
  }
  for (const row of needingAction) {
    const list = row.list as HistoryList;
    if (list in figures) figures[list].action_required = row._count._all;
  }
  return figures;
}
