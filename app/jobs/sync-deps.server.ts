import type { PrismaClient } from "@prisma/client";
import type { Env } from "../env.server";
import type { Logger } from "../logger.server";
import type { ShopContext } from "../models/settings.server";
import { createOpenLogiClient, openLogiBaseUrl, type OpenLogiClient } from "../openlogi/client.server";
import { createRateLimiter } from "../openlogi/rate-limiter.server";
import { createTokenCipher, type TokenCipher } from "../security/token-cipher.server";
import { createAdminGraphqlClient, type AdminGraphqlClient } from "../shopify/admin-client.server";
import { fetchOrderSnapshot } from "../shopify/orders.server";
import type { OrderSnapshot } from "../sync/types";

/** The OpenLogi calls the runner makes; tests may pass another implementation. */
export type OpenLogiApi = OpenLogiClient;

/** Reads an order again through the Admin API with the shop's offline session. */
export type OrderReader = (orderGid: string) => Promise<OrderSnapshot | null>;

/** Everything the shell needs from the outside world; tests pass doubles and a fixed clock. */
export interface SyncDeps {
  prisma: PrismaClient;
  cipher: TokenCipher;
  clock: () => Date;
  logger: Logger;
  openLogiFor(shop: ShopContext): OpenLogiApi;
  orderReaderFor(shop: string): Promise<OrderReader>;
  /** The shop's Admin API with its offline session, for reads beyond one order (reconciliation). */
  adminClientFor(shop: string): Promise<AdminGraphqlClient>;
  /** Waits; tests pass the fixed clock's, which advances it. */
  sleep(ms: number): Promise<void>;
}

export interface SyncDepsOptions {
  prisma: PrismaClient;
  env: Env;
  logger: Logger;
  /** The shop's offline Admin API token; production uses `unauthenticated.admin(shop)`, which refreshes expiring tokens. */
  loadAccessToken(shop: string): Promise<string>;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Wires the real OpenLogi client, the shared pace and the Admin API reader into the runner. */
export function createSyncDeps(options: SyncDepsOptions): SyncDeps {
  const { prisma, env, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const limiter = createRateLimiter({
    prisma,
    // The pace runs on the database's clock unless a test sets the time.
    clock: options.clock && (() => clock().getTime()),
    sleep,
    callsPerMinute: env.OPENLOGI_CALLS_PER_MINUTE,
  });

  const adminClientFor = async (shop: string) =>
    createAdminGraphqlClient({ shop, accessToken: await options.loadAccessToken(shop), origin: env.SHOPIFY_ADMIN_API_ORIGIN });

  return {
    prisma,
    cipher: createTokenCipher(env.TOKEN_ENCRYPTION_KEY, env.TOKEN_ENCRYPTION_PREVIOUS_KEYS),
    clock,
    logger,
    openLogiFor: (shop) =>
      createOpenLogiClient({
        baseUrl: openLogiBaseUrl(shop.openlogi!.environment, env.OPENLOGI_API_BASE_URL),
        token: shop.openlogi!.token,
        accountCode: shop.openlogi!.accountCode,
        limiter,
      }),
    async orderReaderFor(shop) {
      const client = await adminClientFor(shop);
      return (orderGid) => fetchOrderSnapshot(client, orderGid);
    },
    adminClientFor,
    sleep,
  };
}
