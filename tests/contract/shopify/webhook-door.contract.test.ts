/**
 * The webhook door, over real HTTP against the real Remix build: no body is read unbounded,
 * no delivery needs the shop's session, and a body that does not match its headers changes
 * nothing.
 */
import { request as httpRequest } from "node:http";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { WEBHOOK_BODY_LIMIT_BYTES } from "../../../app/webhooks/bounded-body";
import { startAppHarness, TEST_SECRET, type AppHarness } from "../../helpers/app-harness";

const SHOP = "door-test.myshopify.com";
const OTHER_SHOP = "door-other.myshopify.com";
let app: AppHarness;

beforeAll(async () => {
  app = await startAppHarness();
});
afterAll(() => app.close());

const ROUTES = [
  ["/webhooks/orders/cancelled", "orders/cancelled"],
  ["/webhooks/orders/edited", "orders/edited"],
  ["/webhooks/orders/updated", "orders/updated"],
  ["/webhooks/app/uninstalled", "app/uninstalled"],
  ["/webhooks/app/scopes_update", "app/scopes_update"],
  ["/webhooks/compliance", "shop/redact"],
] as const;

/** Everything the app stores, to show that a refused delivery changed none of it. */
async function allRows() {
  const { prisma } = app.db;
  return {
    sessions: await prisma.session.findMany({ orderBy: { id: "asc" } }),
    settings: await prisma.shopSettings.findMany({ orderBy: { shop: "asc" } }),
    history: await prisma.syncHistory.findMany({ orderBy: { id: "asc" } }),
    events: await prisma.webhookEvent.findMany({ orderBy: { id: "asc" } }),
    jobs: await prisma.syncJob.findMany({ orderBy: { id: "asc" } }),
    billable: await prisma.billableRequest.findMany({ orderBy: { id: "asc" } }),
  };
}

/**
 * Starts a POST, sends `firstChunk` of its body and never finishes it. Resolves with the
 * answer the app gives while the body is still open, then drops the connection.
 */
function postUnfinished(path: string, headers: Record<string, string>, firstChunk: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${app.url}${path}`, { method: "POST", headers });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on("error", reject);
    request.write(firstChunk);
  });
}

function shopifyHeaders(topic: string, body: string, shop = SHOP): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": getHmac(body, TEST_SECRET),
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": "2026-07",
    "X-Shopify-Webhook-Id": `door-${Math.random()}`,
  };
}

describe("no body past the door unread and unbounded", () => {
  it.each(ROUTES)("%s answers 411 to a body without Content-Length while it is still being sent", async (path, topic) => {
    const before = await allRows();
    const chunk = '{"id":1,';
    // Node sends a body without Content-Length as Transfer-Encoding: chunked.
    const answer = await postUnfinished(path, shopifyHeaders(topic, chunk), chunk);
    expect(answer.status).toBe(411);
    expect(await allRows()).toEqual(before);
  });

  it.each(ROUTES)("%s answers 413 to a 150 MB Content-Length before the body has arrived", async (path, topic) => {
    const before = await allRows();
    // Small enough for the app to take off the socket at once: closing a socket with unread
    // data makes the kernel reset the connection, which could swallow the answer here.
    const chunk = `{"id":1,"note":"${"x".repeat(1024)}`;
    const answer = await postUnfinished(path, { ...shopifyHeaders(topic, chunk), "Content-Length": String(150 * 1024 * 1024) }, chunk);
    expect(answer.status).toBe(413);
    expect(await allRows()).toEqual(before);
  });

  it("still takes a signed order webhook just under the limit", async () => {
    const order = { id: 7001, admin_graphql_api_id: "gid://shopify/Order/7001", cancelled_at: "2026-11-20T10:00:00+09:00", note: "" };
    const padding = WEBHOOK_BODY_LIMIT_BYTES - Buffer.byteLength(JSON.stringify(order)) - 16;
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/cancelled",
      shop: SHOP,
      payload: { ...order, note: "n".repeat(padding) },
    });
    expect(response.status).toBe(200);
    expect(await app.db.prisma.syncJob.count({ where: { orderId: "7001" } })).toBe(1);
  });
});

