/**
 * A history record's `details` JSON (written by jobs/history-entry.ts) read back for its
 * page: notices, changes before → after, OpenLogi's own error, a decision made again.
 * Pure and forgiving: a field of another shape is left out, never shown raw.
 */
import { NOTICE_CODES, type FieldChange, type Notice } from "../sync/types";

export interface OpenLogiErrorText {
  status: number | null;
  error: string | null;
  errorDescription: string | null;
  errors: Record<string, string> | null;
}

/** A change as it travels to the page (JSON leaves `undefined` out, so both sides are optional). */
export interface RecordChange {
  field: FieldChange["field"];
  before?: unknown;
  after?: unknown;
  /** Before → after were the customer's and were removed (app/privacy/redact-history.ts). */
  removed?: boolean;
}

export interface RecordDetails {
  notices: Notice[];
  changes: RecordChange[];
  openlogi: OpenLogiErrorText | null;
  /** OpenLogi refused at first while the shipment had this status; the app decided again. */
  redecidedFrom: string | null;
}

const CHANGE_FIELDS: ReadonlySet<string> = new Set(["recipient", "shipping_email", "items", "cash_on_delivery"]);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

export function readRecordDetails(json: string | null): RecordDetails {
  let raw: unknown = null;
  try {
    raw = json ? JSON.parse(json) : null;
  } catch {
    raw = null;
  }
  const details = isObject(raw) ? raw : {};
  return {
    notices: (Array.isArray(details.notices) ? details.notices : []).filter(
      (notice): notice is Notice => isObject(notice) && (NOTICE_CODES as readonly unknown[]).includes(notice.code),
    ),
    changes: (Array.isArray(details.changes) ? details.changes : []).filter(
      (change): change is RecordChange => isObject(change) && CHANGE_FIELDS.has(String(change.field)),
    ),
    openlogi: readOpenLogiError(details.openlogi ?? (isObject(details.redecided) ? details.redecided.after : null)),
    redecidedFrom: isObject(details.redecided) ? text(details.redecided.statusBefore) : null,
  };
}

function readOpenLogiError(value: unknown): OpenLogiErrorText | null {
  if (!isObject(value)) return null;
  const errors = isObject(value.errors)
    ? Object.fromEntries(Object.entries(value.errors).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : null;
  const described = {
    status: typeof value.status === "number" ? value.status : null,
    error: text(value.error),
    errorDescription: text(value.errorDescription),
    errors: errors && Object.keys(errors).length > 0 ? errors : null,
  };
  return described.error || described.errorDescription || described.errors ? described : null;
}

/** One line per field of an address that differs (or every field when one side is missing). */
export function changedAddressFields(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((line) => line.before !== line.after);
}

/** Items as "CODE × n" lines, each side in the order it was recorded. */
export function itemLines(value: unknown): { code: string; quantity: number }[] {
  return (Array.isArray(value) ? value : [])
    .filter((item): item is { code: string; quantity: number } => isObject(item) && typeof item.code === "string" && typeof item.quantity === "number")
    .map(({ code, quantity }) => ({ code, quantity }));
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}
