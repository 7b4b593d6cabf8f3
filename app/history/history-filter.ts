/**
 * What the History page shows, read from and written to its URL, so a link or the back
 * button shows the same view: the tab (OpenLogi's two lists), the filters, the search and
 * the keyset cursor. Pure. A value that is not one of ours is left out rather than refused:
 * a hand-edited or outdated link still shows a page.
 */
import type { HistoryList } from "../models/sync-history.server";
import { OUTCOME_GROUPS, type OutcomeGroup } from "./outcome-group";
import { isCalendarDate } from "./zoned-day";

export const HISTORY_LISTS = ["cancel", "modify"] as const satisfies readonly HistoryList[];

/** A position in the newest-first order: the record's creation time and id. */
export interface HistoryCursor {
  at: number;
  id: number;
}

export interface HistoryFilter {
  list: HistoryList;
  group: OutcomeGroup | null;
  billable: boolean | null;
  /** Only records that call for action. */
  actionRequired: boolean;
  /** Calendar dates in the shop's time zone, both inclusive. */
  from: string | null;
  to: string | null;
  /** The start of an order name, e.g. "#10" or "10". */
  query: string;
  /** The page after this position, or the page before it. */
  after: HistoryCursor | null;
  before: HistoryCursor | null;
}

export const EMPTY_FILTER: HistoryFilter = {
  list: "cancel",
  group: null,
  billable: null,
  actionRequired: false,
  from: null,
  to: null,
  query: "",
  after: null,
  before: null,
};

const QUERY_MAX = 64;

export function encodeCursor(cursor: HistoryCursor): string {
  return `${cursor.at.toString(36)}-${cursor.id.toString(36)}`;
}

export function decodeCursor(value: string | null): HistoryCursor | null {
  const match = /^([0-9a-z]{1,12})-([0-9a-z]{1,12})$/.exec(value ?? "");
  if (!match) return null;
  const at = parseInt(match[1], 36);
  const id = parseInt(match[2], 36);
  return Number.isSafeInteger(at) && Number.isSafeInteger(id) && id > 0 ? { at, id } : null;
}

export function parseHistoryFilter(params: URLSearchParams): HistoryFilter {
  const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
    allowed.includes(value as T) ? (value as T) : null;
  const date = (value: string | null) => (value && isCalendarDate(value) ? value : null);
  const billable = params.get("billable");
  return {
    list: pick(params.get("tab"), HISTORY_LISTS) ?? "cancel",
    group: pick(params.get("group"), OUTCOME_GROUPS),
    billable: billable === "yes" ? true : billable === "no" ? false : null,
    actionRequired: params.get("actionRequired") === "yes",
    from: date(params.get("from")),
    to: date(params.get("to")),
    query: (params.get("q") ?? "").trim().slice(0, QUERY_MAX),
    after: decodeCursor(params.get("after")),
    before: decodeCursor(params.get("before")),
  };
}

/** The URL query for a filter; defaults are left out, so the plain page has a plain URL. */
export function historySearchParams(filter: HistoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.list !== EMPTY_FILTER.list) params.set("tab", filter.list);
  if (filter.group) params.set("group", filter.group);
  if (filter.billable !== null) params.set("billable", filter.billable ? "yes" : "no");
  if (filter.actionRequired) params.set("actionRequired", "yes");
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (filter.query) params.set("q", filter.query);
  if (filter.after) params.set("after", encodeCursor(filter.after));
  else if (filter.before) params.set("before", encodeCursor(filter.before));
  return params;
}

/** Any change of tab, filter or search starts again at the newest record. */
export function withoutCursor(filter: HistoryFilter): HistoryFilter {
  return { ...filter, after: null, before: null };
}

/**
 * Order names a search term can start: "1001" also finds "#1001", the name Shopify gives
 * orders by default.
 */
export function orderNamePrefixes(query: string): string[] {
  if (query === "") return [];
  return query.startsWith("#") ? [query] : [query, `#${query}`];
}
