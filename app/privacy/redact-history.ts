/**
 * A history record without the customer's personal data: the recipient and email before →
 * after, and the notice values that quote a name, company, address, prefecture or phone. What
 * happened stays: the action, outcome, fields changed, items and amounts, notices and
 * OpenLogi's words — with any of the removed values they quoted blanked out. Pure.
 */
import type { NoticeCode } from "../sync/types";
import { recipientPartAt } from "../sync/recipient-change-key";

/** Change fields whose before → after are the customer's. */
const PERSONAL_CHANGES: ReadonlySet<string> = new Set(["recipient", "shipping_email"]);
/** Notice params that quote the customer (app/sync/recipient.ts). */
const PERSONAL_PARAMS: Partial<Record<NoticeCode, readonly string[]>> = {
  name_truncated: ["full", "kept"],
  company_truncated: ["full", "kept"],
  address_truncated: ["full", "kept"],
  phone_not_converted: ["phone"],
  prefecture_unknown: ["province", "provinceCode"],
};
/** Stands in for a removed value inside text that is kept (OpenLogi's messages). */
export const REMOVED = "***";
/** Values shorter than this (a "1", a "-") would blank out unrelated text. */
const MIN_QUOTED_LENGTH = 3;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export interface RedactedRecord {
  details: string | null;
  message: string | null;
}

export function redactHistoryRecord(details: string | null, message: string | null): RedactedRecord {
  let parsed: unknown = null;
  try {
    parsed = details ? JSON.parse(details) : null;
  } catch {
    // Unreadable details cannot be sorted into kept and removed: none of it is kept.
    return { details: null, message: message === null ? null : REMOVED };
  }
  const quoted = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === "string" && value.trim().length >= MIN_QUOTED_LENGTH) quoted.add(value.trim());
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) Object.values(value).forEach(collect);
  };
  let kept: unknown = parsed;
  if (isObject(parsed)) {
    const changes = Array.isArray(parsed.changes) ? parsed.changes : [];
    const notices = Array.isArray(parsed.notices) ? parsed.notices : [];
    kept = {
      ...parsed,
      changes: changes.map((change) => {
        if (!isObject(change) || !PERSONAL_CHANGES.has(String(change.field))) return change;
        collect(change.before);
        collect(change.after);
        return { field: change.field, removed: true };
      }),
      notices: notices.map((notice) => {
        const personal = isObject(notice) ? PERSONAL_PARAMS[notice.code as NoticeCode] : undefined;
        if (!personal || !isObject(notice) || !isObject(notice.params)) return notice;
        const params = { ...notice.params };
        for (const key of personal) {
          collect(params[key]);
          delete params[key];
        }
        return { ...notice, params };
      }),
    };
  }
  // Longest first, so a value inside a longer one does not leave the rest of it behind.
  const longestFirst = [...quoted].sort((a, b) => b.length - a.length);
  const blank = (text: string) => longestFirst.reduce((out, value) => out.split(value).join(REMOVED), text);
  const scrub = (value: unknown): unknown =>
    typeof value === "string" ? blank(value) : Array.isArray(value) ? value.map(scrub) : isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)])) : value;
  // Only OpenLogi's own words may quote what was sent; codes and fields are never blanked.
  if (isObject(kept)) {
    for (const key of ["openlogi", "redecided"]) if (key in kept) kept[key] = scrub(kept[key]);
  }
  return {
    details: kept === null ? null : JSON.stringify(kept),
    message: message === null ? null : blank(message),
  };
}

/**
 * A billable modification's ledger key carries the recipient it asked for
 * (`shipment:recipient:{json}`, sync/recipient-change-key.ts): the recipient part becomes its digest.
 */
export function redactChangeKey(changeKey: string, digest: (text: string) => string): string {
  const at = recipientPartAt(changeKey);
  if (at < 0 || changeKey.startsWith("sha256:", at)) return changeKey;
  return `${changeKey.slice(0, at)}sha256:${digest(changeKey.slice(at))}`;
}
