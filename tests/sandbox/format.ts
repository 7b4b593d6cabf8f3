/** Plain-text tables and SPEC.md's outcome wording for the sandbox's terminal output. */
import { translate } from "../../app/i18n";
import type { OutcomeCode } from "../../app/sync/types";

/** Shorter than the app's labels, for the guide's three outcome columns. */
export const SHORT_LABELS: Partial<Record<OutcomeCode, string>> = {
  cancel_requested: "Cancel req. (billable)",
  not_synced_confirmed: "Not synced (confirmed)",
  not_cancellable_packed: "Not cancellable",
  no_shipment: "No shipment",
  modify_requested: "Modify req. (billable)",
  not_reflected_confirmed: "Not reflected",
  not_reflected_packed: "Not reflected",
  request_pending: "Request pending",
  not_openlogi_order: "Not OpenLogi's",
  missing_sku: "Error: no SKU",
  reflect_disabled: "Off in settings",
  invalid_recipient: "Invalid address",
};

/** The app's own English words for an outcome (app/i18n). */
export function outcomeLabel(outcome: string): string {
  return translate("en", `outcome.${outcome}.label`);
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Left-aligned columns; the last column is not padded, so long messages just run on. */
export function renderTable(headers: string[], rows: string[][], indent = "  "): string {
  const widths = headers.map((header, i) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[i] ?? ""))));
  const line = (cells: string[]) =>
    indent + cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

/** One history row as the control endpoint sends it. */
export interface HistoryRowJson {
  id: number;
  createdAt: string;
  list: string;
  orderName: string | null;
  orderId: string;
  shipmentId: string | null;
  statusSeen: string | null;
  action: string;
  billable: boolean;
  outcome: string;
  message: string | null;
  notices: { code: string; actionRequired: boolean; params?: Record<string, string | number> }[];
}

/** The message column: SPEC.md's wording, OpenLogi's own message, and any notices. */
export function historyMessage(row: HistoryRowJson): string {
  const notices = row.notices.map((notice) => {
    const text = translate("en", `notice.${notice.code}`, notice.params);
    return notice.actionRequired ? `Action required [要対応]: ${text}` : text;
  });
  return [outcomeLabel(row.outcome), row.message, ...notices].filter(Boolean).join(" · ");
}

export function renderHistory(rows: HistoryRowJson[]): string {
  if (rows.length === 0) return "  (no history yet)";
  return renderTable(
    ["time", "order", "shipment", "status seen", "action", "billable", "outcome", "message"],
    rows.map((row) => [
      new Date(row.createdAt).toLocaleTimeString("en-GB", { hour12: false }),
      row.orderName ?? row.orderId,
      row.shipmentId ?? "-",
      row.statusSeen ?? "-",
      row.action,
      row.billable ? "yes" : "no",
      row.outcome,
      historyMessage(row),
    ]),
  );
}
