import type { PrismaClient } from "@prisma/client";
import { MalformedPayloadError } from "../jobs/job-spec";
import { logger } from "../logger.server";
import { markUninstalled } from "../models/settings.server";
import { recordDataRequest } from "../models/data-request.server";
import { removeOrdersPersonalData } from "../models/personal-data.server";
import { deleteSessions, eraseShop, updateOfflineScopes } from "../models/shop-data.server";
import { parseLifecyclePayload, type LifecycleTopic } from "./lifecycle-payloads";
import { parseTriggeredAt, verifyWebhook, type ValidateWebhook } from "./verify-webhook.server";

/**
 * The app's own lifecycle (app/uninstalled, app/scopes_update) and the compliance topics.
 * None of them loads the shop's session: after an uninstall its token is dead. A body that
 * does not agree with its topic or shop header is a 400 and changes nothing.
 */
export async function receiveLifecycleWebhook(
  prisma: PrismaClient,
  request: Request,
  topics: readonly LifecycleTopic[],
  validate: ValidateWebhook,
  now: () => Date = () => new Date(),
): Promise<Response> {
  const webhook = await verifyWebhook(request, validate, topics);
  const { shop } = webhook;
  let lifecycle;
  try {
    lifecycle = parseLifecyclePayload(webhook.topic, shop, webhook.payload);
  } catch (error) {
    if (error instanceof MalformedPayloadError) return new Response(error.message, { status: 400 });
    throw error;
  }
  switch (lifecycle.topic) {
    case "app/uninstalled":
      await handleAppUninstalled(prisma, shop, parseTriggeredAt(webhook.triggeredAt) ?? now());
      break;
    case "app/scopes_update":
      // Keeps the stored session's scopes in step with what the merchant granted.
      await updateOfflineScopes(prisma, shop, lifecycle.scopes);
      break;
    case "customers/data_request": {
      // Recorded for the merchant, who downloads the export from the app's Privacy page.
      const { orderIds, dataRequestId, customerId } = lifecycle;
      await recordDataRequest(prisma, { shop, dataRequestId, customerId, orderIds }, now());
      break;
    }
    case "customers/redact": {
      // The records stay (a sync happened); the customer's data in them and in the stored
      // webhooks goes. Counts only: the log never names the customer.
      const removed = await removeOrdersPersonalData(prisma, shop, lifecycle.orderIds, now());
      logger.info({ shop, orders: lifecycle.orderIds.length, ...removed }, "customer data removed");
      break;
    }
    case "shop/redact":
      await eraseShop(prisma, shop);
      break;
    default: {
      const unhandled: never = lifecycle;
      throw new Error(`Unhandled topic ${JSON.stringify(unhandled)}`);
    }
  }
  logger.info({ shop, webhookId: webhook.webhookId, topic: lifecycle.topic }, "webhook received");
  return new Response();
}

/**
 * app/uninstalled: drop the sessions (the token is dead) and stop syncing. Settings and
 * history stay until shop/redact, 48 hours later, so a quick reinstall keeps them.
 * Webhooks can arrive twice: every step tolerates a shop that is already gone, and one
 * redelivered after the merchant installed again (an uninstall older than the install)
 * changes nothing, so the new session stays.
 */
async function handleAppUninstalled(prisma: PrismaClient, shop: string, at: Date) {
  if (!(await markUninstalled(prisma, shop, at))) {
    logger.info({ shop, uninstalledAt: at.toISOString() }, "uninstall older than the latest install ignored");
    return;
  }
  await deleteSessions(prisma, shop);
  logger.info({ shop }, "app uninstalled");
}
