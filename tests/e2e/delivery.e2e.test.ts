/**
 * SPEC.md "Delivery, order and failure", end to end: duplicates, out-of-order delivery,
 * OpenLogi failing in each documented way, Shopify failing, and crashed or stopping workers.
 */
import { runSyncBatch } from "../../app/jobs/run-sync-batch.server";
import { createWorker } from "../../app/jobs/worker.server";
import { claimJobs } from "../../app/models/sync-job.server";
import type { OrderSnapshot } from "../../app/sync/types";
import { Hold } from "../doubles/openlogi-double";
import { orderNumbered } from "../doubles/scenario";
import { SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

const BILLABLE_ON = { cancelAfterConfirmation: true, modifyAfterConfirmation: true };
const cancelled = (order: OrderSnapshot): OrderSnapshot => ({ ...order, cancelledAt: "2026-11-20T10:00:00+09:00" });
const moved = (order: OrderSnapshot): OrderSnapshot => ({
  ...order,
  shippingAddress: { ...order.shippingAddress!, address1: "梅田3-1-1", city: "大阪市北区", provinceCode: "JP-27", province: "Ōsaka", zip: "530-0001" },
});

let world: SyncWorld;
let next = 5000;
const newOrder = () => orderNumbered(++next);

beforeAll(async () => {
  world = await startSyncWorld();
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.setSettings({ cancelAfterConfirmation: false, modifyAfterConfirmation: false, paused: false });
});

const jobsOf = (order: OrderSnapshot) =>
  world.app.db.prisma.syncJob.findMany({ where: { orderId: order.legacyId }, orderBy: { id: "asc" } });
const requestsFor = (id: string) => world.openlogi.requests.filter((r) => r.path.startsWith(`/shipments/${id}`));

describe("duplicates and order", () => {
  it("gives one effect to a webhook delivered twice with the same id", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "picking");
    await world.setSettings(BILLABLE_ON);
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order), { webhookId: "dup-1" });
    await world.send("orders/cancelled", cancelled(order), { webhookId: "dup-1" });
    await world.drain();
    expect(requestsFor(shipment.id).filter((r) => r.method === "POST")).toHaveLength(1);
    expect(await world.history(order)).toHaveLength(1);
  });

  it("gives one effect to one order edit delivered under two webhook ids", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    const edited = { ...order, fulfillmentOrders: [{ ...order.fulfillmentOrders[0], lineItems: order.fulfillmentOrders[0].lineItems.slice(0, 1) }] };
    world.setOrder(edited);
    await world.send("orders/edited", edited, { editId: 424242 });
    await world.send("orders/edited", edited, { editId: 424242 });
    await world.drain();
    expect(requestsFor(shipment.id).filter((r) => r.method === "PUT")).toHaveLength(1);
    expect(await jobsOf(order)).toHaveLength(1);
  });

  it("applies events in X-Shopify-Triggered-At order and records later changes of a cancelled order as such", async () => {
    // GIVEN an address change made after the cancellation, but delivered before it
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.setOrder(cancelled(moved(order)));
    const t = world.clock.nowMs();
    await world.send("orders/updated", moved(order), { triggeredAt: new Date(t + 2_000) });
    await world.send("orders/cancelled", cancelled(order), { triggeredAt: new Date(t + 1_000) });
    // WHEN the worker runs
    await world.drain();
    // THEN the cancellation went first, and the update found the order cancelled
    expect((await world.history(order)).map((h) => [h.list, h.outcome])).toEqual([
      ["cancel", "deleted"],
      ["modify", "order_cancelled"],
    ]);
    expect(requestsFor(shipment.id).filter((r) => r.method === "PUT")).toHaveLength(0);
  });

  it("looks up every order of a batch in one OpenLogi call", async () => {
    const orders = [newOrder(), newOrder(), newOrder(), newOrder()];
    for (const order of orders) {
      world.seedOrder(order, "waiting");
      world.setOrder(cancelled(order));
      await world.send("orders/cancelled", cancelled(order));
    }
    const before = world.openlogi.requests.length;
    await world.drain();
    const lookups = world.openlogi.requests.slice(before).filter((r) => r.query.identifier !== undefined);
    expect(lookups).toHaveLength(1);
    expect(lookups[0].query.identifier.split(",").sort()).toEqual(orders.map((o) => o.name).sort());
  });
});

