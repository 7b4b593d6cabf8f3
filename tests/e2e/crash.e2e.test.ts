/**
 * Issue 8, section 3: the web process (with its inline worker) and a worker process are
 * killed with SIGKILL twice in the middle of a burst of cancellations, some of them billable
 * cancel requests, then started again. Real processes, real HTTP to the doubles on 127.0.0.1,
 * webhooks signed as Shopify signs them; a short lease (WORKER_LEASE_MS) so the test is quick.
 */
import type { OrderSnapshot } from "../../app/sync/types";
import { Hold } from "../doubles/openlogi-double";
import { adminOrderFixture, orderNumbered, shipmentFor, webhookPayloads } from "../doubles/scenario";
import { signedWebhookRequest } from "../doubles/sign-webhook";
import { startWeb, startWorkerProcess, type AppProcess } from "../helpers/app-processes";
import { ORDER_JOBS, startProcessWorld, type ProcessWorld } from "../helpers/process-world";

const SHOP = "crash.myshopify.com";
const SECRET = "crash-test-secret";
const ORDERS = 120;
/** Every fourth order is being picked: its cancellation is a billable cancel request. */
const isBillable = (i: number) => i % 4 === 0;

let world: ProcessWorld;
const running: AppProcess[] = [];

beforeAll(async () => {
  world = await startProcessWorld({ shop: SHOP, adminToken: "shpat_crash", key: "ef".repeat(32), callsPerMinute: 600, settings: { cancelAfterConfirmation: true } });
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((app) => app.kill()));
  await world?.close();
});

it("gives every acknowledged cancellation one effect and sends no billable request twice, across two SIGKILLs, and finishes within 60 s of the restart", async () => {
  // GIVEN 120 cancelled orders, 30 of them in picking, each with its shipment
  const { db, openlogi, admin } = world;
  const orders: OrderSnapshot[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const order = { ...orderNumbered(30_000 + i), cancelledAt: "2026-11-20T10:00:00+09:00" };
    admin.setOrder(SHOP, adminOrderFixture(order));
    openlogi.seed([shipmentFor(order, isBillable(i) ? "picking" : "waiting")]);
    orders.push(order);
  }
  const env = world.env({ SHOPIFY_API_SECRET: SECRET, WORKER_MODE: "inline", WORKER_LEASE_MS: "4000", WORKER_HEARTBEAT_MS: "1000" });
  // Shopify sends to one URL: every start of the web process takes the same port.
  let web = await startWeb(env);
  const port = web.port;
  let starts = 0;
  const start = async () => {
    if (starts++ > 0) web = await startWeb(env, port);
    const worker = startWorkerProcess(env);
    running.push(web, worker);
    await Promise.all([web.ready(), worker.ready()]);
    return worker;
  };
  const killAll = async () => Promise.all(running.splice(0).map((app) => app.kill()));

  // Shopify's side: a delivery counts once the app answered 200; any other answer is sent again.
  const acknowledged = new Set<number>();
  const deliver = async (i: number) => {
    try {
      const response = await fetch(
        signedWebhookRequest(`${web.url}/webhooks/orders/cancelled`, {
          secret: SECRET,
          topic: "orders/cancelled",
          shop: SHOP,
          payload: webhookPayloads.cancelled(orders[i]),
          webhookId: `crash-${i}`,
        }),
      );
      if (response.status === 200) acknowledged.add(i);
    } catch {
      // the process was killed mid-request: not acknowledged, Shopify will send it again
    }
  };
  const burst = async (from: number, to: number) => {
    for (let i = from; i < to; i += 6) {
      await Promise.all(Array.from({ length: Math.min(6, to - i) }, (_, k) => deliver(i + k)));
    }
  };
  const resendUnacknowledged = async (upTo: number) => {
    for (let i = 0; i < upTo; i++) if (!acknowledged.has(i)) await deliver(i);
  };

  // WHEN the first 60 arrive, and both processes die while a billable cancel request is in flight
  const held = new Hold();
  openlogi.failNext({ method: "POST", path: /\/cancel$/, hold: held });
  await start();
  await burst(0, 60);
  await held.arrived;
  await killAll();
  held.release(); // OpenLogi takes the request the dead worker never heard back from
  await held.handled;

  // AND after a restart 30 more arrive, and both die again in the middle of the work
  await start();
  await resendUnacknowledged(60);
  await burst(60, 90);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await killAll();
  const killedWith = await db.prisma.syncJob.count({ where: { ...ORDER_JOBS, status: "running" } });

  // AND they are started once more, and the rest arrive
  await start();
  const restartedAt = Date.now();
  await resendUnacknowledged(90);
  await burst(90, ORDERS);
  expect(acknowledged.size).toBe(ORDERS);
  let left = ORDERS;
  while (Date.now() - restartedAt < 60_000) {
    left = await db.prisma.syncJob.count({ where: { ...ORDER_JOBS, status: { not: "completed" } } });
    if (left === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const drainedInMs = Date.now() - restartedAt;
  console.info(`crash test: ${killedWith} jobs running at the second kill; all ${ORDERS} done ${drainedInMs} ms after the restart`);

  // THEN all the work is done within 60 s of the restart
  expect(left, `jobs left 60 s after the restart (${killedWith} were running at the second kill)`).toBe(0);
  // AND every cancellation took effect: the waiting shipments deleted, the picked ones asked to cancel
  for (const [i, order] of orders.entries()) {
    const shipment = openlogi.get(`TS001-S${order.legacyId}`);
    if (isBillable(i)) expect(shipment?.status, order.name).toBe("cancel_request");
    else expect(shipment, order.name).toBeUndefined();
  }
  // AND each exactly once: one DELETE per waiting shipment, one billable cancel request per picked one
  const writes = new Map<string, number>();
  for (const request of openlogi.requests.filter((r) => r.method !== "GET" && r.status === 200)) {
    const key = `${request.method} ${request.path}`;
    writes.set(key, (writes.get(key) ?? 0) + 1);
  }
  for (const [i, order] of orders.entries()) {
    const id = `TS001-S${order.legacyId}`;
    const key = isBillable(i) ? `POST /shipments/${id}/cancel` : `DELETE /shipments/${id}`;
    expect(writes.get(key) ?? 0, key).toBe(1);
  }
  expect([...writes.values()].filter((count) => count > 1)).toEqual([]);
  // AND one job per order, none failed, and the pace never met a 429
  expect(await db.prisma.syncJob.count({ where: ORDER_JOBS })).toBe(ORDERS);
  expect(openlogi.requests.filter((r) => r.status === 429)).toEqual([]);
  await killAll();
}, 240_000);
