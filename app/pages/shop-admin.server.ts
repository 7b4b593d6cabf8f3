/**
 * The one door of every admin page's loader and action: `authenticate.admin` (session token
 * from App Bridge, the shop's offline session), then the shop and what its pages call.
 * Nothing here takes a shop from the request's own data: the shop is the session's.
 */
import { getEnv } from "../env.server";
import { safeTimeZone } from "../i18n/format";
import { logger } from "../logger.server";
import prisma from "../models/db.server";
import { loadStoredTimeZone, storeShopTimeZone } from "../models/settings.server";
import { createOpenLogiClient, openLogiBaseUrl, type OpenLogiClient } from "../openlogi/client.server";
import { createRateLimiter } from "../openlogi/rate-limiter.server";
import { freeSlotOnly } from "../openlogi/test-connection.server";
import { createTokenCipher, type TokenCipher } from "../security/token-cipher.server";
import { createAdminGraphqlClient, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { fetchShopTimeZone } from "../shopify/locations.server";
import { authenticate } from "../shopify.server";
import type { OpenLogiEnvironment } from "../models/settings-input";

export interface ShopAdmin {
  shop: string;
  /** The shop's Admin API, with its offline token (SHOPIFY_ADMIN_API_ORIGIN as the worker uses it). */
  adminApi(): AdminGraphqlClient;
  /** The zone the pages show dates in (see shopTimeZone). */
  timeZone(): Promise<string>;
}

export async function authenticateShop(request: Request): Promise<ShopAdmin> {
  const { session } = await authenticate.admin(request);
  const env = getEnv();
  const adminApi = () =>
    createAdminGraphqlClient({
      shop: session.shop,
      accessToken: session.accessToken ?? "",
      origin: env.SHOPIFY_ADMIN_API_ORIGIN,
      timeoutMs: 10_000,
    });
  return { shop: session.shop, adminApi, timeZone: () => shopTimeZone(session.shop, adminApi) };
}

/**
 * The zone the pages show dates in: the one stored for the shop, or, the first time, the
 * shop's own read through the Admin API and stored (the settings page refreshes it). A
 * failed read shows UTC this once rather than failing the page.
 */
async function shopTimeZone(shop: string, adminApi: () => AdminGraphqlClient): Promise<string> {
  const stored = await loadStoredTimeZone(prisma, shop);
  if (stored) return safeTimeZone(stored);
  try {
    const timeZone = await fetchShopTimeZone(adminApi());
    await storeShopTimeZone(prisma, shop, timeZone);
    return safeTimeZone(timeZone);
  } catch (error) {
    logger.warn({ shop, err: error instanceof Error ? error.message : String(error) }, "shop time zone not read");
    return safeTimeZone(null);
  }
}

export function tokenCipher(): TokenCipher {
  const env = getEnv();
  return createTokenCipher(env.TOKEN_ENCRYPTION_KEY, env.TOKEN_ENCRYPTION_PREVIOUS_KEYS);
}

/** An OpenLogi client for "Test connection": on the pace every worker shares, in a free slot only. */
export function openLogiClientFor(connection: {
  environment: OpenLogiEnvironment;
  accountCode: string;
  token: string;
}): OpenLogiClient {
  const env = getEnv();
  return createOpenLogiClient({
    baseUrl: openLogiBaseUrl(connection.environment, env.OPENLOGI_API_BASE_URL),
    token: connection.token,
    accountCode: connection.accountCode,
    limiter: freeSlotOnly(createRateLimiter({ prisma, callsPerMinute: env.OPENLOGI_CALLS_PER_MINUTE })),
    timeoutMs: 10_000,
  });
}