describe("OpenLogi failing", () => {
  it("sends exactly one billable cancel when OpenLogi answers 504 after doing the work", async () => {
    await world.setSettings(BILLABLE_ON);
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "picked");
    world.openlogi.failNext({ method: "POST", path: `/shipments/${shipment.id}/cancel`, status: 504, body: "html" });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    world.clock.advance(60 * 60_000);
    await world.drain();
    expect(requestsFor(shipment.id).filter((r) => r.method === "POST")).toHaveLength(1);
    expect(world.openlogi.get(shipment.id)?.status).toBe("cancel_request");
    expect(await world.history(order)).toMatchObject([{ outcome: "cancel_requested", billable: true }]);
    expect(await world.app.db.prisma.billableRequest.findMany({ where: { shipmentId: shipment.id } })).toMatchObject([
      { kind: "cancel", state: "sent" },
    ]);
  });

  it("sends exactly one billable modification when OpenLogi answers 504 after doing the work", async () => {
    await world.setSettings(BILLABLE_ON);
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "picking");
    world.openlogi.failNext({ method: "POST", path: `/shipments/${shipment.id}/modify`, status: 504 });
    world.setOrder(moved(order));
    await world.send("orders/updated", moved(order));
    await world.drain();
    world.clock.advance(60 * 60_000);
    await world.drain();
    expect(requestsFor(shipment.id).filter((r) => r.method === "POST")).toHaveLength(1);
    expect(await world.history(order)).toMatchObject([{ outcome: "modify_requested", billable: true }]);
  });

  it("retries a PUT that met a 500 after reading the shipment again, and lands it once", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "PUT", path: `/shipments/${shipment.id}`, status: 500 });
    world.setOrder(moved(order));
    await world.send("orders/updated", moved(order));
    await world.drain();
    // The first attempt failed: the job waits for its backoff, and the history has nothing yet.
    const [waiting] = await jobsOf(order);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(await world.history(order)).toHaveLength(0);
    // graphile-worker's first backoff is e¹ s = 2,718 ms: not a millisecond sooner.
    world.clock.advance(2_717);
    await world.drain();
    expect(await jobsOf(order)).toMatchObject([{ status: "pending", attempts: 1 }]);
    world.clock.advance(1);
    await world.drain();
    const methods = requestsFor(shipment.id).map((r) => r.method);
    // Each attempt reads the shipment right before its PUT; after the 500 it reads it again to see
    // whether the PUT landed; the retry does the same and lands it.
    expect(methods).toEqual(["GET", "PUT", "GET", "GET", "PUT"]);
    expect(world.openlogi.get(shipment.id)?.recipient).toMatchObject({ prefecture: "大阪府", postcode: "530-0001" });
    expect(await world.history(order)).toMatchObject([{ outcome: "updated", attempts: 2 }]);
  });

  it("counts a PUT that met a 504 after OpenLogi did the work as done, after reading the shipment", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "PUT", path: `/shipments/${shipment.id}`, status: 504 });
    world.setOrder(moved(order));
    await world.send("orders/updated", moved(order));
    await world.drain();
    const methods = requestsFor(shipment.id).map((r) => r.method);
    expect(methods.filter((m) => m === "PUT")).toHaveLength(1);
    expect(methods.lastIndexOf("GET")).toBeGreaterThan(methods.indexOf("PUT"));
    expect(await world.history(order)).toMatchObject([{ outcome: "updated", attempts: 1 }]);
    expect(await jobsOf(order)).toMatchObject([{ status: "completed" }]);
  });

  it("retries after a 503 maintenance page in HTML without choking on it", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "GET", path: /^\/shipments\/TS001$/, status: 503 });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    expect((await jobsOf(order))[0].lastError).toMatch(/503/);
    world.clock.advance(2_718);
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
    expect(await world.history(order)).toMatchObject([{ outcome: "deleted" }]);
  });

  it("shows OpenLogi's own 422 message in the history and does not retry", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({
      method: "PUT",
      path: `/shipments/${shipment.id}`,
      status: 422,
      error: { error: "validation_failed", error_description: "入力内容に誤りがあります", errors: { "recipient.address1": "住所は64文字以内で入力してください" } },
    });
    world.setOrder(moved(order));
    await world.send("orders/updated", moved(order));
    await world.drain();
    const [row] = await world.history(order);
    expect(row).toMatchObject({ outcome: "openlogi_rejected", action: "update", billable: false });
    expect(row.message).toContain("入力内容に誤りがあります");
    expect(row.message).toContain("住所は64文字以内で入力してください");
    expect(await jobsOf(order)).toMatchObject([{ status: "completed" }]);
  });

  // SPEC.md: 401/402/403 mark the shop's connection as broken and pause its sync until the merchant fixes it.
  const refusals = [
    [401, "the lookup", "GET", "unauthorized", "アクセストークンが無効です。"],
    [402, "the lookup", "GET", "payment_required", "ご利用するにはお支払い方法の登録が必要になります。"],
    [403, "the lookup", "GET", "forbidden", "指定のアカウントへのアクセスは許可されていません。"],
    [402, "a DELETE", "DELETE", "payment_required", "お支払いが確認できません。"],
    [403, "a DELETE", "DELETE", "forbidden", "指定のAPIアクセストークンでは許可されていないリクエストです。"],
  ] as const;

  it.each(refusals)(
    "marks the connection broken with OpenLogi's message on a %i to %s, holds the shop's jobs without using attempts, and resumes once fixed",
    async (status, _at, method, error, description) => {
      const order = newOrder();
      const [shipment] = world.seedOrder(order, "waiting");
      world.openlogi.failNext({ method, status, error: { error, error_description: description } });
      world.setOrder(cancelled(order));
      await world.send("orders/cancelled", cancelled(order));
      await world.drain();
      const settings = await world.app.db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
      expect(settings.connectionError).toContain(description);
      const [broken] = await world.history(order);
      expect(broken).toMatchObject({ outcome: "connection_broken", action: "none" });
      expect(broken.message).toContain(description);
      expect(await jobsOf(order)).toMatchObject([{ status: "pending", attempts: 0 }]);
      expect(world.openlogi.get(shipment.id)).toBeDefined();

      // A second order waits too, without calling OpenLogi.
      const other = newOrder();
      world.seedOrder(other, "waiting");
      world.setOrder(cancelled(other));
      await world.send("orders/cancelled", cancelled(other));
      const calls = world.openlogi.requests.length;
      world.clock.advance(60 * 60_000);
      await world.drain();
      expect(world.openlogi.requests.length).toBe(calls);
      expect(await jobsOf(other)).toMatchObject([{ status: "pending", attempts: 0 }]);

      // WHEN the merchant enters a working token, THEN the waiting jobs run at once.
      await world.setSettings({ openlogiToken: "openlogi-double-token" });
      await world.drain();
      expect(world.openlogi.get(shipment.id)).toBeUndefined();
      expect((await world.history(order)).map((h) => h.outcome)).toEqual(["connection_broken", "deleted"]);
      expect(await jobsOf(other)).toMatchObject([{ status: "completed" }]);
    },
  );

  it("puts a job back without using an attempt when OpenLogi answers 429", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ status: 429, retryAfterSeconds: 30 });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    expect(await jobsOf(order)).toMatchObject([{ status: "pending", attempts: 0 }]);
    world.clock.advance(61_000);
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
  });

  it("fails a job after its last attempt, keeps it, and says so in the history", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "DELETE", path: `/shipments/${shipment.id}`, status: 500, times: 100 });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    // graphile-worker's backoff, e^attempts seconds: each retry comes due at its millisecond, not before.
    const backoffs = [2_718, 7_389, 20_086, 54_598, 148_413, 403_429, 1_096_633];
    await world.drain();
    for (const [index, backoff] of backoffs.entries()) {
      world.clock.advance(backoff - 1);
      await world.drain();
      expect(await jobsOf(order)).toMatchObject([{ attempts: index + 1 }]);
      world.clock.advance(1);
      await world.drain();
      expect(await jobsOf(order)).toMatchObject([{ attempts: index + 2 }]);
    }
    const [job] = await jobsOf(order);
    expect(job).toMatchObject({ status: "failed", attempts: 8 });
    expect(job.lastError).toMatch(/500/);
    expect(await world.history(order)).toMatchObject([{ outcome: "failed", attempts: 8 }]);
    expect(world.openlogi.get(shipment.id)).toBeDefined();
  });
});

