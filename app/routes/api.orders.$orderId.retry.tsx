import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { retryHistoryRecord } from "../history/retry.server";
import prisma from "../models/db.server";
import { authenticateExtension } from "../order-status/extension-auth.server";
import { parseOrderId } from "../order-status/order-id";
import type { RetryAnswer } from "../order-status/types";

const body = z.object({ recordId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();

/** Retry from the order page: `{ recordId }` of a failed or action-required record of this order. */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, cors } = await authenticateExtension(request);
  if (request.method !== "POST") {
    return cors(json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
  }
  const orderId = parseOrderId(params.orderId);
  if (!orderId) return cors(json({ error: "Not an order id" }, { status: 400 }));
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return cors(json({ error: "The body must be { \"recordId\": <a record id> }" }, { status: 400 }));

  const { recordId } = parsed.data;
  const result = await retryHistoryRecord(prisma, { shop: session.shop, orderId, recordId, now: new Date() });
  switch (result.kind) {
    case "not_found":
      return cors(json({ error: "Not found" }, { status: 404 }));
    case "not_retryable":
      return cors(json({ error: "Only a failed or action-required record can be retried" }, { status: 409 }));
    case "queued":
      return cors(json({ recordId, jobId: result.jobId, retry: "pending" } satisfies RetryAnswer, { status: 202 }));
    default: {
      const unhandled: never = result;
      throw new Error(`unknown retry result: ${JSON.stringify(unhandled)}`);
    }
  }
};

export const loader = async ({ request }: ActionFunctionArgs) => {
  const { cors } = await authenticateExtension(request);
  return cors(json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
};
