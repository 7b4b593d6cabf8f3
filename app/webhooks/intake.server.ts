import type { PrismaClient } from "@prisma/client";
import { jobSpecFor, MalformedPayloadError, type OrderTopic } from "../jobs/job-spec";
import { logger } from "../logger.server";
import { isDatabaseUnavailable } from "../models/intake-connection.server";
import { storeWebhookBatch, type IntakeEntry, type IntakeResult } from "../models/webhook-intake.server";
import { createGroupCommit, type GroupCommit } from "./group-commit";
import { orderFingerprint } from "./order-fingerprint";
import { parseTriggeredAt, verifyWebhook, type ValidateWebhook } from "./verify-webhook.server";

// One group commit per database client: the app has one; tests bring their own.
const commits = new WeakMap<PrismaClient, GroupCommit<IntakeEntry, IntakeResult>>();
function groupCommitFor(prisma: PrismaClient) {
  let commit = commits.get(prisma);
  if (!commit) {
    commit = createGroupCommit((entries: IntakeEntry[]) => storeWebhookBatch(prisma, entries), {
      itemFailed: (error) => !isDatabaseUnavailable(error),
    });
    commits.set(prisma, commit);
  }
  return commit;
}

/**
 * Durable intake for order webhooks: verify, store the webhook and its job, answer.
 * The work happens later in the worker, so Shopify gets its 200 in milliseconds and
 * a slow OpenLogi never causes a redelivery (and a second billable request). Deliveries
 * that arrive together share one commit (group-commit.ts); the answer waits for it.
 * An `orders/updated` that changes nothing a shipment depends on is stored without a job
 * (quiet-update.ts).
 */
export async function receiveOrderWebhook(
  prisma: PrismaClient,
  request: Request,
  topic: OrderTopic,
  validate: ValidateWebhook,
  now: () => Date = () => new Date(),
): Promise<Response> {
  const context = await verifyWebhook(request, validate, [topic]);
  let job;
  try {
    job = jobSpecFor(topic, context.shop, context, context.payload);
  } catch (error) {
    if (error instanceof MalformedPayloadError) return new Response(error.message, { status: 400 });
    throw error;
  }
  const receivedAt = now();
  const triggeredAt = parseTriggeredAt(context.triggeredAt) ?? receivedAt;
  const result = await groupCommitFor(prisma).submit({
    record: {
      webhookId: context.webhookId,
      topic,
      shop: context.shop,
      eventId: context.eventId ?? null,
      apiVersion: context.apiVersion ?? null,
      triggeredAt,
      orderId: job.orderId,
      payload: context.raw,
    },
    job,
    fingerprint: topic === "orders/updated" ? orderFingerprint(context.payload) : null,
    receivedAt,
  });
  logger.info({ shop: context.shop, webhookId: context.webhookId, topic, orderId: job.orderId, result }, "webhook received");
  return new Response(null, { status: 200 });
}
