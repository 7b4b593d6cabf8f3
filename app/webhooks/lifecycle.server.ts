import type { PrismaClient } from "@prisma/client";
import { logger } from "../logger.server";
import { markUninstalled } from "../models/settings.server";
import { deleteSessions, eraseOrders, eraseShop, updateOfflineScopes } from "../models/shop-data.server";
import { verifyWebhook, type ValidateWebhook } from "./verify-webhook.server";

export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;
export type LifecycleTopic = "app/uninstalled" | "app/scopes_update" | (typeof COMPLIANCE_TOPICS)[number];

/**
 * The app's own lifecycle (app/uninstalled, app/scopes_update) and the compliance topics.
 * None of them loads the shop's session: after an uninstall its token is dead.
 */
export async function receiveLifecycleWebhook(
  prisma: PrismaClient,
  request: Request,
  topics: readonly LifecycleTopic[],
  validate: ValidateWebhook,
  now: () => Date = () => new Date(),
): Promise<Response> {
  const { topic, shop, payload } = await verifyWebhook(request, validate, topics);
  const body = (payload ?? {}) as Record<string, unknown>;
  switch (topic) {
    case "app/uninstalled":
      await handleAppUninstalled(prisma, shop, now());
      break;
    case "app/scopes_update":
      if (Array.isArray(body.current)) await updateOfflineScopes(prisma, shop, body.current.map(String));
      break;
    case "customers/data_request":
      // Nothing to do here: the history page shows all the app holds for an order.
      logger.info({ shop, topic }, "customer data request received");
      break;
    case "customers/redact":
      await eraseOrders(prisma, shop, Array.isArray(body.orders_to_redact) ? body.orders_to_redact.map(String) : []);
      break;
    case "shop/redact":
      await eraseShop(prisma, shop);
      break;
    default: {
      const unhandled: never = topic;
      throw new Error(`Unhandled topic ${String(unhandled)}`);
    }
  }
  return new Response();
}

/**
 * app/uninstalled: drop the sessions (the token is dead) and stop syncing. Settings and
 * history stay until shop/redact, 48 hours later, so a quick reinstall keeps them.
 * Webhooks can arrive twice: every step tolerates a shop that is already gone.
 */
async function handleAppUninstalled(prisma: PrismaClient, shop: string, now: Date) {
  await deleteSessions(prisma, shop);
  await markUninstalled(prisma, shop, now);
  logger.info({ shop }, "app uninstalled");
}
