/**
 * Follow-up of billable requests, end to end against the OpenLogi double: requests go out
 * through signed webhooks and the worker, the worker's schedule queues a follow-up when one is
 * due, one batched `GET /shipments?id=…` reads every due shipment, and the result lands on the
 * ledger and on the history record that sent the request.
 */
import { FIRST_CHECK_MS } from "../../app/follow-up/poll-schedule";
import type { OrderSnapshot, ShipmentResponse } from "../../app/sync/types";
import { buildMailingAddress } from "../doubles/build-order-snapshot";
import { orderNumbered } from "../doubles/scenario";
import { startScheduledWorker, type ScheduledWorker } from "../helpers/scheduled-worker";
import { SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

let world: SyncWorld;
let scheduled: ScheduledWorker;
let next = 6500;

beforeAll(async () => {
  world = await startSyncWorld({ cancelAfterConfirmation: true, modifyAfterConfirmation: true });
  scheduled = startScheduledWorker(world, "follow-up-worker");
});
afterAll(async () => {
  await scheduled.worker.stop();
  await world.close();
});

const runUntilIdle = () => scheduled.runUntilIdle();

/** Cancels the order in Shopify and delivers the webhook; the worker sends the cancel request. */
async function cancel(order: OrderSnapshot) {
  const cancelled = { ...order, cancelledAt: world.clock.now().toISOString() };
  world.setOrder(cancelled);
  expect((await world.send("orders/cancelled", cancelled)).status).toBe(200);
  await runUntilIdle();
}

/** Midnight JST starting the first Sunday at least a day after `ms`. */
function nextSundayInJapan(ms: number): Date {
  const JST = 9 * 60 * 60_000;
  const japan = new Date(ms + 24 * 60 * 60_000 + JST);
  const days = (7 - japan.getUTCDay()) % 7;
  return new Date(Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth(), japan.getUTCDate() + days) - JST);
}

const lookups = () => world.openlogi.requests.filter((request) => request.method === "GET" && request.path === "/shipments");
const ledger = (shipment: ShipmentResponse) => world.app.db.prisma.billableRequest.findFirstOrThrow({ where: { shop: SHOP, shipmentId: shipment.id } });
const requestRecord = async (order: OrderSnapshot) => (await world.history(order)).find((record) => record.billable)!;

describe("follow-up of billable requests", () => {
  it("reads every due shipment in one call, and records a carried-out cancel and a shipment that shipped despite it", async () => {
    // GIVEN two picking shipments whose orders were cancelled: two cancel requests sent
    const first = orderNumbered(++next);
    const second = orderNumbered(++next);
    const [gone] = world.seedOrder(first, "picking");
    const [shipped] = world.seedOrder(second, "picking");
    await cancel(first);
    await cancel(second);
    expect((await requestRecord(first)).outcome).toBe("cancel_requested");
    const sentAt = world.clock.now();

    // WHEN the warehouse cancels one and ships the other anyway, and the first look comes round
    world.openlogi.remove(gone.id);
    world.openlogi.setStatus(shipped.id, "shipped");
    world.openlogi.requests.length = 0;
    world.clock.advance(FIRST_CHECK_MS);
    await runUntilIdle();

    // THEN one batched GET read both shipments
    expect(lookups().map((request) => request.query.id.split(",").sort())).toEqual([[gone.id, shipped.id].sort()]);
    // AND the records that sent the requests say what became of them, and when that was seen
    const seenAt = new Date(sentAt.getTime() + FIRST_CHECK_MS);
    expect(await requestRecord(first)).toMatchObject({ requestResult: "cancelled", requestResultStatus: null, requestResultAt: seenAt });
    expect(await requestRecord(second)).toMatchObject({ requestResult: "not_carried_out", requestResultStatus: "shipped", requestResultAt: seenAt });
    expect(await ledger(shipped)).toMatchObject({ result: "not_carried_out", nextCheckAt: null, checks: 1 });

    // AND settled requests are never looked at again
    world.openlogi.requests.length = 0;
    world.clock.advance(24 * 60 * 60_000);
    await runUntilIdle();
    expect(lookups()).toEqual([]);
  });

  it("keeps looking, less often, while the request is pending", async () => {
    // On a Sunday in Japan no import comes first, so the waits are the ones by age alone.
    world.clock.set(nextSundayInJapan(world.clock.nowMs()));
    const order = orderNumbered(++next);
    const [shipment] = world.seedOrder(order, "picking");
    await cancel(order);
    const sentAt = world.clock.now().getTime();

    world.clock.advance(FIRST_CHECK_MS);
    await runUntilIdle();
    const afterFirst = await ledger(shipment);
    expect(afterFirst).toMatchObject({ result: null, checks: 1 });
    expect(afterFirst.nextCheckAt!.getTime()).toBeGreaterThan(world.clock.nowMs());
    expect((await requestRecord(order)).requestResult).toBeNull();

    // Three hours on, the wait between looks has grown past the first hour's 10 minutes.
    world.clock.set(new Date(sentAt + 3 * 60 * 60_000));
    await runUntilIdle();
    const later = await ledger(shipment);
    expect(later.checks).toBe(2);
    expect(later.nextCheckAt!.getTime() - world.clock.nowMs()).toBeGreaterThan(10 * 60_000);
  });

  it("records a modification carried out when the shipment holds the new address, and one not carried out when it does not", async () => {
    const osaka = buildMailingAddress({ zip: "530-0001", province: "Ōsaka", provinceCode: "JP-27", city: "大阪市北区", address1: "梅田3-1-1" });
    const applied = orderNumbered(++next);
    const ignored = orderNumbered(++next);
    const [appliedShipment] = world.seedOrder(applied, "picking");
    const [ignoredShipment] = world.seedOrder(ignored, "picking");
    for (const order of [applied, ignored]) {
      const moved = { ...order, shippingAddress: osaka, updatedAt: world.clock.now().toISOString() };
      world.setOrder(moved);
      expect((await world.send("orders/updated", moved, { updatedAt: moved.updatedAt })).status).toBe(200);
    }
    await runUntilIdle();
    expect((await requestRecord(applied)).outcome).toBe("modify_requested");

    // OpenLogi's staff apply one (the shipment holds the new address, back at picking) and refuse the other.
    const asked = (world.openlogi.requests.find((r) => r.method === "POST" && r.path === `/shipments/${appliedShipment.id}/modify`)!.body as { recipient: ShipmentResponse["recipient"] }).recipient;
    world.openlogi.seed([{ ...world.openlogi.get(appliedShipment.id)!, recipient: asked, status: "picking" }]);
    world.openlogi.setStatus(ignoredShipment.id, "picking");
    world.clock.advance(FIRST_CHECK_MS);
    await runUntilIdle();

    expect(await requestRecord(applied)).toMatchObject({ requestResult: "modified", requestResultStatus: "picking" });
    expect(await requestRecord(ignored)).toMatchObject({ requestResult: "not_carried_out", requestResultStatus: "picking" });
  });
});
