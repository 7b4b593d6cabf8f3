import { randomUUID } from "node:crypto";
import { getHmac } from "@shopify/shopify-api/test-helpers";

export interface SignedWebhookOptions {
  topic: string;
  shop: string;
  payload: unknown;
  secret: string;
  webhookId?: string;
  triggeredAt?: string;
  eventId?: string;
  apiVersion?: string;
  /** Sent as-is instead of JSON.stringify(payload), to test malformed bodies. */
  rawBody?: string;
}

/** A webhook request signed the way Shopify signs one (HMAC-SHA256 of the raw body, base64). */
export function signedWebhookRequest(url: string, options: SignedWebhookOptions): Request {
  const body = options.rawBody ?? JSON.stringify(options.payload);
  return new Request(url, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, options.secret),
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": options.apiVersion ?? "2026-07",
      "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
      "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
      "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    },
  });
}
