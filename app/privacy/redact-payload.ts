/**
 * A stored webhook payload cut down to what the app still reads once its personal data must go
 * (customers/redact, or past the retention age): an allow-list, so a field Shopify adds later
 * is dropped too. Kept: the order's ids, name and times (job-spec.ts, history-entry.ts), and the
 * lines an edit added or removed (edit-additions.ts). Pure.
 */
import { parseWebhookBody } from "../shopify/webhook-body";

const ORDER_FIELDS = ["id", "admin_graphql_api_id", "name", "order_number", "cancelled_at", "created_at", "updated_at"] as const;
const EDIT_FIELDS = ["id", "order_id", "created_at"] as const;
const LINE_FIELDS = ["id", "delta"] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function pick(value: unknown, fields: readonly string[]): Record<string, unknown> {
  if (!isObject(value)) return {};
  return Object.fromEntries(fields.filter((field) => field in value).map((field) => [field, value[field]]));
}

const lines = (value: unknown) => (Array.isArray(value) ? value.map((line) => pick(line, LINE_FIELDS)) : []);

/** The payload without personal data; `{}` for a body that is not JSON or not an order's. */
export function redactWebhookPayload(topic: string, payload: string): string {
  let body: unknown;
  try {
    body = parseWebhookBody(payload);
  } catch {
    return "{}";
  }
  if (!isObject(body)) return "{}";
  if (topic === "orders/edited") {
    const edit = isObject(body.order_edit) ? body.order_edit : {};
    const items = isObject(edit.line_items) ? edit.line_items : {};
    return JSON.stringify({
      order_edit: { ...pick(edit, EDIT_FIELDS), line_items: { additions: lines(items.additions), removals: lines(items.removals) } },
    });
  }
  return JSON.stringify(topic.startsWith("orders/") ? pick(body, ORDER_FIELDS) : {});
}
