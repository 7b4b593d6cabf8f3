import type { WebhookValidation } from "@shopify/shopify-api";
import { WebhookValidationErrorReason } from "@shopify/shopify-api";
import { logger } from "../logger.server";
import { readBoundedBody } from "./bounded-body";
import { parseWebhookBody } from "../shopify/webhook-body";

/** The library's HMAC and header check (`shopify.server.ts`'s `validateWebhook`). */
export type ValidateWebhook = (params: { rawBody: string; rawRequest: Request }) => Promise<WebhookValidation>;

/** A delivery whose HMAC matched, on a route that takes its topic. */
export interface VerifiedWebhook<Topic extends string = string> {
  /** Shopify's name for it, as the route lists it: "orders/cancelled". */
  topic: Topic;
  /** The shop in `X-Shopify-Shop-Domain`. The HMAC covers the body only, so payload checks compare it. */
  shop: string;
  webhookId: string;
  apiVersion: string;
  /** The same for one event delivered to several subscriptions. */
  eventId?: string;
  triggeredAt?: string;
  /** The body as Shopify sent it. */
  raw: string;
  /** The body parsed without rounding ids past 2^53. */
  payload: unknown;
}

/**
 * The one door for every webhook route: reads the body once through a bounded reader,
 * checks the HMAC and headers with the library (no session is loaded), checks that the
 * route takes the topic, and parses the body. Throws the Response Shopify should get:
 * 405 for a method other than POST, 411/413 for a missing or too large body, 401 for a
 * bad HMAC, 400 for missing headers, another route's topic or a body that is not JSON.
 */
export async function verifyWebhook<Topic extends string>(
  request: Request,
  validate: ValidateWebhook,
  topics: readonly Topic[],
): Promise<VerifiedWebhook<Topic>> {
  if (request.method !== "POST") throw new Response(undefined, { status: 405, headers: { Allow: "POST" } });
  let raw: string;
  try {
    raw = await readBoundedBody(request);
  } catch (refusal) {
    if (refusal instanceof Response) {
      const claimed = { shop: request.headers.get("x-shopify-shop-domain"), topic: request.headers.get("x-shopify-topic") };
      logger.warn({ ...claimed, status: refusal.status, contentLength: request.headers.get("content-length") }, "webhook body refused");
    }
    throw refusal;
  }

  const check = await validate({ rawBody: raw, rawRequest: request });
  if (!check.valid) {
    const status = check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400;
    throw new Response(status === 401 ? "Invalid HMAC" : `Invalid webhook: ${check.reason}`, { status });
  }
  // The library reports topics as Shopify stores them: "orders/cancelled" → "ORDERS_CANCELLED".
  const topic = topics.find((name) => name.toUpperCase().replaceAll("/", "_") === check.topic);
  if (!topic) throw new Response(`This endpoint takes ${topics.join(", ")}`, { status: 400 });

  let payload: unknown;
  try {
    payload = parseWebhookBody(raw);
  } catch {
    throw new Response("Malformed JSON payload", { status: 400 });
  }
  return {
    topic,
    shop: check.domain,
    webhookId: check.webhookId,
    apiVersion: check.apiVersion,
    eventId: "eventId" in check ? check.eventId : undefined,
    triggeredAt: check.triggeredAt,
    raw,
    payload,
  };
}

/** When Shopify says the event happened (X-Shopify-Triggered-At), or null when it does not say. */
export function parseTriggeredAt(header: string | undefined): Date | null {
  const at = header ? new Date(header) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}
