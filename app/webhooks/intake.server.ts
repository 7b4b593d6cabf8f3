import type { PrismaClient } from "@prisma/client";
import { jobSpecFor, MalformedPayloadError, type OrderTopic } from "../jobs/job-spec";
import { logger } from "../logger.server";
import { storeWebhook } from "../models/sync-job.server";
import { parseWebhookBody } from "../shopify/webhook-body";

/** What `authenticate.webhook` tells us about a verified delivery. */
export interface WebhookContext {
  shop: string;
  topic: string;
  webhookId: string;
  apiVersion: string;
  eventId?: string;
  triggeredAt?: string;
  payload: Record<string, unknown>;
}

type Authenticate = (request: Request) => Promise<WebhookContext>;

/**
 * Verifies the request, parses its payload, and returns the context — or throws the
 * Response Shopify should get: 401 for a bad HMAC, 400 for missing headers or a body
 * that is not JSON. Nothing is stored in either case.
 */
export async function verifyWebhook(request: Request, authenticate: Authenticate): Promise<WebhookContext> {
  try {
    return await authenticate(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    // @shopify/shopify-app-remix JSON.parses the body after the HMAC check.
    if (error instanceof SyntaxError) throw new Response("Malformed JSON payload", { status: 400 });
    throw error;
  }
}

/**
 * Durable intake for order webhooks: verify, store the webhook and its job, answer.
 * The work happens later in the worker, so Shopify gets its 200 in milliseconds and
 * a slow OpenLogi never causes a redelivery (and a second billable request).
 */
export async function receiveOrderWebhook(
  prisma: PrismaClient,
  request: Request,
  topic: OrderTopic,
  authenticate: Authenticate,
  now: () => Date = () => new Date(),
): Promise<Response> {
  // Keep the body as Shopify sent it: stored verbatim, and parsed without rounding large ids.
  const raw = await request.clone().text();
  const context = await verifyWebhook(request, authenticate);
  // The library reports topics as Shopify stores them: "orders/cancelled" → "ORDERS_CANCELLED".
  if (context.topic !== topic.toUpperCase().replace("/", "_")) {
    return new Response(`This endpoint takes ${topic}`, { status: 400 });
  }
  let job;
  try {
    job = jobSpecFor(topic, context.shop, context.webhookId, parseWebhookBody(raw));
  } catch (error) {
    if (error instanceof MalformedPayloadError) return new Response(error.message, { status: 400 });
    throw error;
  }
  const receivedAt = now();
  const triggeredAt = parseTriggeredAt(context.triggeredAt) ?? receivedAt;
  const result = await storeWebhook(
    prisma,
    {
      webhookId: context.webhookId,
      topic,
      shop: context.shop,
      eventId: context.eventId ?? null,
      apiVersion: context.apiVersion ?? null,
      triggeredAt,
      orderId: job.orderId,
      payload: raw,
    },
    job,
    receivedAt,
  );
  logger.info({ shop: context.shop, webhookId: context.webhookId, topic, orderId: job.orderId, result }, "webhook received");
  return new Response(null, { status: 200 });
}

function parseTriggeredAt(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
