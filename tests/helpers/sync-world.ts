import type { SyncHistory } from "@prisma/client";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { getEnv, resetEnvCache } from "../../app/env.server";
import type { SyncDeps } from "../../app/jobs/sync-deps.server";
import { createSyncDeps } from "../../app/jobs/sync-deps.server";
import { createWorker, type Worker } from "../../app/jobs/worker.server";
import { logger } from "../../app/logger.server";
import type { SettingsPatch } from "../../app/models/settings.server";
import { seedShop } from "../../app/models/shop-seed.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import type { OrderSnapshot, ShipmentResponse, ShipmentStatus } from "../../app/sync/types";
import { startAdminApiDouble, type AdminApiDouble } from "../doubles/admin-api-double";
import { createFixedClock, type FixedClock } from "../doubles/fixed-clock";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../doubles/openlogi-double";
import { adminOrderFixture, shipmentFor, webhookPayloads } from "../doubles/scenario";
import { startAppHarness, type AppHarness } from "./app-harness";

export const SHOP = "e2e-shop.myshopify.com";
export const ADMIN_TOKEN = "shpat_e2e_offline_token";
/** A second shop, for what one shop must never do to another. */
export const OTHER_SHOP = "e2e-other.myshopify.com";
export const OTHER_ADMIN_TOKEN = "shpat_e2e_other_offline_token";

/**
 * Everything between Shopify and OpenLogi, for real: signed webhooks into the Remix
 * build over HTTP, the job table, the worker (on a fixed clock that its waits advance),
 * the OpenLogi and Admin API doubles over HTTP, and the history rows.
 */
export interface SyncWorld {
  app: AppHarness;
  openlogi: OpenLogiDouble;
  admin: AdminApiDouble;
  clock: FixedClock;
  deps: SyncDeps;
  worker: Worker;
  /** Puts the order in Shopify and, for each status given, a shipment in OpenLogi. */
  seedOrder(order: OrderSnapshot, ...statuses: ShipmentStatus[]): ShipmentResponse[];
  setOrder(order: OrderSnapshot, shop?: string): void;
  setSettings(patch: SettingsPatch & { openlogiToken?: string }): Promise<void>;
  /** Installs {@link OTHER_SHOP}, connected to the same OpenLogi account. */
  seedOtherShop(patch?: SettingsPatch): Promise<void>;
  send(topic: "orders/cancelled" | "orders/updated" | "orders/edited", order: OrderSnapshot, options?: SendOptions): Promise<Response>;
  /** Runs the worker until nothing is due; returns how many jobs it claimed. */
  drain(): Promise<number>;
  history(order: OrderSnapshot): Promise<SyncHistory[]>;
  /** OpenLogi requests that change something (PUT, DELETE, POST). */
  writes(): { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

interface SendOptions {
  /** The shop the webhook is for; {@link SHOP} when left out. */
  shop?: string;
  webhookId?: string;
  triggeredAt?: Date;
  editId?: number;
  /** The order edit's delta (line item GIDs), for orders/edited. */
  edit?: { removed?: string[]; added?: string[] };
  updatedAt?: string;
  /** orders/updated fields a shipment does not depend on (tags, note, payment status). */
  noise?: { tags?: string; note?: string; financial_status?: string };
}

export async function startSyncWorld(settings: SettingsPatch = {}): Promise<SyncWorld> {
  const openlogi = await startOpenLogiDouble({ tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] } });
  openlogi.setRateLimit(100_000); // pacing has tests of its own; here it would only slow things down
  const admin = await startAdminApiDouble({ accessTokens: { [SHOP]: ADMIN_TOKEN, [OTHER_SHOP]: OTHER_ADMIN_TOKEN } });
  // The app's own routes (the order page's endpoints) reach the same doubles as the worker.
  const app = await startAppHarness({
    OPENLOGI_API_BASE_URL: openlogi.url,
    SHOPIFY_ADMIN_API_ORIGIN: admin.url,
    ALLOW_API_OVERRIDES: "1",
  });
  // The webhook route stamps a job due at the real time it arrives; a clock a day ahead finds
  // every arrived job due however slowly the tests run (one second ahead failed on a slow first test).
  const clock = createFixedClock(new Date(Date.now() + 24 * 60 * 60_000));

