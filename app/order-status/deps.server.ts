/** The real parts behind the order page's endpoints: the app's database, OpenLogi and the Admin API. */
import type { PrismaClient } from "@prisma/client";
import type { Env } from "../env.server";
import type { Logger } from "../logger.server";
import { createOpenLogiClient, openLogiBaseUrl } from "../openlogi/client.server";
import { createRateLimiter, type RateLimiter } from "../openlogi/rate-limiter.server";
import { createTokenCipher } from "../security/token-cipher.server";
import { createAdminGraphqlClient } from "../shopify/admin-client.server";
import { fetchOrderSnapshot } from "../shopify/orders.server";
import type { OrderStatusDeps } from "./order-status.server";

/** A view waits this long for OpenLogi or Shopify at most, then shows what it knows. */
const VIEW_TIMEOUT_MS = 8_000;

export interface OrderStatusDepsOptions {
  prisma: PrismaClient;
  env: Env;
  logger: Logger;
  shop: string;
  /** The shop's offline Admin API token, as authenticate.admin loaded (or exchanged) it. */
  accessToken: string;
  clock?: () => Date;
}

export function createOrderStatusDeps({ prisma, env, logger, shop, accessToken, clock: given }: OrderStatusDepsOptions): OrderStatusDeps {
  const clock = given ?? (() => new Date());
  // The pace runs on the database's clock unless a test sets the time.
  const limiter = createRateLimiter({ prisma, clock: given && (() => given().getTime()), callsPerMinute: env.OPENLOGI_CALLS_PER_MINUTE });
  const admin = createAdminGraphqlClient({ shop, accessToken, origin: env.SHOPIFY_ADMIN_API_ORIGIN, timeoutMs: VIEW_TIMEOUT_MS });
  return {
    prisma,
    clock,
    logger,
    cipher: createTokenCipher(env.TOKEN_ENCRYPTION_KEY, env.TOKEN_ENCRYPTION_PREVIOUS_KEYS),
    tryAcquire: (token) => limiter.tryAcquire(token),
    openLogiFor: (openlogi) =>
      createOpenLogiClient({
        baseUrl: openLogiBaseUrl(openlogi.environment, env.OPENLOGI_API_BASE_URL),
        token: openlogi.token,
        accountCode: openlogi.accountCode,
        limiter: slotAlreadyTaken(limiter),
        timeoutMs: VIEW_TIMEOUT_MS,
      }),
    readOrder: (orderGid) => fetchOrderSnapshot(admin, orderGid),
  };
}

/** The caller took its slot with tryAcquire: it allows one call, and a 429 still holds every caller back. */
function slotAlreadyTaken(limiter: RateLimiter): Pick<RateLimiter, "acquire" | "backOff" | "observeRemaining"> {
  let taken = false;
  return {
    async acquire() {
      if (taken) throw new Error("an order-page view makes one OpenLogi call per slot");
      taken = true;
    },
    backOff: (token, ms) => limiter.backOff(token, ms),
    observeRemaining: (token, remaining) => limiter.observeRemaining(token, remaining),
  };
}
