/**
 * The order page block's endpoints through the real Remix build over HTTP, with ID tokens
 * minted the way the admin mints them, against the OpenLogi and Admin API doubles: CORS and
 * the preflight, 401/400/404, shop isolation, the status read inside the shared pace, and
 * Retry through the worker.
 */
import { markConnectionBroken } from "../../app/models/settings.server";
import { createRateLimiter } from "../../app/openlogi/rate-limiter.server";
import type { OrderSyncStatus, RetryAnswer } from "../../app/order-status/types";
import type { OrderSnapshot } from "../../app/sync/types";
import { DOUBLE_TOKEN } from "../doubles/openlogi-double";
import { orderNumbered, shipmentFor } from "../doubles/scenario";
import { OPENLOGI_LOCATION_ID, STORE_LOCATION_ID } from "../doubles/build-order-snapshot";
import { adminIdToken, BROWSER_USER_AGENT, EXTENSION_ORIGIN } from "../helpers/admin-id-token";
import { OTHER_SHOP, SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

let world: SyncWorld;
let next = 7000;
const newOrder = () => orderNumbered(++next);
const cancelled = (order: OrderSnapshot): OrderSnapshot => ({ ...order, cancelledAt: "2026-11-20T10:00:00+09:00" });
const moved = (order: OrderSnapshot): OrderSnapshot => ({
  ...order,
  shippingAddress: { ...order.shippingAddress!, address1: "梅田3-1-1", city: "大阪市北区", provinceCode: "JP-27", province: "Ōsaka", zip: "530-0001" },
});

beforeAll(async () => {
  world = await startSyncWorld();
  await world.seedOtherShop();
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.setSettings({ cancelAfterConfirmation: false, modifyAfterConfirmation: false, paused: false });
  await freePace();
});

/** The worker runs on a clock a day ahead, so its calls hold the pace far into the future: let it go. */
const freePace = () => world.app.db.prisma.rateLimitBucket.deleteMany();

interface CallOptions {
  method?: string;
  shop?: string;
  /** null: no Authorization header at all. */
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

async function call(path: string, { method = "GET", shop = SHOP, token, body, headers = {} }: CallOptions = {}) {
  const bearer = token === undefined ? await adminIdToken(shop) : token;
  return fetch(`${world.app.url}${path}`, {
    method,
    headers: {
      "User-Agent": BROWSER_USER_AGENT,
      Origin: EXTENSION_ORIGIN,
      ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function status(order: OrderSnapshot, options: CallOptions = {}): Promise<OrderSyncStatus> {
  const response = await call(`/api/orders/${order.legacyId}/sync-status`, options);
  expect(response.status).toBe(200);
  return (await response.json()) as OrderSyncStatus;
}

const retry = (order: OrderSnapshot, recordId: unknown, options: CallOptions = {}) =>
  call(`/api/orders/${order.legacyId}/retry`, { method: "POST", body: { recordId }, ...options });

/** An address change OpenLogi refuses (422): a failed record of the order. */
/** An address change OpenLogi refuses; `phone` makes a second one differ (an identical one is quiet). */
async function refusedUpdate(order: OrderSnapshot, shipmentId: string, phone?: string) {
  const changed = moved(order);
  if (phone) changed.shippingAddress = { ...changed.shippingAddress!, phone };
  world.setOrder(changed);
  world.openlogi.failNext({ method: "PUT", path: `/shipments/${shipmentId}`, status: 422 });
  await world.send("orders/updated", changed);
  await world.drain();
}

const lookups = () => world.openlogi.requests.filter((request) => request.query.identifier !== undefined).length;
const orderReads = () => world.admin.requests.filter((request) => request.operationName === "FetchOrderForSync").length;

describe("the door: CORS, tokens and ids", () => {
  it.each(["/api/orders/1/sync-status", "/api/orders/1/retry"])("answers the extension's preflight for %s", async (path) => {
    const response = await fetch(`${world.app.url}${path}`, {
      method: "OPTIONS",
      headers: {
        "User-Agent": BROWSER_USER_AGENT,
        Origin: EXTENSION_ORIGIN,
        "Access-Control-Request-Method": path.endsWith("retry") ? "POST" : "GET",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    expect(response.headers.get("Access-Control-Allow-Headers")).toMatch(/Content-Type/);
  });

  it("puts the CORS headers on every answer the extension reads, errors included", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    for (const response of [
      await call(`/api/orders/${order.legacyId}/sync-status`),
      await call("/api/orders/abc/sync-status"),
      await call("/api/orders/123456789/sync-status"),
      await call(`/api/orders/${order.legacyId}/sync-status`, { token: await adminIdToken(SHOP, {}, "another-secret") }),
    ]) {
      expect(response.headers.get("Access-Control-Allow-Origin"), String(response.status)).toBe("*");
    }
  });

  it.each([
    ["GET", "/api/orders/1/sync-status"],
    ["POST", "/api/orders/1/retry"],
  ])("answers %s %s without a token with 401", async (method, path) => {
    const response = await call(path, { method, token: null, body: method === "POST" ? { recordId: 1 } : undefined });
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe("Bearer");
    // The block's browser reads a 401, not a CORS failure.
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("Authorization, Content-Type");
    expect(response.headers.get("Access-Control-Expose-Headers")).toBe("X-Shopify-API-Request-Failure-Reauthorize-Url");
  });

  it("answers a token the app did not sign, or one for another app, with 401", async () => {
    expect((await call("/api/orders/1/sync-status", { token: await adminIdToken(SHOP, {}, "another-secret") })).status).toBe(401);
    expect((await call("/api/orders/1/sync-status", { token: await adminIdToken(SHOP, { aud: "another-app" }) })).status).toBe(401);
    expect((await call("/api/orders/1/sync-status", { token: "not-a-jwt" })).status).toBe(401);
  });

  it.each(["abc", "0", "-1", "1.5", "12abc", "gid%3A%2F%2Fshopify%2FOrder%2F1", "99999999999999999999", "9223372036854775808"])(
    "answers %s, which is no order id, with 400",
    async (id) => {
      expect((await call(`/api/orders/${id}/sync-status`)).status).toBe(400);
      expect((await retry({ legacyId: id } as OrderSnapshot, 1)).status).toBe(400);
    },
  );

  it("refuses a retry body that names no record with 400", async () => {
    const order = newOrder();
    for (const body of [{}, { recordId: "1" }, { recordId: 0 }, { recordId: 1.5 }, { recordId: 1, extra: true }, []]) {
      expect((await call(`/api/orders/${order.legacyId}/retry`, { method: "POST", body })).status, JSON.stringify(body)).toBe(400);
    }
    const raw = await call(`/api/orders/${order.legacyId}/retry`, { method: "POST", headers: { "Content-Type": "application/json" }, body: undefined });
    expect(raw.status).toBe(400);
  });

  it("takes no other method", async () => {
    expect((await call("/api/orders/1/sync-status", { method: "POST" })).status).toBe(405);
    expect((await call("/api/orders/1/retry")).status).toBe(405);
  });
});

describe("shop isolation", () => {
  it("answers another shop's order exactly like an order that does not exist", async () => {
    // GIVEN an order of the other shop, synced there and known to Shopify only in that shop
    const theirs = newOrder();
    world.openlogi.seed([shipmentFor(theirs, "waiting")]);
    world.setOrder(cancelled(theirs), OTHER_SHOP);
    await world.send("orders/cancelled", cancelled(theirs), { shop: OTHER_SHOP });
    await world.drain();
    const [theirRecord] = await world.app.db.prisma.syncHistory.findMany({ where: { shop: OTHER_SHOP, orderId: theirs.legacyId } });
    expect(theirRecord.outcome).toBe("deleted");
    await freePace();

    // WHEN this shop asks for it, and for an order nobody has
    const foreign = await call(`/api/orders/${theirs.legacyId}/sync-status`);
    const missing = await call("/api/orders/123456789/sync-status");

    // THEN both are the same 404, word for word
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    // and the other shop sees its own order
    expect((await status(theirs, { shop: OTHER_SHOP })).lines[0].latest?.outcome).toBe("deleted");
  });

  it("answers a retry of another shop's record exactly like one of a record that does not exist", async () => {
    const theirs = newOrder();
    world.openlogi.seed([shipmentFor(theirs, "packed")]);
    world.setOrder(cancelled(theirs), OTHER_SHOP);
    await world.send("orders/cancelled", cancelled(theirs), { shop: OTHER_SHOP });
    await world.drain();
    const [record] = await world.app.db.prisma.syncHistory.findMany({ where: { shop: OTHER_SHOP, orderId: theirs.legacyId } });
    expect(record.actionRequired).toBe(true);

    const foreign = await retry(theirs, record.id);
    const missing = await retry(theirs, 987654321);

    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    expect(await world.app.db.prisma.syncJob.count({ where: { kind: "manual_retry", retryOfId: record.id } })).toBe(0);
  });
});

describe("what the block shows", () => {
  it("reads a never-synced order's shipment from OpenLogi once, then serves the minute from the stored read", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    const [lookupsBefore, readsBefore] = [lookups(), orderReads()];

    const first = await status(order);

    expect(first).toMatchObject({ orderId: order.legacyId, synced: false, connection: "connected", live: "current", historyPath: null });
    expect(first.lines).toEqual([
      {
        shipmentId: shipment.id,
        latest: null,
        billableSentAt: null,
        billableResult: null,
        status: { code: "waiting", at: expect.any(String) },
        wouldDo: { cancel: "deleted", addressEdit: "updated", itemEdit: "updated" },
      },
    ]);
    expect([lookups() - lookupsBefore, orderReads() - readsBefore]).toEqual([1, 1]);

    // Within the minute nothing is asked again, of OpenLogi or of Shopify.
    world.openlogi.setStatus(shipment.id, "picking");
    await freePace();
    expect((await status(order)).lines[0].status?.code).toBe("waiting");
    expect([lookups() - lookupsBefore, orderReads() - readsBefore]).toEqual([1, 1]);

    // A minute later it is read again.
    await world.app.db.prisma.orderStatusRead.updateMany({ where: { orderId: order.legacyId }, data: { checkedAt: new Date(Date.now() - 61_000) } });
    const later = await status(order);
    expect(later.lines[0].status?.code).toBe("picking");
    expect(later.lines[0].wouldDo).toEqual({ cancel: "not_synced_confirmed", addressEdit: "not_reflected_confirmed", itemEdit: "not_reflected_confirmed" });
    expect(lookups() - lookupsBefore).toBe(2);
    // Shopify's facts (the key, the location) still hold for the order's version: not read again.
    expect(orderReads() - readsBefore).toBe(1);
  });

  it("reads the order from Shopify again only once a webhook of a newer version of it came in", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    const readsBefore = orderReads();
    await status(order);
    const aMinuteAgo = () =>
      world.app.db.prisma.orderStatusRead.updateMany({ where: { orderId: order.legacyId }, data: { checkedAt: new Date(Date.now() - 61_000) } });

    // A webhook of the version already read changes nothing.
    await world.send("orders/updated", order, { updatedAt: order.updatedAt });
    await aMinuteAgo();
    await freePace();
    await status(order);
    expect(orderReads() - readsBefore).toBe(1);

    // A newer version is read again.
    await world.send("orders/updated", order, { updatedAt: "2026-11-21T09:00:00Z" });
    await aMinuteAgo();
    await freePace();
    await status(order);
    expect(orderReads() - readsBefore).toBe(2);
  });

  it("shows the latest outcome, the billable request and its time, and no preview for a cancelled order", async () => {
    await world.setSettings({ cancelAfterConfirmation: true });
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "picking");
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    await freePace();
    const [record] = await world.history(order);

    const answer = await status(order);

    expect(answer).toMatchObject({ synced: true, orderCancelled: true, historyPath: `/app/history/${record.id}`, live: "current" });
    expect(answer.lines).toEqual([
      {
        shipmentId: shipment.id,
        latest: {
          id: record.id,
          outcome: "cancel_requested",
          tone: "info",
          actionRequired: false,
          at: record.createdAt.toISOString(),
          recordPath: `/app/history/${record.id}`,
          retry: null,
        },
        billableSentAt: record.createdAt.toISOString(),
        billableResult: null,
        status: { code: "cancel_request", at: expect.any(String) },
        wouldDo: null,
      },
    ]);
  });

  it("shows the last known status with its age, and calls nothing, while the sync holds the pace", async () => {
    // GIVEN a read five minutes old, and a worker that has just taken the pace's slot
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await status(order);
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    await world.app.db.prisma.orderStatusRead.updateMany({ where: { orderId: order.legacyId }, data: { checkedAt: fiveMinutesAgo } });
    world.openlogi.setStatus(shipment.id, "packed");
    await freePace();
    await createRateLimiter({ prisma: world.app.db.prisma }).acquire(DOUBLE_TOKEN);
    const [before, shopifyReadsBefore] = [lookups(), orderReads()];

    // WHEN staff open the order
    const answer = await status(order);

    // THEN neither OpenLogi nor Shopify is asked, and the block says how old what it shows is
    expect(lookups()).toBe(before);
    expect(orderReads()).toBe(shopifyReadsBefore);
    expect(answer.live).toBe("last_known");
    expect(answer.lines[0].status).toEqual({ code: "waiting", at: fiveMinutesAgo.toISOString() });
    expect(answer.lines[0].wouldDo?.cancel).toBe("deleted");
  });

  it("falls back to the status the sync last saw when the pace is held and nothing was read before", async () => {
    const order = newOrder();
    world.seedOrder(order, "picked");
    await world.send("orders/updated", order);
    await world.drain();
    const [record] = await world.history(order);
    // The worker's clock is a day ahead: its last call still holds the pace.
    const before = lookups();

    const answer = await status(order);

    expect(lookups()).toBe(before);
    expect(answer.live).toBe("last_known");
    expect(answer.lines[0].status).toEqual({ code: "picked", at: record.createdAt.toISOString() });
  });

  it("says so when OpenLogi fails, and shows what it last knew", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "GET", path: "/shipments/TS001", status: 500 });

    const answer = await status(order);

    expect(answer.live).toBe("unavailable");
    expect(answer.lines).toEqual([]);
    expect(answer.synced).toBe(false);
    // Nothing was ever read or synced: the block says OpenLogi's status is not known, not merely "no sync yet".
    expect(answer.statusUnknown).toBe(true);
  });

  it("calls the order cancelled from its history's cancellation records, not from Shopify's order alone", async () => {
    // GIVEN an order Shopify shows cancelled, whose cancellation the sync has not handled yet
    const order = newOrder();
    world.seedOrder(order, "waiting");
    world.setOrder(cancelled(order));

    // THEN the block does not call it cancelled, and says what the cancellation will do
    const before = await status(order);
    expect(before.orderCancelled).toBe(false);
    expect(before.lines[0].wouldDo?.cancel).toBe("deleted");

    // WHEN the sync records the cancellation, THEN it does
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    await freePace();
    expect((await status(order)).orderCancelled).toBe(true);
  });

  it("says when the order is not OpenLogi's, without asking OpenLogi", async () => {
    const order = orderNumbered(++next, {
      lines: [{ sku: "MUG-WHITE", title: "Mug", quantity: 1, unitPrice: 1500, locationId: STORE_LOCATION_ID }],
    });
    world.setOrder(order);
    await world.setSettings({ locationId: OPENLOGI_LOCATION_ID });
    const before = lookups();

    const answer = await status(order);

    expect(answer).toMatchObject({ notOpenLogiOrder: true, live: "not_read", lines: [] });
    expect(lookups()).toBe(before);
    await world.setSettings({ locationId: null });
  });

  it("calls no shipment gone, and says nothing of what an action would do, once the order is no longer OpenLogi's", async () => {
    // GIVEN an order synced while it shipped from the OpenLogi location
    await world.setSettings({ locationId: OPENLOGI_LOCATION_ID });
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await world.send("orders/updated", order);
    await world.drain();
    const [record] = await world.history(order);
    expect(record.outcome).toBe("no_change");
    // WHEN all of it moves to the store
    world.setOrder({ ...order, fulfillmentOrders: order.fulfillmentOrders.map((fo) => ({ ...fo, locationId: STORE_LOCATION_ID })) });
    await freePace();
    const before = lookups();

    const answer = await status(order);

    // THEN OpenLogi is not asked, and the shipment keeps the status the sync saw
    expect(lookups()).toBe(before);
    expect(answer.notOpenLogiOrder).toBe(true);
    expect(answer.lines[0]).toMatchObject({ status: { code: "waiting", at: record.createdAt.toISOString() }, wouldDo: null });
    await world.setSettings({ locationId: null });
  });

  it("says when sync is paused, and that nothing would be sent", async () => {
    await world.setSettings({ paused: true });
    const order = newOrder();
    world.seedOrder(order, "picking");

    const answer = await status(order);

    expect(answer.paused).toBe(true);
    expect(answer.lines[0].wouldDo).toEqual({ cancel: "paused", addressEdit: "paused", itemEdit: "paused" });
  });

  it("says when OpenLogi refused the connection, and asks it nothing", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await markConnectionBroken(world.app.db.prisma, SHOP, "401 invalid_token", new Date());
    const before = lookups();

    const answer = await status(order);

    expect(answer).toMatchObject({ connection: "broken", live: "not_read", lines: [] });
    expect(lookups()).toBe(before);
    await world.setSettings({ openlogiToken: DOUBLE_TOKEN });
  });

  it("says when the shop has not connected OpenLogi, and asks it nothing", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await world.app.db.prisma.shopSettings.update({ where: { shop: SHOP }, data: { openlogiTokenCiphertext: null } });
    const before = lookups();

    const answer = await status(order);

    expect(answer).toMatchObject({ connection: "not_connected", synced: false, live: "not_read", lines: [] });
    expect(lookups()).toBe(before);
    await world.setSettings({ openlogiToken: DOUBLE_TOKEN });
  });
});

