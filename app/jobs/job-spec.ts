import { z } from "zod";
import type { JobSpec } from "../models/sync-job.server";

/** The three order topics that can change an OpenLogi shipment. */
export const ORDER_TOPICS = ["orders/cancelled", "orders/edited", "orders/updated"] as const;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

const id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const orderGid = z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/);

const orderPayload = z
  .object({ id, admin_graphql_api_id: orderGid.optional(), updated_at: z.string().optional() })
  // The GID carries the id's exact digits even where a JSON parser rounded the number.
  .transform((order) => ({ ...order, id: order.admin_graphql_api_id?.split("/").pop() ?? order.id }));
const editPayload = z.object({ order_edit: z.object({ id, order_id: id }) });

export class MalformedPayloadError extends Error {
  readonly retryable = false;
}

/**
 * Which job a verified order webhook becomes. The job key is the idempotency key:
 * one cancellation per order, one job per `order_edit.id`, one per order version
 * (`updated_at`) for `orders/updated` — so a redelivery under a new webhook id has one effect.
 */
export function jobSpecFor(topic: OrderTopic, shop: string, webhookId: string, payload: unknown): JobSpec {
  switch (topic) {
    case "orders/cancelled": {
      const order = parse(orderPayload, payload, topic);
      return { task: "cancelled", orderId: order.id, jobKey: `${shop}:cancelled:${order.id}` };
    }
    case "orders/edited": {
      const { order_edit } = parse(editPayload, payload, topic);
      return { task: "edited", orderId: order_edit.order_id, jobKey: `${shop}:edited:${order_edit.id}` };
    }
    case "orders/updated": {
      const order = parse(orderPayload, payload, topic);
      const version = order.updated_at ?? webhookId;
      return { task: "updated", orderId: order.id, jobKey: `${shop}:updated:${order.id}:${version}` };
    }
    default: {
      const unhandled: never = topic;
      throw new Error(`Unhandled topic ${String(unhandled)}`);
    }
  }
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, topic: string): T {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const where = result.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
    throw new MalformedPayloadError(`${topic} payload is missing or has invalid: ${where}`);
  }
  return result.data;
}
