/**
 * Issue 8, section 2: four `npm run worker` processes share one database (PostgreSQL in CI's
 * PostgreSQL run, the SQLite file otherwise) and drain a burst of events: no job runs twice,
 * an order's events run one at a time in Shopify's order, and the four share one OpenLogi pace.
 */
import type { JobTask } from "../../app/models/sync-job.server";
import { paceIntervalMs } from "../../app/openlogi/rate-limiter.server";
import { adminOrderFixture, orderNumbered, shipmentFor } from "../doubles/scenario";
import { startWorkerProcess, type AppProcess } from "../helpers/app-processes";
import { storeDelivery } from "../helpers/store-delivery";
import { ORDER_JOBS, startProcessWorld, type ProcessWorld } from "../helpers/process-world";

const SHOP = "workers.myshopify.com";
const ORDERS = 50;
const CALLS_PER_MINUTE = 600;
const isBillable = (i: number) => i % 5 === 0;

let world: ProcessWorld;
const workers: AppProcess[] = [];

beforeAll(async () => {
  world = await startProcessWorld({ shop: SHOP, adminToken: "shpat_workers", key: "ab".repeat(32), callsPerMinute: CALLS_PER_MINUTE, settings: { cancelAfterConfirmation: true } });
});
afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  await world?.close();
});

it("drains a burst with four worker processes: no job twice, each order's events in Shopify's order and one at a time, one pace for all", async () => {
  // GIVEN 50 cancelled orders, each with an update, its cancellation and a later update queued,
  // stored newest first so arrival order is not Shopify's order
  const { db, openlogi, admin } = world;
  const base = Date.now() - 60_000;
  const tasks: [JobTask, number][] = [["updated", 3], ["cancelled", 2], ["updated", 1]];
  for (let i = 0; i < ORDERS; i++) {
    const order = { ...orderNumbered(40_000 + i), cancelledAt: "2026-11-20T10:00:00+09:00" };
    admin.setOrder(SHOP, adminOrderFixture(order));
    openlogi.seed([shipmentFor(order, isBillable(i) ? "picking" : "waiting")]);
    for (const [task, step] of tasks) {
      const triggeredAt = new Date(base + step * 1_000);
      await storeDelivery(
        db.prisma,
        { webhookId: `w-${i}-${step}`, topic: `orders/${task}`, shop: SHOP, eventId: null, apiVersion: "2026-07", triggeredAt, orderId: order.legacyId, payload: "{}" },
        { task, orderId: order.legacyId, jobKey: `${SHOP}:${task}:${order.legacyId}:${step}` },
        new Date(),
      );
    }
  }
  // WHEN four worker processes run
  const env = world.env({ WORKER_LEASE_MS: "20000", WORKER_HEARTBEAT_MS: "2000" });
  for (let n = 0; n < 4; n++) workers.push(startWorkerProcess(env));
  await Promise.all(workers.map((worker) => worker.ready()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && (await db.prisma.syncJob.count({ where: { ...ORDER_JOBS, status: { not: "completed" } } })) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await Promise.all(workers.map((worker) => worker.stop()));

  // THEN every job ran exactly once: completed, one history record each (a retry after an error
  // before its record, such as a busy database, is not a second run)
  const retried = workers.flatMap((worker) => worker.output().split("\n").filter((line) => line.includes("job will be retried")));
  if (retried.length > 0) console.info(`workers test: retried after an error:\n${retried.join("\n")}`);
  const jobs = await db.prisma.syncJob.findMany({ where: ORDER_JOBS, orderBy: [{ orderId: "asc" }, { triggeredAt: "asc" }] });
  expect(jobs).toHaveLength(ORDERS * 3);
  expect(jobs.filter((job) => job.status !== "completed")).toEqual([]);
  expect(jobs.filter((job) => job.attempts - 1 > retried.filter((line) => line.includes(`"jobId":${job.id},`)).length)).toEqual([]);
  const history = await db.prisma.syncHistory.findMany({ orderBy: { id: "asc" } });
  const recordsPerJob = new Map<number, number>();
  for (const record of history) recordsPerJob.set(record.jobId!, (recordsPerJob.get(record.jobId!) ?? 0) + 1);
  expect([...recordsPerJob.values()].filter((count) => count !== 1)).toEqual([]);
  expect(recordsPerJob.size).toBe(ORDERS * 3);

  // AND each order's events ran in Shopify's order, each starting after the one before finished
  const started = new Map(history.map((record) => [record.jobId!, record.startedAt.getTime()]));
  for (let i = 0; i < jobs.length; i += 3) {
    const [first, second, third] = jobs.slice(i, i + 3);
    expect([first.task, second.task, third.task]).toEqual(["updated", "cancelled", "updated"]);
    expect(started.get(second.id)!).toBeGreaterThanOrEqual(first.completedAt!.getTime());
    expect(started.get(third.id)!).toBeGreaterThanOrEqual(second.completedAt!.getTime());
  }
  const outcomes = history.filter((record) => record.list === "cancel").map((record) => record.outcome);
  expect(outcomes).toHaveLength(ORDERS);

  // AND the four shared one pace: no 429, and the calls spread as one token's pace, not four
  const calls = openlogi.requests.filter((request) => request.status !== undefined).map((request) => request.time).sort((a, b) => a - b);
  expect(openlogi.requests.filter((request) => request.status === 429)).toEqual([]);
  const interval = paceIntervalMs(CALLS_PER_MINUTE);
  expect(calls.at(-1)! - calls[0]).toBeGreaterThanOrEqual(0.9 * (calls.length - 1) * interval);
  // AND each shipment got its one write
  const writes = openlogi.requests.filter((request) => request.method !== "GET");
  expect(writes).toHaveLength(ORDERS);
  expect(new Set(writes.map((request) => request.path)).size).toBe(ORDERS);
  // AND all four took part
  for (const worker of workers) expect(worker.output()).toContain("decision recorded");
}, 240_000);