describe("Shopify failing", () => {
  it("waits for Shopify's throttle without using an attempt", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.admin.failNext({ kind: "throttled" });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    expect(await jobsOf(order)).toMatchObject([{ status: "pending", attempts: 0 }]);
    world.clock.advance(60_000);
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
  });

  it("fails the job and says so when Shopify refuses the offline token", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    world.admin.failNext({ kind: "unauthorized" });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    expect(await jobsOf(order)).toMatchObject([{ status: "failed" }]);
    expect(await world.history(order)).toMatchObject([{ outcome: "shopify_unauthorized" }]);
  });
});

describe("shops", () => {
  it("holds the jobs of a shop that has not connected OpenLogi yet, and runs them once it does", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await world.app.db.prisma.shopSettings.update({ where: { shop: SHOP }, data: { openlogiTokenCiphertext: null } });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    await world.drain();
    expect(await jobsOf(order)).toMatchObject([{ status: "pending", attempts: 0 }]);
    expect(await world.history(order)).toMatchObject([{ outcome: "openlogi_not_connected" }]);
    await world.setSettings({ openlogiToken: "openlogi-double-token" });
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
  });

  it("drops the jobs of a shop that uninstalled the app without calling anyone", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await world.app.db.prisma.shopSettings.update({ where: { shop: SHOP }, data: { uninstalledAt: world.clock.now() } });
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    const calls = world.openlogi.requests.length + world.admin.requests.length;
    await world.drain();
    expect(await jobsOf(order)).toMatchObject([{ status: "failed", lastError: "app uninstalled" }]);
    expect(world.openlogi.requests.length + world.admin.requests.length).toBe(calls);
    await world.setSettings({}); // reinstalled: saving settings clears uninstalledAt
  });
});

