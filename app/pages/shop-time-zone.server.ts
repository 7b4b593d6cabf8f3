import type { PrismaClient } from "@prisma/client";
import { safeTimeZone } from "../i18n/format";
import { logger } from "../logger.server";
import { storeShopTimeZone } from "../models/settings.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { fetchShopTimeZone } from "../shopify/locations.server";

/**
 * The zone the pages show dates in: the one stored for the shop, or, the first time, the
 * shop's own read through the Admin API and stored (the settings page refreshes it). A
 * failed read shows UTC this once rather than failing the page.
 */
export async function loadShopTimeZone(prisma: PrismaClient, shop: string, adminApi: () => AdminGraphqlClient): Promise<string> {
  const row = await prisma.shopSettings.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  if (row?.ianaTimezone) return safeTimeZone(row.ianaTimezone);
  try {
    const timeZone = await fetchShopTimeZone(adminApi());
    await storeShopTimeZone(prisma, shop, timeZone);
    return safeTimeZone(timeZone);
  } catch (error) {
    logger.warn({ shop, err: error instanceof Error ? error.message : String(error) }, "shop time zone not read");
    return safeTimeZone(null);
  }
}
