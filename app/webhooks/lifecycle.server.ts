import type { PrismaClient } from "@prisma/client";
import { logger } from "../logger.server";
import { markUninstalled } from "../models/settings.server";
import { deleteSessions, eraseOrders, eraseShop, updateOfflineScopes } from "../models/shop-data.server";

/**
 * app/uninstalled: drop the sessions (the token is dead) and stop syncing. Settings and
 * history stay until shop/redact, 48 hours later, so a quick reinstall keeps them.
 * Webhooks can arrive twice: every step tolerates a shop that is already gone.
 */
export async function handleAppUninstalled(prisma: PrismaClient, shop: string, now: Date) {
  await deleteSessions(prisma, shop);
  await markUninstalled(prisma, shop, now);
  logger.info({ shop }, "app uninstalled");
}

/** app/scopes_update: keep the stored session's scopes in step with what the merchant granted. */
export async function handleScopesUpdate(prisma: PrismaClient, shop: string, payload: Record<string, unknown>) {
  if (Array.isArray(payload.current)) await updateOfflineScopes(prisma, shop, payload.current.map(String));
}

/**
 * Compliance topics. The app keeps order ids, names and recipient changes in its history:
 * customers/redact removes the rows of the listed orders, shop/redact everything of the
 * shop. customers/data_request needs no action here: the history page shows all the app
 * holds for an order, for the merchant to pass on.
 */
export async function handleComplianceWebhook(
  prisma: PrismaClient,
  shop: string,
  topic: string,
  payload: Record<string, unknown>,
) {
  switch (topic) {
    case "CUSTOMERS_DATA_REQUEST":
      logger.info({ shop, topic }, "customer data request received");
      return;
    case "CUSTOMERS_REDACT": {
      const orders = Array.isArray(payload.orders_to_redact) ? payload.orders_to_redact.map(String) : [];
      await eraseOrders(prisma, shop, orders);
      return;
    }
    case "SHOP_REDACT":
      await eraseShop(prisma, shop);
      return;
    default:
      logger.warn({ shop, topic }, "unexpected compliance topic ignored");
  }
}