  resetEnvCache();
  const env = getEnv({
    ...process.env,
    DATABASE_URL: app.db.url,
    OPENLOGI_API_BASE_URL: openlogi.url,
    SHOPIFY_ADMIN_API_ORIGIN: admin.url,
    ALLOW_API_OVERRIDES: "1",
  });
  const cipher = createTokenCipher(env.TOKEN_ENCRYPTION_KEY);
  const sessions = new PrismaSessionStorage(app.db.prisma);
  const deps = createSyncDeps({
    prisma: app.db.prisma,
    env,
    logger,
    clock: clock.now,
    sleep: clock.sleep,
    async loadAccessToken(shop) {
      const session = await sessions.loadSession(`offline_${shop}`);
      if (!session?.accessToken) throw new Error(`no offline session for ${shop}`);
      return session.accessToken;
    },
  });
  const worker = createWorker(deps, { workerId: "e2e-worker", sleep: clock.sleep });

  const seed = (patch: SettingsPatch & { openlogiToken?: string }) =>
    seedShop(app.db.prisma, cipher, {
      shop: SHOP,
      accessToken: ADMIN_TOKEN,
      openlogiToken: patch.openlogiToken ?? DOUBLE_TOKEN,
      openlogiAccountCode: DOUBLE_ACCOUNT,
      settings: patch,
    }, clock.now());
  await seed(settings);
  let editIds = 7_000;

  return {
    app,
    openlogi,
    admin,
    clock,
    deps,
    worker,
    seedOrder(order, ...statuses) {
      admin.setOrder(SHOP, adminOrderFixture(order));
      return openlogi.seed(
        statuses.map((status, index) => {
          const shipment = shipmentFor(order, status);
          return index === 0 ? shipment : { ...shipment, id: `${shipment.id}-${index}` };
        }),
      );
    },
    setOrder(order, shop = SHOP) {
      admin.setOrder(shop, adminOrderFixture(order));
    },
    async setSettings(patch) {
      await seed(patch);
    },
    async seedOtherShop(patch = {}) {
      await seedShop(app.db.prisma, cipher, {
        shop: OTHER_SHOP,
        accessToken: OTHER_ADMIN_TOKEN,
        openlogiToken: DOUBLE_TOKEN,
        openlogiAccountCode: DOUBLE_ACCOUNT,
        settings: patch,
      }, clock.now());
    },
    send(topic, order, options = {}) {
      const payload =
        topic === "orders/cancelled"
          ? webhookPayloads.cancelled(order)
          : topic === "orders/updated"
            ? webhookPayloads.updated(order, options.updatedAt ?? new Date(clock.nowMs()).toISOString(), options.noise)
            : webhookPayloads.edited(order, options.editId ?? ++editIds, options.edit);
      return app.sendWebhook(`/webhooks/${topic}`, {
        topic,
        shop: options.shop ?? SHOP,
        payload,
        webhookId: options.webhookId,
        triggeredAt: (options.triggeredAt ?? clock.now()).toISOString(),
      });
    },
    async drain() {
      let total = 0;
      for (let round = 0; round < 50; round++) {
        const claimed = await worker.tick();
        if (claimed === 0) return total;
        total += claimed;
      }
      throw new Error("the worker never ran out of due jobs");
    },
    history(order) {
      return app.db.prisma.syncHistory.findMany({ where: { shop: SHOP, orderId: order.legacyId }, orderBy: { id: "asc" } });
    },
    writes() {
      return openlogi.requests
        .filter((request) => request.method !== "GET")
        .map(({ method, path, body }) => ({ method, path, body }));
    },
    async close() {
      await worker.stop();
      await admin.close();
      await openlogi.close();
      await app.close();
    },
  };
}
