/**
 * The one door of every admin page's loader and action: `authenticate.admin` (session token
 * from App Bridge, the shop's offline session), then the shop and what its pages call.
 * Nothing here takes a shop from the request's own data: the shop is the session's.
 */
import { getEnv } from "../env.server";
import prisma from "../models/db.server";
import { recordInstall } from "../models/shop-install.server";
import { createOpenLogiClient, openLogiBaseUrl, type OpenLogiClient } from "../openlogi/client.server";
import { createRateLimiter } from "../openlogi/rate-limiter.server";
import { createTokenCipher, type TokenCipher } from "../security/token-cipher.server";
import { createAdminGraphqlClient, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { authenticate } from "../shopify.server";
import type { OpenLogiEnvironment } from "../models/settings-input";

export interface ShopAdmin {
  shop: string;
  /** The shop's Admin API, with its offline token (SHOPIFY_ADMIN_API_ORIGIN as the worker uses it). */
  adminApi(): AdminGraphqlClient;
}

export async function authenticateShop(request: Request): Promise<ShopAdmin> {
  const { session } = await authenticate.admin(request);
  // afterAuth revives a reinstalled shop, but the library stores the new session before it runs
  // the hook: the layout's and the page's loaders run at once, and the one that finds that
  // session could read the shop before it is revived. Idempotent, so whichever comes first does it.
  await recordInstall(prisma, session.shop, new Date());
  const env = getEnv();
  return {
    shop: session.shop,
    adminApi: () =>
      createAdminGraphqlClient({
        shop: session.shop,
        accessToken: session.accessToken ?? "",
        origin: env.SHOPIFY_ADMIN_API_ORIGIN,
        timeoutMs: 10_000,
      }),
  };
}

export function tokenCipher(): TokenCipher {
  const env = getEnv();
  return createTokenCipher(env.TOKEN_ENCRYPTION_KEY, env.TOKEN_ENCRYPTION_PREVIOUS_KEYS);
}

/** An OpenLogi client on the pace every worker shares, for "Test connection". */
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
    limiter: createRateLimiter({ prisma, callsPerMinute: env.OPENLOGI_CALLS_PER_MINUTE }),
    timeoutMs: 10_000,
  });
}