describe("uninstall and privacy webhooks after the shop's offline token has expired", () => {
  const EXPIRED_SHOP = "door-expired.myshopify.com";

  afterEach(async () => {
    await app.db.prisma.session.deleteMany({ where: { shop: EXPIRED_SHOP } });
    await app.db.prisma.shopSettings.deleteMany({ where: { shop: EXPIRED_SHOP } });
    await app.db.prisma.syncHistory.deleteMany({ where: { shop: EXPIRED_SHOP } });
  });

  /** An expiring offline token past its expiry, with the refresh token Shopify refuses after an uninstall. */
  async function seedExpiredShop() {
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await app.db.prisma.session.create({
      data: {
        id: `offline_${EXPIRED_SHOP}`, shop: EXPIRED_SHOP, state: "", isOnline: false, accessToken: "shpat_expired",
        expires: hourAgo, refreshToken: "shprt_refused", refreshTokenExpires: new Date(Date.now() + 86_400_000),
      },
    });
    await app.db.prisma.shopSettings.create({ data: { shop: EXPIRED_SHOP } });
    await app.db.prisma.syncHistory.create({
      data: { shop: EXPIRED_SHOP, list: "cancel", orderId: "1", action: "none", outcome: "no_shipment", startedAt: hourAgo, finishedAt: hourAgo },
    });
  }

  it("takes app/uninstalled without refreshing the token, then shop/redact erases the shop", async () => {
    // GIVEN a shop whose offline token expired an hour ago
    await seedExpiredShop();

    // WHEN Shopify sends app/uninstalled
    const uninstalled = await app.sendWebhook("/webhooks/app/uninstalled", {
      topic: "app/uninstalled", shop: EXPIRED_SHOP, payload: { id: 1, name: "Expired", myshopify_domain: EXPIRED_SHOP },
    });

    // THEN the sessions are gone and sync stops, settings and history kept
    expect(uninstalled.status).toBe(200);
    expect(await app.db.prisma.session.count({ where: { shop: EXPIRED_SHOP } })).toBe(0);
    expect((await app.db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: EXPIRED_SHOP } })).uninstalledAt).not.toBeNull();

    // WHEN shop/redact follows
    const redact = await app.sendWebhook("/webhooks/compliance", {
      topic: "shop/redact", shop: EXPIRED_SHOP, payload: { shop_id: 954889, shop_domain: EXPIRED_SHOP },
    });

    // THEN everything of the shop is erased
    expect(redact.status).toBe(200);
    expect(await app.db.prisma.shopSettings.count({ where: { shop: EXPIRED_SHOP } })).toBe(0);
    expect(await app.db.prisma.syncHistory.count({ where: { shop: EXPIRED_SHOP } })).toBe(0);
  });

  it("takes shop/redact while the expired session is still stored", async () => {
    // GIVEN an expired session that app/uninstalled never removed (its deliveries failed)
    await seedExpiredShop();

    const redact = await app.sendWebhook("/webhooks/compliance", {
      topic: "shop/redact", shop: EXPIRED_SHOP, payload: { shop_id: 954889, shop_domain: EXPIRED_SHOP },
    });

    expect(redact.status).toBe(200);
    expect(await app.db.prisma.session.count({ where: { shop: EXPIRED_SHOP } })).toBe(0);
    expect(await app.db.prisma.shopSettings.count({ where: { shop: EXPIRED_SHOP } })).toBe(0);
    expect(await app.db.prisma.syncHistory.count({ where: { shop: EXPIRED_SHOP } })).toBe(0);
  });

  it("takes an order webhook for the shop without touching its session", async () => {
    await seedExpiredShop();
    const before = await app.db.prisma.session.findUniqueOrThrow({ where: { id: `offline_${EXPIRED_SHOP}` } });
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/cancelled", shop: EXPIRED_SHOP,
      payload: { id: 7002, admin_graphql_api_id: "gid://shopify/Order/7002", cancelled_at: "2026-11-20T10:00:00+09:00" },
    });
    expect(response.status).toBe(200);
    expect(await app.db.prisma.session.findUniqueOrThrow({ where: { id: `offline_${EXPIRED_SHOP}` } })).toEqual(before);
  });
});

