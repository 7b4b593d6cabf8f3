/**
 * Issue 8, section 6: changes to one order that are still queued collapse into one run,
 * which reads the order as it is now; a cancellation is never collapsed away. Through the
 * real webhook routes, the job table, the worker and both doubles over HTTP.
 */
import type { OrderSnapshot } from "../../app/sync/types";
import { orderNumbered } from "../doubles/scenario";
import { startSyncWorld, type SyncWorld } from "../helpers/sync-world";

let world: SyncWorld;
let next = 9100;
const newOrder = () => orderNumbered(++next);
const moved = (order: OrderSnapshot, n: number): OrderSnapshot => ({
  ...order,
  shippingAddress: { ...order.shippingAddress!, address2: `${n}階` },
});

beforeAll(async () => {
  world = await startSyncWorld();
});
afterAll(() => world.close());

const readsOf = (order: OrderSnapshot) =>
  world.admin.requests.filter((request) => JSON.stringify(request.variables).includes(`Order/${order.legacyId}`)).length;
const jobsOf = (order: OrderSnapshot) =>
  world.app.db.prisma.syncJob.findMany({ where: { orderId: order.legacyId }, orderBy: { id: "asc" } });

it("runs ten queued updates of one order as one: one Admin read, one PUT with the latest address, one history record", async () => {
  // GIVEN ten address changes of one order, all queued before the worker runs
  const order = newOrder();
  const [shipment] = world.seedOrder(order, "waiting");
  const t = world.clock.nowMs();
  for (let n = 1; n <= 10; n++) {
    world.setOrder(moved(order, n));
    expect((await world.send("orders/updated", moved(order, n), { triggeredAt: new Date(t + n * 1_000) })).status).toBe(200);
  }
  const readsBefore = readsOf(order);
  // WHEN the worker runs
  await world.drain();
  // THEN Shopify was read once, OpenLogi was changed once, to the latest address
  expect(readsOf(order) - readsBefore).toBe(1);
  const puts = world.writes().filter((write) => write.path === `/shipments/${shipment.id}`);
  expect(puts).toHaveLength(1);
  expect(world.openlogi.get(shipment.id)?.recipient).toMatchObject({ address2: "10階" });
  // AND the nine others are settled as covered by the first, with no history of their own
  const jobs = await jobsOf(order);
  expect(jobs.map((job) => job.status)).toEqual(Array(10).fill("completed"));
  expect(jobs.filter((job) => job.collapsedIntoId === jobs[0].id)).toHaveLength(9);
  expect(await world.history(order)).toHaveLength(1);
});

it("never collapses a cancellation: it runs on its own after the updates before it", async () => {
  // GIVEN three updates, a cancellation, then two more updates, all queued
  const order = newOrder();
  const [shipment] = world.seedOrder(order, "waiting");
  const cancelled = { ...order, cancelledAt: "2026-11-20T10:00:00+09:00" };
  const t = world.clock.nowMs();
  for (let n = 1; n <= 3; n++) await world.send("orders/updated", moved(order, n), { triggeredAt: new Date(t + n * 1_000) });
  await world.send("orders/cancelled", cancelled, { triggeredAt: new Date(t + 4_000) });
  for (let n = 5; n <= 6; n++) await world.send("orders/updated", moved(order, n), { triggeredAt: new Date(t + n * 1_000) });
  world.setOrder(cancelled);
  // WHEN the worker runs
  await world.drain();
  // THEN the cancellation took effect, and the history shows the updates' run, the cancellation
  // and the update after it that found the order cancelled
  expect(world.openlogi.get(shipment.id)).toBeUndefined();
  const history = (await world.history(order)).map((h) => [h.list, h.outcome]);
  expect(history).toContainEqual(["cancel", "deleted"]);
  expect(history).toHaveLength(3);
  const jobs = await jobsOf(order);
  expect(jobs.find((job) => job.task === "cancelled")).toMatchObject({ status: "completed", collapsedIntoId: null });
  expect(jobs.filter((job) => job.collapsedIntoId !== null)).toHaveLength(3);
});
