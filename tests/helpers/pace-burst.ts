/**
 * A burst of cancellations against an OpenLogi double as strict as a sliding window of 60
 * calls per 60 s, drained by in-process workers on a scaled clock (doubles/scaled-clock.ts).
 * Shared by the pace test and `npm run bench`.
 */
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { getEnv, resetEnvCache } from "../../app/env.server";
import { createSyncDeps } from "../../app/jobs/sync-deps.server";
import { createWorker, DEFAULT_LEASE_MS } from "../../app/jobs/worker.server";
import { logger } from "../../app/logger.server";
import { seedShop } from "../../app/models/shop-seed.server";
import { paceIntervalMs } from "../../app/openlogi/rate-limiter.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { startAdminApiDouble } from "../doubles/admin-api-double";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble } from "../doubles/openlogi-double";
import { createScaledClock } from "../doubles/scaled-clock";
import { adminOrderFixture, orderNumbered, shipmentFor } from "../doubles/scenario";
import { storeDelivery } from "./store-delivery";
import { createTestDatabase } from "./test-db";

const SHOP = "burst.myshopify.com";
const ADMIN_TOKEN = "shpat_burst";

export interface BurstOptions {
  cancellations: number;
  /** How many times faster than real time the app and the doubles run. */
  speed: number;
  /** Worker loops in this process, all sharing the one pace. */
  workers: number;
}

export interface BurstFigures {
  cancellations: number;
  calls: number;
  tooManyRequests: number;
  callsPerCancellation: number;
  /** From the burst's arrival to the last job done, in scaled time. */
  drainMs: number;
  /** calls ÷ 60 minutes: the fastest any client could drain within the limit. */
  floorMs: number;
  /** Jobs not completed when the run gave up (0 when it drained). */
  left: number;
}

export async function runCancellationBurst({ cancellations, speed, workers: count }: BurstOptions): Promise<BurstFigures> {
  const clock = createScaledClock(speed);
  const db = await createTestDatabase();
  const openlogi = await startOpenLogiDouble({ tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] }, clock: clock.nowMs, rateLimitPerMinute: 60 });
  const admin = await startAdminApiDouble({ accessTokens: { [SHOP]: ADMIN_TOKEN } });
  try {
    resetEnvCache();
    const env = getEnv({
      ...process.env,
      DATABASE_URL: db.url,
      OPENLOGI_API_BASE_URL: openlogi.url,
      SHOPIFY_ADMIN_API_ORIGIN: admin.url,
      ALLOW_API_OVERRIDES: "1",
      OPENLOGI_CALLS_PER_MINUTE: "60",
    });
    const cipher = createTokenCipher(env.TOKEN_ENCRYPTION_KEY);
    await seedShop(db.prisma, cipher, { shop: SHOP, accessToken: ADMIN_TOKEN, openlogiToken: DOUBLE_TOKEN, openlogiAccountCode: DOUBLE_ACCOUNT, settings: {} });
    const sessions = new PrismaSessionStorage(db.prisma);

    // The burst: every cancellation stored (as the webhook route stores it) before any worker runs.
    const arrivedAt = clock.now();
    for (let i = 0; i < cancellations; i++) {
      const order = { ...orderNumbered(50_000 + i), cancelledAt: "2026-11-20T10:00:00+09:00" };
      admin.setOrder(SHOP, adminOrderFixture(order));
      openlogi.seed([shipmentFor(order, "waiting")]);
      await storeDelivery(
        db.prisma,
        { webhookId: `burst-${i}`, topic: "orders/cancelled", shop: SHOP, eventId: null, apiVersion: "2026-07", triggeredAt: arrivedAt, orderId: order.legacyId, payload: "{}" },
        { task: "cancelled", orderId: order.legacyId, jobKey: `${SHOP}:cancelled:${order.legacyId}` },
        arrivedAt,
      );
    }

    const deps = createSyncDeps({
      prisma: db.prisma,
      env,
      logger,
      clock: clock.now,
      sleep: clock.sleep,
      async loadAccessToken(shop) {
        return (await sessions.loadSession(`offline_${shop}`))!.accessToken!;
      },
    });
    const workers = Array.from({ length: count }, (_, i) =>
      createWorker(deps, {
        workerId: `burst-${i}`,
        sleep: clock.sleep,
        leaseMs: DEFAULT_LEASE_MS,
        heartbeatMs: clock.real(DEFAULT_LEASE_MS / 6),
        msPerJob: paceIntervalMs(60),
      }),
    );
    const firstCall = openlogi.requests.length;
    workers.forEach((worker) => worker.start());
    // Give up at three times the floor: a run that slow has failed whatever it prints.
    const giveUpAt = arrivedAt.getTime() + 3 * cancellations * 1.02 * 1000 + 120_000;
    let left = cancellations;
    let doneAt = clock.nowMs();
    while (clock.nowMs() < giveUpAt) {
      left = await db.prisma.syncJob.count({ where: { status: { not: "completed" } } });
      doneAt = clock.nowMs();
      if (left === 0) break;
      await clock.sleep(1_000);
    }
    await Promise.all(workers.map((worker) => worker.stop()));
    const requests = openlogi.requests.slice(firstCall);
    const calls = requests.length;
    return {
      cancellations,
      calls,
      tooManyRequests: requests.filter((request) => request.status === 429).length,
      callsPerCancellation: calls / cancellations,
      drainMs: doneAt - arrivedAt.getTime(),
      floorMs: (calls / 60) * 60_000,
      left,
    };
  } finally {
    await admin.close();
    await openlogi.close();
    await db.drop();
    resetEnvCache();
  }
}

/** The figures as the bench prints them. */
export function describeBurst(figures: BurstFigures, speed: number): string {
  const minutes = (ms: number) => (ms / 60_000).toFixed(2);
  return [
    `${figures.cancellations} cancellations against a strict 60-per-60-s window (clock ${speed}× real time):`,
    `  OpenLogi calls ${figures.calls} (${figures.callsPerCancellation.toFixed(4)} per cancellation; target ≤ 1.02)`,
    `  429s ${figures.tooManyRequests} (target 0)`,
    `  drain ${minutes(figures.drainMs)} min; floor calls ÷ 60 = ${minutes(figures.floorMs)} min; ratio ${(figures.drainMs / figures.floorMs).toFixed(3)} (target ≤ 1.05)`,
    figures.left > 0 ? `  GAVE UP with ${figures.left} jobs left` : "",
  ].filter(Boolean).join("\n");
}
