import { startAppHarness, type AppHarness } from "../../helpers/app-harness";

const SHOP = "intake-test.myshopify.com";
let app: AppHarness;

beforeAll(async () => {
  app = await startAppHarness();
});
afterAll(() => app.close());

const cancelled = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  name: `#${id}`,
  cancelled_at: "2026-11-20T10:00:00+09:00",
  ...extra,
});

async function counts() {
  return {
    events: await app.db.prisma.webhookEvent.count(),
    jobs: await app.db.prisma.syncJob.count(),
  };
}

describe("order webhooks through the real Remix handlers", () => {
  it("stores a signed orders/cancelled webhook and its job before answering 200", async () => {
    const before = await counts();
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/cancelled",
      shop: SHOP,
      payload: cancelled(1001),
      webhookId: "wh-cancel-1001",
      triggeredAt: "2026-11-20T01:00:00.000Z",
      eventId: "ev-1",
    });
    expect(response.status).toBe(200);
    const event = await app.db.prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId: "wh-cancel-1001" } });
    expect(event).toMatchObject({ topic: "orders/cancelled", shop: SHOP, eventId: "ev-1", orderId: "1001" });
    expect(event.triggeredAt.toISOString()).toBe("2026-11-20T01:00:00.000Z");
    expect(JSON.parse(event.payload)).toMatchObject({ id: 1001, name: "#1001" });
    const job = await app.db.prisma.syncJob.findFirstOrThrow({ where: { webhookEventId: event.id } });
    expect(job).toMatchObject({ task: "cancelled", orderId: "1001", status: "pending", attempts: 0 });
    expect(await counts()).toEqual({ events: before.events + 1, jobs: before.jobs + 1 });
  });

  it("acknowledges the same webhook id delivered again and changes nothing", async () => {
    const options = { topic: "orders/updated", shop: SHOP, payload: cancelled(1002, { updated_at: "2026-11-20T10:01:00+09:00" }), webhookId: "wh-dup" };
    expect((await app.sendWebhook("/webhooks/orders/updated", options)).status).toBe(200);
    const before = await counts();
    expect((await app.sendWebhook("/webhooks/orders/updated", options)).status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it("makes two jobs of two orders/updated events within the same second", async () => {
    // Shopify's updated_at has one-second precision: both changes carry the same one.
    const payload = cancelled(1010, { cancelled_at: null, updated_at: "2026-11-20T10:01:00+09:00" });
    for (const n of [1, 2]) {
      const response = await app.sendWebhook("/webhooks/orders/updated", {
        topic: "orders/updated", shop: SHOP, payload, webhookId: `wh-same-second-${n}`, eventId: `ev-same-second-${n}`,
      });
      expect(response.status).toBe(200);
    }
    const jobs = await app.db.prisma.syncJob.findMany({ where: { orderId: "1010" }, orderBy: { id: "asc" } });
    expect(jobs.map((job) => job.jobKey)).toEqual([`${SHOP}:updated:1010:ev-same-second-1`, `${SHOP}:updated:1010:ev-same-second-2`]);
  });

  it("makes one job of one orders/updated event delivered to two subscriptions", async () => {
    // Two subscriptions: two webhook ids, one X-Shopify-Event-Id.
    const payload = cancelled(1011, { cancelled_at: null, updated_at: "2026-11-20T10:01:00+09:00" });
    for (const webhookId of ["wh-sub-a", "wh-sub-b"]) {
      const response = await app.sendWebhook("/webhooks/orders/updated", { topic: "orders/updated", shop: SHOP, payload, webhookId, eventId: "ev-shared" });
      expect(response.status).toBe(200);
    }
    expect(await app.db.prisma.webhookEvent.count({ where: { orderId: "1011" } })).toBe(2);
    expect(await app.db.prisma.syncJob.count({ where: { orderId: "1011" } })).toBe(1);
  });

  it("makes one job of one order edit delivered under two webhook ids", async () => {
    const payload = { order_edit: { id: 555, order_id: 1003, line_items: { additions: [], removals: [{ id: 1, delta: 1 }] } } };
    await app.sendWebhook("/webhooks/orders/edited", { topic: "orders/edited", shop: SHOP, payload, webhookId: "wh-edit-a" });
    await app.sendWebhook("/webhooks/orders/edited", { topic: "orders/edited", shop: SHOP, payload, webhookId: "wh-edit-b" });
    const jobs = await app.db.prisma.syncJob.findMany({ where: { orderId: "1003" } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ task: "edited", jobKey: `${SHOP}:edited:555` });
  });

  it("answers 401 to a webhook signed with another secret and stores nothing", async () => {
    const before = await counts();
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/cancelled",
      shop: SHOP,
      payload: cancelled(1004),
      secret: "not-the-secret",
    });
    expect(response.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 to a webhook without Shopify's headers and stores nothing", async () => {
    const before = await counts();
    const response = await fetch(`${app.url}/webhooks/orders/cancelled`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(cancelled(1005)),
    });
    expect(response.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 to a correctly signed body that is not JSON and stores nothing", async () => {
    const before = await counts();
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/cancelled",
      shop: SHOP,
      payload: null,
      rawBody: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 to a signed payload without an order id and stores nothing", async () => {
    const before = await counts();
    const response = await app.sendWebhook("/webhooks/orders/edited", {
      topic: "orders/edited",
      shop: SHOP,
      payload: { order_edit: { id: 9 } },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("order_edit.order_id");
    expect(await counts()).toEqual(before);
  });

  it("answers 400 when a topic is posted to another topic's endpoint", async () => {
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/updated",
      shop: SHOP,
      payload: cancelled(1006),
    });
    expect(response.status).toBe(400);
  });

  it("reports the queue on /healthz", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ok: true, db: true });
    expect(body.queue.pending).toBe(await app.db.prisma.syncJob.count({ where: { status: "pending" } }));
  });
});

describe("lifecycle and compliance webhooks", () => {
  it("removes the shop's sessions and marks it uninstalled on app/uninstalled", async () => {
    await app.db.prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "x", accessToken: "t" } });
    await app.db.prisma.shopSettings.create({ data: { shop: SHOP } });
    const response = await app.sendWebhook("/webhooks/app/uninstalled", {
      topic: "app/uninstalled", shop: SHOP, payload: { id: 1, name: "Intake", myshopify_domain: SHOP },
    });
    expect(response.status).toBe(200);
    expect(await app.db.prisma.session.count({ where: { shop: SHOP } })).toBe(0);
    expect((await app.db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } })).uninstalledAt).not.toBeNull();
  });

  it("keeps the offline session's scopes in step on app/scopes_update", async () => {
    await app.db.prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "x", accessToken: "t", scope: "read_orders" } });
    const response = await app.sendWebhook("/webhooks/app/scopes_update", {
      topic: "app/scopes_update", shop: SHOP,
      payload: { id: 1, shop_id: "gid://shopify/Shop/1", previous: ["read_orders"], current: ["read_orders", "read_locations"], updated_at: "2026-11-20T00:00:00.000Z" },
    });
    expect(response.status).toBe(200);
    expect((await app.db.prisma.session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } })).scope).toBe("read_orders,read_locations");
    await app.db.prisma.session.deleteMany({ where: { shop: SHOP } });
  });
});