describe("Retry from the order page", () => {
  it("queues one job however often it is pressed, says it is pending, then shows the new outcome", async () => {
    // GIVEN a deletion OpenLogi refused (422): a failed record
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.setOrder(cancelled(order));
    world.openlogi.failNext({ method: "DELETE", path: `/shipments/${shipment.id}`, status: 422 });
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    await freePace();
    const [refused] = await world.history(order);
    expect(refused.outcome).toBe("openlogi_rejected");
    expect((await status(order)).lines[0].latest).toMatchObject({ id: refused.id, tone: "critical", retry: "available" });

    // WHEN staff press Retry twice
    const first = await retry(order, refused.id);
    const second = await retry(order, refused.id);

    // THEN one job is queued, and the block says it is pending
    expect(first.status).toBe(202);
    const answer = (await first.json()) as RetryAnswer;
    expect(answer).toEqual({ recordId: refused.id, jobId: expect.any(Number), retry: "pending" });
    expect(((await second.json()) as RetryAnswer).jobId).toBe(answer.jobId);
    const jobs = await world.app.db.prisma.syncJob.findMany({ where: { shop: SHOP, orderId: order.legacyId, kind: "manual_retry" } });
    expect(jobs.map((job) => [job.id, job.task, job.retryOfId])).toEqual([[answer.jobId, "cancelled", refused.id]]);
    expect((await status(order)).lines[0].latest).toMatchObject({ id: refused.id, retry: "pending" });

    // WHEN the worker runs it
    await world.drain();
    await freePace();

    // THEN the new outcome is the line's, and it names the record it retried
    const after = await status(order);
    const records = await world.history(order);
    expect(records.map((record) => [record.outcome, record.retryOfId])).toEqual([
      ["openlogi_rejected", null],
      ["deleted", refused.id],
    ]);
    expect(after.lines[0].latest).toMatchObject({ id: records[1].id, outcome: "deleted", tone: "success", retry: null });
    expect(after.retryQueued).toBe(false);
    // The status is the one the retry left, not the stored read of before it: the shipment is gone.
    expect(after.lines[0].status).toEqual({ code: null, at: records[1].createdAt.toISOString() });
    expect(after.lines[0].wouldDo).toBeNull();
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
  });

  it("runs the task of the record's own job: an update again as an update", async () => {
    // GIVEN an address change OpenLogi refused (422), from orders/updated
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await refusedUpdate(order, shipment.id);
    await freePace();
    const [refused] = await world.history(order);
    expect(refused.outcome).toBe("openlogi_rejected");

    // WHEN staff retry it
    const answer = (await (await retry(order, refused.id)).json()) as RetryAnswer;

    // THEN the job runs the original job's task, and then the shipment is updated
    const job = await world.app.db.prisma.syncJob.findUniqueOrThrow({ where: { id: answer.jobId } });
    expect([job.kind, job.task, job.retryOfId]).toEqual(["manual_retry", "updated", refused.id]);
    await world.drain();
    await freePace();
    const records = await world.history(order);
    expect(records.map((record) => record.outcome)).toEqual(["openlogi_rejected", "updated"]);
    // It carries the original webhook, so its record links to the same delivery.
    expect(refused.webhookId).not.toBeNull();
    expect(records[1].webhookId).toBe(refused.webhookId);
  });

  it("keeps one retry pending per order, whichever record it is asked from", async () => {
    // GIVEN two refused updates of one order
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await refusedUpdate(order, shipment.id);
    await refusedUpdate(order, shipment.id, "090-1111-2222");
    await freePace();
    const [older, newer] = await world.history(order);
    expect([older.outcome, newer.outcome]).toEqual(["openlogi_rejected", "openlogi_rejected"]);

    // WHEN staff retry the older one (from the record's page) and then the newer one (from the block)
    const first = (await (await retry(order, older.id)).json()) as RetryAnswer;
    const second = (await (await retry(order, newer.id)).json()) as RetryAnswer;

    // THEN one job is queued for the order, and the block says the order's retry is pending
    expect(second.jobId).toBe(first.jobId);
    expect(await world.app.db.prisma.syncJob.count({ where: { shop: SHOP, orderId: order.legacyId, kind: "manual_retry" } })).toBe(1);
    const pending = await status(order);
    expect(pending.retryQueued).toBe(true);
    expect(pending.lines[0].latest).toMatchObject({ id: newer.id, retry: "pending" });

    // and once it has run, nothing is pending any more
    await world.drain();
    await freePace();
    const after = await status(order);
    expect(after.retryQueued).toBe(false);
    expect(after.lines[0].latest).toMatchObject({ outcome: "updated", retry: null });
  });

  it("offers no Retry on a record whose own job waits for the connection, and refuses one (409)", async () => {
    // GIVEN a change met while OpenLogi refuses the connection: the job waits for it
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await markConnectionBroken(world.app.db.prisma, SHOP, "401 invalid_token", new Date());
    await world.send("orders/updated", moved(order));
    await world.drain();
    const [waiting] = await world.history(order);
    expect(waiting.outcome).toBe("connection_broken");
    expect((await world.app.db.prisma.syncJob.findUniqueOrThrow({ where: { id: waiting.jobId! } })).status).toBe("pending");

    // THEN the block calls it waiting, and Retry is refused
    expect((await status(order)).lines[0].latest).toMatchObject({ id: waiting.id, retry: "waiting" });
    expect((await retry(order, waiting.id)).status).toBe(409);
    expect(await world.app.db.prisma.syncJob.count({ where: { kind: "manual_retry", retryOfId: waiting.id } })).toBe(0);
    await world.setSettings({ openlogiToken: DOUBLE_TOKEN });
    await world.drain();
  });

  it("refuses to retry a record that neither failed nor calls for action (409), or another order's (404)", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    const [deleted] = await world.history(order);

    expect((await retry(order, deleted.id)).status).toBe(409);
    expect((await retry(newOrder(), deleted.id)).status).toBe(404);
    expect(await world.app.db.prisma.syncJob.count({ where: { kind: "manual_retry", retryOfId: deleted.id } })).toBe(0);
  });
});