describe("the body must agree with its headers", () => {
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000);

  beforeAll(async () => {
    // GIVEN two shops with sessions, settings, history and a stored order webhook with its job
    for (const [index, shop] of [SHOP, OTHER_SHOP].entries()) {
      await app.db.prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: `shpat_${index}`, scope: "read_orders" } });
      await app.db.prisma.shopSettings.create({ data: { shop } });
      await app.db.prisma.syncHistory.create({
        data: { shop, list: "cancel", orderId: "8001", action: "none", outcome: "no_shipment", startedAt: hourAgo, finishedAt: hourAgo },
      });
      const response = await app.sendWebhook("/webhooks/orders/edited", {
        topic: "orders/edited", shop, payload: { order_edit: { id: 80 + index, order_id: 8001 } },
      });
      expect(response.status).toBe(200);
    }
  });

  // A signed orders/updated body of SHOP, as an attacker who saw it would resend it.
  const updatedOrder = {
    id: 8001, admin_graphql_api_id: "gid://shopify/Order/8001", name: "#8001", cancelled_at: null,
    updated_at: "2026-11-20T10:00:00+09:00", order_status_url: `https://${SHOP}/1/orders/abc/authenticate?key=k`,
  };

  it.each([
    ["/webhooks/compliance", "shop/redact", SHOP],
    ["/webhooks/compliance", "shop/redact", OTHER_SHOP],
    ["/webhooks/compliance", "customers/redact", SHOP],
    ["/webhooks/compliance", "customers/data_request", SHOP],
    ["/webhooks/app/uninstalled", "app/uninstalled", SHOP],
    ["/webhooks/app/uninstalled", "app/uninstalled", OTHER_SHOP],
    ["/webhooks/app/scopes_update", "app/scopes_update", SHOP],
    ["/webhooks/orders/cancelled", "orders/cancelled", SHOP],
    ["/webhooks/orders/cancelled", "orders/cancelled", OTHER_SHOP],
  ])("answers 400 to a signed order payload resent to %s as %s for %s, and changes nothing", async (path, topic, shop) => {
    const before = await allRows();
    const response = await app.sendWebhook(path, { topic, shop, payload: updatedOrder });
    expect(response.status).toBe(400);
    expect(await allRows()).toEqual(before);
  });

  it.each([
    ["/webhooks/compliance", "shop/redact", { shop_id: 2, shop_domain: OTHER_SHOP }],
    ["/webhooks/compliance", "customers/redact", { shop_id: 2, shop_domain: OTHER_SHOP, customer: { id: 5 }, orders_to_redact: [8001] }],
    ["/webhooks/app/uninstalled", "app/uninstalled", { id: 2, name: "Other", myshopify_domain: OTHER_SHOP }],
  ])("answers 400 to another shop's %s body (%s) under this shop's header, and changes nothing", async (path, topic, payload) => {
    const before = await allRows();
    const response = await app.sendWebhook(path, { topic, shop: SHOP, payload });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("X-Shopify-Shop-Domain");
    expect(await allRows()).toEqual(before);
  });

  it("answers 400 to this shop's customers/redact body resent as shop/redact, and changes nothing", async () => {
    const before = await allRows();
    const response = await app.sendWebhook("/webhooks/compliance", {
      topic: "shop/redact", shop: SHOP, payload: { shop_id: 1, shop_domain: SHOP, customer: { id: 5 }, orders_to_redact: [8001] },
    });
    expect(response.status).toBe(400);
    expect(await allRows()).toEqual(before);
  });

  it.each([
    ["/webhooks/app/uninstalled", "shop/redact", { shop_id: 1, shop_domain: SHOP }],
    ["/webhooks/app/scopes_update", "app/uninstalled", { id: 1, myshopify_domain: SHOP }],
    ["/webhooks/compliance", "app/uninstalled", { id: 1, myshopify_domain: SHOP }],
  ])("answers 400 when %s receives %s, and changes nothing", async (path, topic, payload) => {
    const before = await allRows();
    const response = await app.sendWebhook(path, { topic, shop: SHOP, payload });
    expect(response.status).toBe(400);
    expect(await allRows()).toEqual(before);
  });

  it("answers 400 to an app/scopes_update body whose scopes are not lists, and changes nothing", async () => {
    const before = await allRows();
    const response = await app.sendWebhook("/webhooks/app/scopes_update", {
      topic: "app/scopes_update", shop: SHOP,
      payload: { id: 1, shop_id: "gid://shopify/Shop/1", previous: "read_orders", current: "", updated_at: "2026-11-20T00:00:00Z" },
    });
    expect(response.status).toBe(400);
    expect(await allRows()).toEqual(before);
  });
});
