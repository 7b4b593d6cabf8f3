import { z } from "zod";
import type { JobSpec } from "../models/sync-job.server";

/** The three order topics that can change an OpenLogi shipment. */
export const ORDER_TOPICS = ["orders/cancelled", "orders/edited", "orders/updated"] as const;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

/** A Shopify numeric id, as a string: a number, or the digits parseWebhookBody kept past 2^53. */
export const shopifyId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const orderGid = z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/);

const orderFields = z.object({ id: shopifyId, admin_graphql_api_id: orderGid.optional() });
// The GID carries the id's exact digits even where a JSON parser rounded the number.
const exactId = <T extends z.infer<typeof orderFields>>(body: T) => ({ ...body, id: body.admin_graphql_api_id?.split("/").pop() ?? body.id });
const orderPayload = orderFields.transform(exactId);
// The HMAC covers the body only: an order that was merely updated, resent as orders/cancelled,
// must not become a cancellation.
const cancelledPayload = orderFields.extend({ cancelled_at: z.string().min(1) }).transform(exactId);
const editPayload = z.object({ order_edit: z.object({ id: shopifyId, order_id: shopifyId }) });

export class MalformedPayloadError extends Error {
  readonly retryable = false;
}

/** The headers that name a delivery: Shopify keeps the webhook id across retries, the event id across subscriptions. */
export interface Delivery {
  webhookId: string;
  eventId?: string;
}

/**
 * Which job a verified order webhook becomes. The job key is the idempotency key:
 * one cancellation per order, one job per `order_edit.id`, one per event for
 * `orders/updated` — so a redelivery, or one event sent to two subscriptions, has one effect.
 */
export function jobSpecFor(topic: OrderTopic, shop: string, delivery: Delivery, payload: unknown): JobSpec {
  switch (topic) {
    case "orders/cancelled": {
      const order = parsePayload(cancelledPayload, payload, topic);
      return { task: "cancelled", orderId: order.id, jobKey: cancelledJobKey(shop, order.id) };
    }
    case "orders/edited": {
      const { order_edit } = parsePayload(editPayload, payload, topic);
      return { task: "edited", orderId: order_edit.order_id, jobKey: `${shop}:edited:${order_edit.id}` };
    }
    case "orders/updated": {
      const order = parsePayload(orderPayload, payload, topic);
      // Not updated_at: it has one-second precision, and a second change within that second
      // is an event of its own. Without an event id, the webhook id still names one delivery.
      const event = delivery.eventId ?? delivery.webhookId;
      return { task: "updated", orderId: order.id, jobKey: `${shop}:updated:${order.id}:${event}` };
    }
    default: {
      const unhandled: never = topic;
      throw new Error(`Unhandled topic ${String(unhandled)}`);
    }
  }
}

/** Parses a webhook body with `schema`, or throws MalformedPayloadError naming the bad fields. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, topic: string): T {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const where = result.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
    throw new MalformedPayloadError(`${topic} payload is missing or has invalid: ${where}`);
  }
  return result.data;
}

/** One cancellation per order, ever: the webhook and the reconciliation both use this key. */
export function cancelledJobKey(shop: string, orderId: string): string {
  return `${shop}:cancelled:${orderId}`;
}
