/**
 * A history record's `details` JSON (written by jobs/history-entry.ts) read back for its
 * page: notices, changes before → after, OpenLogi's own error, a decision made again, the
 * decision's params. Pure and forgiving: a field of another shape is left out, never shown raw.
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

/**
 * An OpenLogi call that failed without OpenLogi's own words (no answer, 429, 5xx, an answer
 * that could not be read): the app's description of it is English and not OpenLogi's, so the
 * page says what happened in its own words instead.
 */
export interface OpenLogiFailure {
  kind: "no_answer" | "rate_limited" | "server_error" | "unreadable";
  status: number | null;
}

export interface RecordDetails {
  notices: Notice[];
  changes: RecordChange[];
  /** OpenLogi's own answer to a refused request (a 4xx body), in its words. */
  openlogi: OpenLogiErrorText | null;
  openlogiFailure: OpenLogiFailure | null;
  /** Values the decision named, e.g. the SKU-less items or the setting that was off. */
  params: Record<string, string | number>;
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
    ...readOpenLogiError(details.openlogi ?? (isObject(details.redecided) ? details.redecided.after : null)),
    params: isObject(details.params)
      ? Object.fromEntries(
          Object.entries(details.params).filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number"),
        )
      : {},
    redecidedFrom: isObject(details.redecided) ? text(details.redecided.statusBefore) : null,
  };
}

/** Only a 4xx other than 429 carries OpenLogi's own body; anything else is described by the app. */
const ownWords = (status: number | null) => status !== null && status >= 400 && status < 500 && status !== 429;

function failureOf(status: number | null): OpenLogiFailure {
  if (status === null) return { kind: "no_answer", status };
  if (status === 429) return { kind: "rate_limited", status };
  if (status >= 500) return { kind: "server_error", status };
  return { kind: "unreadable", status };
}

function readOpenLogiError(value: unknown): Pick<RecordDetails, "openlogi" | "openlogiFailure"> {
  if (!isObject(value)) return { openlogi: null, openlogiFailure: null };
  const status = typeof value.status === "number" ? value.status : null;
  if (!ownWords(status)) return { openlogi: null, openlogiFailure: failureOf(status) };
  const errors = isObject(value.errors)
    ? Object.fromEntries(Object.entries(value.errors).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : null;
  const described = {
    status,
    error: text(value.error),
    errorDescription: text(value.errorDescription),
    errors: errors && Object.keys(errors).length > 0 ? errors : null,
  };
  return {
    openlogi: described.error || described.errorDescription || described.errors ? described : null,
    openlogiFailure: null,
  };
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