describe("workers", () => {
  it("gives a crashed worker's job to another worker once its lease expires", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    // A worker claims the job and dies before doing anything.
    await world.app.db.prisma.syncJob.updateMany({
      where: { orderId: order.legacyId },
      data: { status: "running", lockedBy: "dead-worker", lockedAt: world.clock.now(), attempts: 1 },
    });
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toBeDefined();
    world.clock.advance(11 * 60_000);
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
    expect(await jobsOf(order)).toMatchObject([{ status: "completed", attempts: 2 }]);
  });

  it("leaves a job to the worker that took it over after this one's lease ran out", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    // GIVEN a slow worker's claim, and another worker that took the job once the lease expired
    const jobs = await claimJobs(world.app.db.prisma, { workerId: "slow", now: world.clock.now(), leaseMs: 1, limit: 10 });
    expect(jobs.map((j) => j.orderId)).toContain(order.legacyId);
    await world.app.db.prisma.syncJob.updateMany({ where: { orderId: order.legacyId }, data: { lockedBy: "other" } });
    // WHEN the slow worker gets to it
    await runSyncBatch(world.deps, jobs, { workerId: "slow", leaseMs: 60_000 });
    // THEN it does nothing with it
    expect(world.openlogi.get(shipment.id)).toBeDefined();
    expect(await jobsOf(order)).toMatchObject([{ status: "running", lockedBy: "other" }]);
    await world.app.db.prisma.syncJob.updateMany({ where: { orderId: order.legacyId }, data: { status: "completed" } });
  });

  it("claims no more jobs than it starts within one lease at OpenLogi's pace", async () => {
    const orders = Array.from({ length: 12 }, newOrder);
    for (const order of orders) {
      world.seedOrder(order, "waiting");
      world.setOrder(cancelled(order));
      await world.send("orders/cancelled", cancelled(order));
    }
    // A 10 s lease at 1 s a call: ten jobs start within it.
    const worker = createWorker(world.deps, { workerId: "paced-worker", sleep: world.clock.sleep, leaseMs: 10_000, msPerJob: 1_000 });
    expect(await worker.tick()).toBe(10);
    expect(await worker.tick()).toBeLessThanOrEqual(10);
    await world.drain();
    expect((await Promise.all(orders.map(jobsOf))).flat().map((job) => job.status)).toEqual(Array(12).fill("completed"));
  });

  it("keeps the jobs of a live worker whose batch outlasts the lease: the heartbeat renews them", async () => {
    // GIVEN a worker with a 10 s lease and a heartbeat, whose DELETE OpenLogi holds unanswered
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.setOrder(cancelled(order));
    await world.send("orders/cancelled", cancelled(order));
    const hold = new Hold();
    world.openlogi.failNext({ method: "DELETE", hold });
    const lease = { leaseMs: 10_000, heartbeatMs: 20 };
    const live = createWorker(world.deps, { workerId: "live-worker", sleep: world.clock.sleep, ...lease });
    const running = live.tick();
    await hold.arrived;
    // WHEN time passes twice half a lease, with heartbeats in between
    const beats = async () => {
      const before = (await jobsOf(order))[0].lockedAt!.getTime();
      while ((await jobsOf(order))[0].lockedAt!.getTime() === before) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    world.clock.advance(6_000);
    await beats();
    world.clock.advance(6_000);
    await beats();
    // THEN another worker finds nothing to take, though the claim is 12 s old
    const other = createWorker(world.deps, { workerId: "other-worker", sleep: world.clock.sleep, ...lease });
    expect(await other.tick()).toBe(0);
    // AND the live worker finishes it
    hold.release();
    expect(await running).toBe(1);
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
    expect(await jobsOf(order)).toMatchObject([{ status: "completed", attempts: 1 }]);
  });

  it("finishes the job in hand and hands back the rest when stopped", async () => {
    const orders = [newOrder(), newOrder(), newOrder()];
    for (const order of orders) {
      world.seedOrder(order, "waiting");
      world.setOrder(cancelled(order));
      await world.send("orders/cancelled", cancelled(order));
    }
    // GIVEN a worker whose first DELETE OpenLogi holds unanswered
    const hold = new Hold();
    world.openlogi.failNext({ method: "DELETE", hold });
    const worker = createWorker(world.deps, { workerId: "stopping-worker", sleep: world.clock.sleep });
    worker.start();
    // WHEN it is stopped while that DELETE is in flight (mid-batch), and OpenLogi then answers
    await hold.arrived;
    const stopped = worker.stop();
    hold.release();
    await stopped;
    // THEN one job completed, and the others are pending again with no attempt used
    const jobs = (await Promise.all(orders.map(jobsOf))).flat();
    expect(jobs.filter((j) => j.status === "completed")).toHaveLength(1);
    expect(jobs.filter((j) => j.status === "pending")).toMatchObject([{ attempts: 0, lockedBy: null }, { attempts: 0, lockedBy: null }]);
  });
});
