/** Plain-text tables and SPEC.md's outcome wording for the sandbox's terminal output. */
import type { ExecutionOutcome } from "../../app/jobs/outcomes";
import type { NoticeCode, OutcomeCode } from "../../app/sync/types";

/** SPEC.md's "outcome shown", shortened to fit a table column. */
export const OUTCOME_LABELS: Record<OutcomeCode | ExecutionOutcome, string> = {
  deleted: "Deleted",
  cancel_requested: "Cancel requested (billable)",
  not_synced_confirmed: "Not synced: already confirmed",
  not_cancellable_packed: "Not cancellable: packed/shipped",
  already_requested: "Already requested",
  no_shipment: "No OpenLogi shipment",
  no_change: "No change",
  updated: "Updated",
  modify_requested: "Modification requested (billable)",
  not_reflected_confirmed: "Not reflected: already confirmed",
  not_reflected_packed: "Not reflected: packed/shipped",
  request_pending: "A request is already pending",
  order_cancelled: "Order cancelled",
  not_openlogi_order: "Not an OpenLogi order",
  missing_sku: "Error: an item has no SKU",
  reflect_disabled: "Not reflected: setting off",
  paused: "Sync paused",
  invalid_recipient: "Address cannot be sent to OpenLogi",
  order_not_cancelled: "Not cancelled in Shopify",
  items_not_reflected: "Items not reflected: setting off",
  cash_on_delivery_unresolved: "Cash on delivery amount unclear",
  openlogi_rejected: "OpenLogi refused",
  failed: "Failed after retries",
  connection_broken: "OpenLogi connection broken",
  openlogi_not_connected: "OpenLogi not connected",
  shopify_unauthorized: "Shopify refused the token",
  order_not_found: "Order not found in Shopify",
  already_sent: "Already sent",
};

/** Even shorter, for the guide's three outcome columns. */
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

export const NOTICE_LABELS: Record<NoticeCode, string> = {
  email_not_changeable_after_confirmation: "the email cannot change after confirmation",
  items_changed_after_picking: "items changed after picking began",
  removed_items_may_ship: "removed items may ship",
  added_items_not_shipped: "added items will not ship",
  ask_recipient_to_refuse: "ask the recipient to refuse it",
  name_truncated: "name cut to 15 characters",
  company_truncated: "company cut to 16 characters",
  address_truncated: "address cut to 64 characters",
  phone_not_converted: "phone kept: the order's cannot be sent",
  prefecture_unknown: "prefecture unknown",
  items_not_reconciled_multiple_shipments: "several shipments: items not reconciled",
  no_items_left_at_location: "no items left at the OpenLogi location",
  line_without_sku_not_compared: "a line without SKU is not compared",
  item_codes_not_skus: "item codes are not SKUs: items not compared",
  cash_on_delivery_amount_unresolved: "the cash-on-delivery amount cannot be made exact",
  cash_on_delivery_amount_changed: "the customer now owes another amount than the carrier collects",
  amounts_not_updated: "some amounts left as they were",
};

export function outcomeLabel(outcome: string): string {
  return (OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;
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
  notices: { code: string; actionRequired: boolean }[];
}

/** The message column: SPEC.md's wording, OpenLogi's own message, and any notices. */
export function historyMessage(row: HistoryRowJson): string {
  const notices = row.notices.map((notice) => {
    const text = (NOTICE_LABELS as Record<string, string>)[notice.code] ?? notice.code;
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
