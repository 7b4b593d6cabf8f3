/**
 * Issue 8 §6, end to end: signed orders/updated deliveries through the Remix handler, the
 * worker, and the Admin API and OpenLogi doubles counting every request. An update that
 * changes nothing a shipment depends on is stored and counted on the order, and costs no
 * Admin read, no OpenLogi call and no history record; anything SPEC.md "What counts as a
 * difference" could see is synced as before.
 */
import type { OrderSnapshot } from "../../app/sync/types";
import { orderNumbered } from "../doubles/scenario";
import { OTHER_SHOP, SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

let world: SyncWorld;
let next = 8100;
let second = 0;
/** Each delivery a second after the last, as Shopify stamps them. */
const later = () => new Date(Date.UTC(2026, 10, 20, 1, 0, 0) + ++second * 1_000);

beforeAll(async () => {
  world = await startSyncWorld();
});
afterAll(() => world.close());

const reads = () => ({ admin: world.admin.requests.length, openlogi: world.openlogi.requests.length });
const jobsOf = (order: OrderSnapshot, shop = SHOP) => world.app.db.prisma.syncJob.count({ where: { shop, orderId: order.legacyId } });
const fingerprintOf = (order: OrderSnapshot, shop = SHOP) =>
  world.app.db.prisma.orderFingerprint.findUnique({ where: { shop_orderId: { shop, orderId: order.legacyId } } });

/** An order whose first update has been handled: its shipment waits in OpenLogi. */
async function handledOrder(): Promise<OrderSnapshot> {
  const order = orderNumbered(++next);
  world.seedOrder(order, "waiting");
  expect((await world.send("orders/updated", order, { triggeredAt: later() })).status).toBe(200);
  await world.drain();
  expect(await world.history(order)).toHaveLength(1);
  return order;
}

const NOISE = [
  { tags: "vip" },
  { tags: "vip, gift" },
  { note: "置き配希望" },
  { note: "置き配希望（玄関前）", tags: "vip" },
  { financial_status: "authorized" },
  { financial_status: "paid" },
];

describe("quiet orders/updated", () => {
  it("costs no Admin read, no OpenLogi call, no job and no history record when only tags, notes or payment status change", async () => {
    const order = await handledOrder();
    const before = reads();
    const jobs = await jobsOf(order);

    for (let i = 0; i < 30; i++) {
      const response = await world.send("orders/updated", order, { triggeredAt: later(), noise: NOISE[i % NOISE.length] });
      expect(response.status).toBe(200);
    }
    await world.drain();

    expect(reads()).toEqual(before);
    expect(await jobsOf(order)).toBe(jobs);
    expect(await world.history(order)).toHaveLength(1);
    expect(await fingerprintOf(order)).toMatchObject({ quietCount: 30 });
    // Each delivery is still stored: a 200 means stored.
    expect(await world.app.db.prisma.webhookEvent.count({ where: { shop: SHOP, orderId: order.legacyId } })).toBe(31);
  });

  it("counts a quiet delivery once when Shopify delivers it twice", async () => {
    const order = await handledOrder();
    const triggeredAt = later();
    await world.send("orders/updated", order, { triggeredAt, webhookId: `quiet-dup-${order.legacyId}`, noise: { tags: "a" } });
    await world.send("orders/updated", order, { triggeredAt, webhookId: `quiet-dup-${order.legacyId}`, noise: { tags: "a" } });
    expect(await fingerprintOf(order)).toMatchObject({ quietCount: 1 });
  });

  it("syncs a real change after quiet ones", async () => {
    const order = await handledOrder();
    await world.send("orders/updated", order, { triggeredAt: later(), noise: { tags: "vip" } });
    const moved: OrderSnapshot = { ...order, shippingAddress: { ...order.shippingAddress!, address1: "梅田3-1-1", city: "大阪市北区", provinceCode: "JP-27", province: "Ōsaka", zip: "530-0001" } };
    world.setOrder(moved);
    await world.send("orders/updated", moved, { triggeredAt: later(), noise: { tags: "vip" } });
    await world.drain();
    expect(world.writes().filter((write) => write.method === "PUT").at(-1)).toMatchObject({ body: { recipient: { postcode: "530-0001" } } });
    expect((await world.history(order)).map((record) => record.outcome)).toEqual(["no_change", "updated"]);
  });

  it.each<[string, (order: OrderSnapshot) => OrderSnapshot]>([
    [
      "a fulfillment (the quantity still to ship falls)",
      (order) => ({
        ...order,
        fulfillmentOrders: order.fulfillmentOrders.map((fo) => ({ ...fo, lineItems: fo.lineItems.map((line, index) => (index === 0 ? { ...line, remainingQuantity: 0 } : line)) })),
      }),
    ],
    [
      "a refund that lowers a line's current quantity",
      (order) => ({ ...order, lineItems: order.lineItems.map((line, index) => (index === 0 ? { ...line, currentQuantity: line.currentQuantity - 1 } : line)) }),
    ],
    ["a change of delivery method", (order) => ({ ...order, fulfillmentOrders: order.fulfillmentOrders.map((fo) => ({ ...fo, deliveryMethod: "PICK_UP" as const })) })],
    ["a payment that changes what is owed on delivery", (order) => ({ ...order, amounts: { ...order.amounts, outstanding: order.amounts.outstanding + 1_000 } })],
    ["the email", (order) => ({ ...order, email: "hanako.new@example.com" })],
    ["the cancellation", (order) => ({ ...order, cancelledAt: "2026-11-20T12:00:00+09:00" })],
  ])("never skips %s", async (_name, change) => {
    const order = await handledOrder();
    const jobs = await jobsOf(order);
    const changed = change(order);
    world.setOrder(changed);
    await world.send("orders/updated", changed, { triggeredAt: later() });
    await world.drain();
    expect(await jobsOf(order)).toBe(jobs + 1);
    expect(await world.history(order)).toHaveLength(2);
  });

  it("does not skip an older delivery that arrives late", async () => {
    const order = await handledOrder();
    await world.send("orders/updated", order, { triggeredAt: new Date(Date.UTC(2026, 10, 19)), noise: { tags: "late" } });
    expect(await world.app.db.prisma.syncJob.count({ where: { orderId: order.legacyId, status: "pending" } })).toBe(1);
  });

  it("does not skip after the last job failed, nor after the settings changed", async () => {
    const order = await handledOrder();
    const row = (await fingerprintOf(order))!;
    await world.app.db.prisma.syncJob.update({ where: { id: row.jobId! }, data: { status: "failed" } });
    await world.send("orders/updated", order, { triggeredAt: later(), noise: { tags: "after-failure" } });
    await world.drain();
    expect(await world.history(order)).toHaveLength(2);

    await world.setSettings({ reflectItemChanges: false });
    await world.send("orders/updated", order, { triggeredAt: later(), noise: { tags: "after-settings" } });
    await world.drain();
    expect(await world.history(order)).toHaveLength(3);
    await world.setSettings({ reflectItemChanges: true });
  });

  it("never lets one shop's order quiet another shop's order of the same id", async () => {
    const order = await handledOrder();
    await world.seedOtherShop();
    world.setOrder(order, OTHER_SHOP);
    await world.send("orders/updated", order, { shop: OTHER_SHOP, triggeredAt: later() });
    expect(await jobsOf(order, OTHER_SHOP)).toBe(1);
    expect(await fingerprintOf(order, OTHER_SHOP)).toMatchObject({ quietCount: 0 });
    expect(await fingerprintOf(order)).toMatchObject({ quietCount: 0 });
  });
});
