/**
 * The billable ledger, on its own (SPEC.md "Billable requests are keyed by change and order
 * version"): a request on record for this change and order version is never sent again,
 * a change that comes back in a later version is, and a request whose answer never came is
 * settled before another goes out for the same change. Each test fails without the ledger:
 * the double would accept the POST.
 */
import { decideSync } from "../../app/sync/decide-sync";
import type { OrderSnapshot, ShipmentResponse } from "../../app/sync/types";
import { buildMailingAddress } from "../doubles/build-order-snapshot";
import { orderNumbered } from "../doubles/scenario";
import { SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

let world: SyncWorld;
let next = 8000;

beforeAll(async () => {
  world = await startSyncWorld();
});
afterAll(() => world.close());
beforeEach(() =>
  world.setSettings({ reflectChanges: true, cancelAfterConfirmation: true, modifyAfterConfirmation: true, paused: false, locationId: null }),
);

const ADDRESS_A = buildMailingAddress();
const ADDRESS_B = buildMailingAddress({ zip: "530-0001", province: "Ōsaka", provinceCode: "JP-27", city: "大阪市北区", address1: "梅田3-1-1" });
const at = (order: OrderSnapshot, address: typeof ADDRESS_A, version: string): OrderSnapshot => ({
  ...order,
  shippingAddress: address,
  updatedAt: version,
});
const posts = (shipment: ShipmentResponse) =>
  world.writes().filter((w) => w.method === "POST" && w.path.startsWith(`/shipments/${shipment.id}/`));
const ledger = (shipment: ShipmentResponse) =>
  world.app.db.prisma.billableRequest.findMany({ where: { shop: SHOP, shipmentId: shipment.id }, orderBy: { id: "asc" } });

/** OpenLogi's staff handled the modify request: the shipment is back to picking, holding `recipient`. */
function staffHandled(shipment: ShipmentResponse, recipient: ShipmentResponse["recipient"]) {
  world.openlogi.seed([{ ...world.openlogi.get(shipment.id)!, recipient, status: "picking" }]);
}

/** What the app decides for `order` against the shipment as OpenLogi holds it now. */
function changeKeyFor(order: OrderSnapshot, shipment: ShipmentResponse): string {
  const raw = world.openlogi.get(shipment.id)!;
  const decision = decideSync({
    event: "updated",
    order,
    shipment: { id: raw.id, identifier: raw.identifier ?? null, orderNo: raw.order_no ?? null, status: "picking", raw },
    siblings: [],
    addedLineItemIds: new Set(),
    settings: { reflectChanges: true, cancelAfterConfirmation: true, modifyAfterConfirmation: true, reflectItemChanges: true, shipmentKey: "name", locationId: null, paused: false },
  });
  if (decision.kind !== "billableModifyRequest") throw new Error(`expected a modify request, got ${decision.outcome}`);
  return decision.changeKey;
}

describe("the billable ledger", () => {
  it("sends no cancel request for a shipment the ledger says was already asked to cancel", async () => {
    // GIVEN a picking shipment whose cancel request is on record as sent
    const order = { ...orderNumbered(++next), cancelledAt: "2026-11-20T10:00:00+09:00" };
    const [shipment] = world.seedOrder(order, "picking");
    await world.app.db.prisma.billableRequest.create({
      data: { shop: SHOP, shipmentId: shipment.id, kind: "cancel", changeKey: "cancel", orderVersion: "", state: "sent" },
    });
    // WHEN the cancellation is synced
    await world.send("orders/cancelled", order);
    await world.drain();
    // THEN nothing is posted, and the history says why
    expect(posts(shipment)).toEqual([]);
    expect((await world.history(order)).map((h) => [h.outcome, h.billable])).toEqual([["already_sent", false]]);
  });

  it("sends no second modification for the same change of the same order version", async () => {
    // GIVEN a request for B, sent for this very version of the order
    const order = at(orderNumbered(++next), ADDRESS_B, "2026-11-20T02:00:00Z");
    const [shipment] = world.seedOrder(orderNumbered(next), "picking");
    world.setOrder(order);
    await world.app.db.prisma.billableRequest.create({
      data: { shop: SHOP, shipmentId: shipment.id, kind: "modify", changeKey: changeKeyFor(order, shipment), orderVersion: order.updatedAt, state: "sent" },
    });
    // WHEN the same version arrives again (orders/edited and orders/updated both fire for one edit)
    await world.send("orders/updated", order);
    await world.drain();
    // THEN nothing is posted
    expect(posts(shipment)).toEqual([]);
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["already_sent"]);
  });

  it("sends no second modification for a change OpenLogi declined, when only the order's version moves on", async () => {
    // GIVEN a request for B that OpenLogi's staff declined: the shipment is back to picking, still at A
    const base = orderNumbered(++next);
    const [shipment] = world.seedOrder(base, "picking");
    const original = world.openlogi.get(shipment.id)!.recipient;
    const v1 = at(base, ADDRESS_B, "2026-11-20T02:00:00Z");
    world.setOrder(v1);
    await world.send("orders/updated", v1, { updatedAt: v1.updatedAt });
    await world.drain();
    staffHandled(shipment, original);
    // WHEN the order's version moves on with nothing the shipment holds changed (the email's
    // case: a tag alone would be a quiet update, which makes no job at all)
    const v2 = { ...at(base, ADDRESS_B, "2026-11-20T05:00:00Z"), email: base.email!.toUpperCase() };
    world.setOrder(v2);
    await world.send("orders/updated", v2, { updatedAt: v2.updatedAt });
    await world.drain();
    // THEN the declined change is not paid for again
    expect(posts(shipment)).toHaveLength(1);
    expect((await world.history(base)).map((h) => h.outcome)).toEqual(["modify_requested", "already_sent"]);
  });

  it("asks again for an address that goes A → B → A → B, once per version", async () => {
    const base = orderNumbered(++next);
    const [shipment] = world.seedOrder(base, "picking");
    const steps: [typeof ADDRESS_A, string][] = [
      [ADDRESS_B, "2026-11-20T02:00:00Z"],
      [ADDRESS_A, "2026-11-20T03:00:00Z"],
      [ADDRESS_B, "2026-11-20T04:00:00Z"],
    ];
    for (const [address, version] of steps) {
      const order = at(base, address, version);
      world.setOrder(order);
      await world.send("orders/updated", order, { updatedAt: version });
      await world.drain();
      // OpenLogi's staff carry the request out before the next change
      staffHandled(shipment, (world.writes().at(-1)!.body as { recipient: ShipmentResponse["recipient"] }).recipient);
    }
    expect(posts(shipment).map((post) => (post.body as { recipient: { postcode: string } }).recipient.postcode)).toEqual([
      "530-0001",
      "100-0001",
      "530-0001",
    ]);
    expect((await ledger(shipment)).map((row) => [row.orderVersion, row.state])).toEqual(steps.map(([, version]) => [version, "sent"]));
  });

  it("settles a request whose answer never came before sending for the same change again, even in a later order version", async () => {
    // GIVEN a modify request that met a 500 (not done), and a retry after the order moved on (a tag)
    const base = orderNumbered(++next);
    const [shipment] = world.seedOrder(base, "picking");
    const first = at(base, ADDRESS_B, "2026-11-20T02:00:00Z");
    world.setOrder(first);
    world.openlogi.failNext({ method: "POST", path: `/shipments/${shipment.id}/modify`, status: 500 });
    await world.send("orders/updated", first);
    await world.drain();
    expect(await ledger(shipment)).toMatchObject([{ orderVersion: first.updatedAt, state: "intent" }]);
    world.setOrder(at(base, ADDRESS_B, "2026-11-20T02:30:00Z"));
    // WHEN the job runs again
    world.clock.advance(60_000);
    await world.drain();
    // THEN the request in doubt was read back, sent once more, and is the one on record
    expect(posts(shipment)).toHaveLength(2);
    expect(await ledger(shipment)).toMatchObject([{ orderVersion: first.updatedAt, state: "sent" }]);
    expect(world.openlogi.get(shipment.id)?.status).toBe("modify_request");
  });
});
