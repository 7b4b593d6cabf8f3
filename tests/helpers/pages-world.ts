/**
 * The admin pages for real: the Remix build over HTTP on a fresh database, the Admin API and
 * OpenLogi doubles, and shops seeded as `npm run shop:seed` seeds them. Loader tests call it
 * with session tokens; browser tests open it through the sandbox's admin frame.
 */
import { randomUUID } from "node:crypto";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { getEnv } from "../../app/env.server";
import type { SettingsPatch } from "../../app/models/settings-input";
import { seedShop } from "../../app/models/shop-seed.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { startAdminFrame, type AdminFrame } from "../sandbox/admin/admin-frame";
import { startAdminApiDouble, type AdminApiDouble, type AdminLocationFixture } from "../doubles/admin-api-double";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../doubles/openlogi-double";
import { startAppHarness, TEST_SECRET, type AppHarness } from "./app-harness";

export const API_KEY = "test-api-key";

export const LOCATIONS: AdminLocationFixture[] = [
  { id: "gid://shopify/Location/71001", name: "オープンロジ倉庫" },
  { id: "gid://shopify/Location/71002", name: "渋谷店" },
  { id: "gid://shopify/Location/71003", name: "閉店した倉庫", isActive: false },
];

export interface PagesWorld {
  app: AppHarness;
  admin: AdminApiDouble;
  openlogi: OpenLogiDouble;
  /** Registers a shop with an offline session (and, unless `connected: false`, OpenLogi). */
  seedShop(shop: string, options?: { settings?: SettingsPatch; connected?: boolean }): Promise<void>;
  /** A session token as App Bridge mints it for `shop`. */
  token(shop: string, overrides?: Record<string, unknown>): Promise<string>;
  /** A document request as the admin makes it (embedded, shop, host, locale, id_token). */
  document(shop: string, path: string, locale?: string): Promise<Response>;
  /** A Remix data request or action as App Bridge's fetch makes it (Authorization: Bearer). */
  data(shop: string, path: string, routeId: string, init?: RequestInit): Promise<Response>;
  /** The sandbox's admin frame around the app, started on first use. */
  frame(shop: string): Promise<AdminFrame>;
  /** Frees every OpenLogi pace: Test connection takes only a slot free now, on the real clock. */
  freePace(): Promise<void>;
  close(): Promise<void>;
}

export const accessTokenOf = (shop: string) => `shpat_${shop.split(".")[0]}`;

/** `env` overrides the app's settings for one suite (e.g. a slower pace). */
export async function startPagesWorld(shops: string[], env: Record<string, string> = {}): Promise<PagesWorld> {
  const openlogi = await startOpenLogiDouble({ tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] } });
  openlogi.setRateLimit(100_000);
  const admin = await startAdminApiDouble({
    accessTokens: Object.fromEntries(shops.map((shop) => [shop, accessTokenOf(shop)])),
    shops: Object.fromEntries(shops.map((shop) => [shop, { ianaTimezone: "Asia/Tokyo", locations: LOCATIONS }])),
  });
  const app = await startAppHarness({
    OPENLOGI_API_BASE_URL: openlogi.url,
    SHOPIFY_ADMIN_API_ORIGIN: admin.url,
    ALLOW_API_OVERRIDES: "1",
    // Test connection takes only a slot free now: tests that test one after another need short slots.
    OPENLOGI_CALLS_PER_MINUTE: "6000",
    ...env,
  });
  const cipher = createTokenCipher(getEnv().TOKEN_ENCRYPTION_KEY);
  const frames = new Map<string, AdminFrame>();
  const storeName = (shop: string) => shop.replace(/\.myshopify\.com$/, "");

  const token = async (shop: string, overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    // Unique per token, as App Bridge's are: the library runs afterAuth once per token.
    const ids = { jti: randomUUID(), sid: randomUUID() };
    return (await getJwt(storeName(shop), API_KEY, TEST_SECRET, { exp: now + 60, nbf: now - 5, iat: now, ...ids, ...overrides })).token;
  };

  return {
    app,
    admin,
    openlogi,
    async freePace() {
      await app.db.prisma.rateLimitBucket.deleteMany();
    },
    async seedShop(shop, { settings = {}, connected = true } = {}) {
      await seedShop(app.db.prisma, cipher, {
        shop,
        accessToken: accessTokenOf(shop),
        openlogiToken: DOUBLE_TOKEN,
        openlogiAccountCode: DOUBLE_ACCOUNT,
        settings,
      });
      if (!connected) {
        await app.db.prisma.shopSettings.update({
          where: { shop },
          data: { openlogiTokenCiphertext: null, openlogiTokenSavedAt: null, openlogiAccountCode: null, settingsSavedAt: null },
        });
      }
    },
    token,
    async document(shop, path, locale = "ja") {
      const url = new URL(path, app.url);
      url.searchParams.set("embedded", "1");
      url.searchParams.set("shop", shop);
      url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${storeName(shop)}`).toString("base64"));
      url.searchParams.set("locale", locale);
      url.searchParams.set("id_token", await token(shop));
      return fetch(url, { headers: { "User-Agent": BROWSER_USER_AGENT } });
    },
    async data(shop, path, routeId, init = {}) {
      const url = new URL(path, app.url);
      url.searchParams.set("_data", routeId);
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${await token(shop)}`);
      headers.set("User-Agent", BROWSER_USER_AGENT);
      return fetch(url, { ...init, headers, redirect: "manual" });
    },
    async frame(shop) {
      let frame = frames.get(shop);
      if (!frame) {
        frame = await startAdminFrame({ appUrl: app.url, apiKey: API_KEY, apiSecret: TEST_SECRET, shop, defaultLocale: "ja" });
        frames.set(shop, frame);
      }
      return frame;
    },
    async close() {
      for (const frame of frames.values()) await frame.close();
      await app.close();
      await admin.close();
      await openlogi.close();
    },
  };
}

/**
 * A desktop Chrome's user agent: `authenticate.admin` answers bots with 410 Gone (isbot), and
 * headless Chromium's own user agent says HeadlessChrome.
 */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
