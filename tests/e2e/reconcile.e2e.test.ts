/**
 * Reconciliation of missed webhooks, end to end: the worker's own schedule queues a shop's
 * cycle, the cycle reads the Admin API double's orders (the query validated against the real
 * schema), and the orders it queues run through the same jobs as webhooks, on a clock the
 * test moves.
 */
import { EVERY_MS, slotOf } from "../../app/jobs/scheduled-jobs";
import { shopQueueStats } from "../../app/models/queue-stats.server";
import { enqueueScheduledJob } from "../../app/models/scheduled-jobs.server";
import { OVERLAP_MS } from "../../app/reconcile/plan-reconcile";
import { reconcileAllShops } from "../../app/reconcile/reconcile-all.server";
import type { OrderSnapshot } from "../../app/sync/types";
import { buildMailingAddress } from "../doubles/build-order-snapshot";
import { orderNumbered } from "../doubles/scenario";
import { startScheduledWorker, type ScheduledWorker } from "../helpers/scheduled-worker";
import { OTHER_SHOP, SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

const MINUTE = 60_000;
let world: SyncWorld;
let scheduled: ScheduledWorker;
let next = 6100;

beforeAll(async () => {
  world = await startSyncWorld();
  // The shop was installed now: the first cycle reads from here, not from the start of its history.
  await world.app.db.prisma.shopSettings.update({ where: { shop: SHOP }, data: { installedAt: world.clock.now() } });
  scheduled = startScheduledWorker(world, "reconcile-worker");
});
afterAll(async () => {
  await scheduled.worker.stop();
  await world.close();
});

const runUntilIdle = () => scheduled.runUntilIdle();

/** The next 15-minute slot: the schedule queues the shop's next cycle. */
async function nextCycle() {
  world.clock.advance(15 * MINUTE);
  await runUntilIdle();
}

const now = () => world.clock.now().toISOString();
const reconcileJobs = () => world.app.db.prisma.syncJob.findMany({ where: { shop: SHOP, kind: "reconcile" } });
const orderJobs = (order: OrderSnapshot) => world.app.db.prisma.syncJob.findMany({ where: { shop: SHOP, orderId: order.legacyId }, orderBy: { id: "asc" } });

describe("reconciliation of missed webhooks", () => {
  it("applies a cancellation whose webhook never arrives in the next cycle, and a late webhook changes nothing more", async () => {
    // GIVEN an order with a waiting shipment, and a first cycle that found nothing
    world.clock.advance(MINUTE);
    const order = { ...orderNumbered(++next), updatedAt: now() };
    const [shipment] = world.seedOrder(order, "waiting");
    world.admin.updateOrder(SHOP, order.id, { createdAt: order.updatedAt }); // new: nothing to reconcile yet
    await nextCycle();
    expect(world.openlogi.get(shipment.id)).toBeDefined();

    // WHEN the order is cancelled in Shopify and its webhook never comes
    world.clock.advance(2 * MINUTE);
    const cancelled = { ...order, cancelledAt: now(), updatedAt: now() };
    world.setOrder(cancelled);
    await nextCycle();

    // THEN the cycle queued the cancellation and the worker deleted the shipment
    expect(world.openlogi.get(shipment.id)).toBeUndefined();
    expect((await world.history(order)).map((h) => [h.outcome, h.webhookId])).toEqual([["deleted", null]]);
    // AND the webhook, arriving hours late, finds its job key taken: no second job, no second call
    const late = await world.send("orders/cancelled", cancelled);
    expect(late.status).toBe(200);
    await runUntilIdle();
    expect((await orderJobs(order)).map((job) => [job.task, job.jobKey])).toEqual([["cancelled", `${SHOP}:cancelled:${order.legacyId}`]]);
    expect(world.writes().filter((w) => w.path === `/shipments/${shipment.id}`)).toHaveLength(1);
    expect(await world.history(order)).toHaveLength(1);
  });

  it("applies an address change whose webhook never arrives, and leaves one whose webhook came", async () => {
    // GIVEN two orders with waiting shipments
    const missed = { ...orderNumbered(++next), updatedAt: now() };
    const delivered = { ...orderNumbered(++next), updatedAt: now() };
    const [missedShipment] = world.seedOrder(missed, "waiting");
    world.seedOrder(delivered, "waiting");
    const osaka = buildMailingAddress({ zip: "530-0001", province: "Ōsaka", provinceCode: "JP-27", city: "大阪市北区", address1: "梅田3-1-1" });

    // WHEN both addresses change, and only one order's webhook arrives
    world.clock.advance(MINUTE);
    const changedAt = now();
    world.setOrder({ ...missed, shippingAddress: osaka, updatedAt: now() });
    world.setOrder({ ...delivered, shippingAddress: osaka, updatedAt: now() });
    expect((await world.send("orders/updated", { ...delivered, updatedAt: now() }, { updatedAt: now() })).status).toBe(200);
    await nextCycle();

    // THEN the missed change was queued by the cycle and the shipment updated
    expect(world.openlogi.get(missedShipment.id)?.recipient).toMatchObject({ postcode: "530-0001", prefecture: "大阪府" });
    expect((await orderJobs(missed)).map((job) => job.jobKey)).toEqual([
      `${SHOP}:updated:${missed.legacyId}:reconcile:${changedAt}`,
    ]);
    // AND the delivered one has its webhook's job only
    expect((await orderJobs(delivered)).map((job) => job.webhookEventId !== null)).toEqual([true]);
  });

  it("reads from the checkpoint less the overlap, and moves it to the last change read", async () => {
    const before = await world.app.db.prisma.reconcileCheckpoint.findUniqueOrThrow({ where: { shop: SHOP } });
    const order = { ...orderNumbered(++next), updatedAt: now() };
    world.seedOrder(order, "waiting");
    world.clock.advance(MINUTE);
    const changedAt = now();
    world.setOrder({ ...order, updatedAt: changedAt });
    world.admin.requests.length = 0;
    await nextCycle();

    const [query] = world.admin.requests.filter((request) => request.operationName === "ReconcileOrders");
    expect(query.variables.query).toBe(`updated_at:>'${new Date(before.updatedSince.getTime() - OVERLAP_MS).toISOString()}'`);
    const after = await world.app.db.prisma.reconcileCheckpoint.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(after.updatedSince.toISOString()).toBe(changedAt);
  });

  it("starts a newly installed shop at its install time, not at the beginning of its history", async () => {
    // GIVEN another shop whose order was cancelled before it installed the app
    const old = { ...orderNumbered(++next), cancelledAt: new Date(world.clock.nowMs() - 60 * MINUTE).toISOString(), updatedAt: new Date(world.clock.nowMs() - 60 * MINUTE).toISOString() };
    world.setOrder(old, OTHER_SHOP);
    await world.seedOtherShop();
    await world.app.db.prisma.shopSettings.update({ where: { shop: OTHER_SHOP }, data: { installedAt: world.clock.now() } });

    // WHEN npm run reconcile's cycle runs for every shop at once
    const cycles = await reconcileAllShops(world.deps);

    // THEN the other shop read from its install, queued nothing, and no shop saw another's orders
    expect(cycles.map((cycle) => cycle.shop)).toEqual([OTHER_SHOP, SHOP]);
    const other = cycles.find((cycle) => cycle.shop === OTHER_SHOP);
    expect(other).toMatchObject({ ok: true, summary: { seen: 0, queued: 0 } });
    expect(await world.app.db.prisma.syncJob.count({ where: { orderId: old.legacyId } })).toBe(0);
  });

  it("queues one cycle per shop and slot, however often the schedule looks", async () => {
    const before = (await reconcileJobs()).length;
    // The start of the next slot: the two looks a minute apart below stay within it.
    world.clock.set(new Date(slotOf("reconcile", world.clock.now()).getTime() + EVERY_MS.reconcile));
    await runUntilIdle();
    world.clock.advance(MINUTE);
    await runUntilIdle();
    world.clock.advance(MINUTE);
    await runUntilIdle();
    expect((await reconcileJobs()).length).toBe(before + 1);
    expect((await reconcileJobs()).every((job) => job.status === "completed")).toBe(true);
  });

  it("leaves a waiting cycle out of Home's queue figures, which count orders", async () => {
    world.clock.advance(EVERY_MS.reconcile);
    await enqueueScheduledJob(world.app.db.prisma, { kind: "reconcile", shop: SHOP, slot: slotOf("reconcile", world.clock.now()), now: world.clock.now() });
    const queue = await shopQueueStats(world.app.db.prisma, SHOP, world.clock.now(), new Date(0));
    expect(queue).toMatchObject({ pending: 0, running: 0, oldestPendingAgeMs: null });
    await runUntilIdle();
  });
});
