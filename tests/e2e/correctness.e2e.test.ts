/**
 * The review's wrong outcomes and wrong requests (issue: "No false alarms, no billable
 * request for nothing"), end to end: a signed webhook through the real Remix handler, the
 * worker against both doubles over HTTP, and the history row and OpenLogi's state after.
 * Each test is a case the doubles could not express before.
 */
import type { SettingsPatch } from "../../app/models/settings.server";
import { TOKEN_UNREADABLE_ERROR } from "../../app/models/settings.server";
import { enqueueRetry } from "../../app/models/sync-job.server";
import type { OrderSnapshot, ShipmentResponse } from "../../app/sync/types";
import {
  DEFAULT_LINES,
  addLine,
  buildMailingAddress,
  fulfilAll,
  removeUnits,
} from "../doubles/build-order-snapshot";
import type { LineSpec, OrderOptions } from "../doubles/build-order-snapshot";
import { orderNumbered } from "../doubles/scenario";
import { OTHER_SHOP, SHOP, startSyncWorld, type SyncWorld } from "../helpers/sync-world";

const DEFAULTS: SettingsPatch = {
  reflectChanges: true,
  reflectItemChanges: true,
  cancelAfterConfirmation: false,
  modifyAfterConfirmation: false,
  paused: false,
  locationId: null,
};
const BILLABLE_ON: SettingsPatch = { cancelAfterConfirmation: true, modifyAfterConfirmation: true };

let world: SyncWorld;
let next = 7000;
const newOrder = (options: OrderOptions = {}) => orderNumbered(++next, options);

beforeAll(async () => {
  world = await startSyncWorld();
});
afterAll(() => world.close());
beforeEach(() => world.setSettings(DEFAULTS));

/** OpenLogi writes for one shipment, as "METHOD suffix". */
const writesTo = (id: string) =>
  world.writes().filter((w) => w.path.startsWith(`/shipments/${id}`)).map((w) => `${w.method} ${w.path.slice(`/shipments/${id}`.length) || "/"}`);
const notices = (details: string | null) => ((JSON.parse(details ?? "{}").notices ?? []) as { code: string }[]).map((n) => n.code);
/** Shopify removes `units` of the SKU by an order edit and sends orders/edited with its delta. */
async function removeInShopify(order: OrderSnapshot, sku: string, units: number) {
  const line = order.lineItems.find((l) => l.sku === sku)!;
  const edited = removeUnits(order, sku, units);
  world.setOrder(edited);
  await world.send("orders/edited", edited, { edit: { removed: [line.id] } });
}

/** Shopify adds a line by an order edit and sends orders/edited with its delta. */
async function addInShopify(order: OrderSnapshot, line: LineSpec) {
  const { order: edited, lineItemId } = addLine(order, line);
  world.setOrder(edited);
  await world.send("orders/edited", edited, { edit: { added: [lineItemId] } });
  return edited;
}

/** Shopify changes the order in any other way and sends orders/updated. */
async function updateInShopify(order: OrderSnapshot) {
  world.setOrder(order);
  await world.send("orders/updated", order);
}

/** Shopify cancels the order and sends orders/cancelled. */
async function cancelInShopify(order: OrderSnapshot, shop?: string) {
  const cancelled = { ...order, cancelledAt: "2026-11-20T10:00:00+09:00" };
  world.setOrder(cancelled, shop);
  await world.send("orders/cancelled", cancelled, { shop });
}

/** The merchant's own setting on the shipment in OpenLogi. */
function setOnShipment(shipment: ShipmentResponse, fields: Partial<ShipmentResponse>) {
  world.openlogi.seed([{ ...world.openlogi.get(shipment.id)!, ...fields, status: world.openlogi.get(shipment.id)!.status! }]);
}

const moved = (order: OrderSnapshot): OrderSnapshot => ({
  ...order,
  shippingAddress: { ...order.shippingAddress!, address1: "梅田3-1-1", city: "大阪市北区", provinceCode: "JP-27", province: "Ōsaka", zip: "530-0001" },
});

describe("1. fulfilled is not removed", () => {
  it("records no change, and no Action required, when the warehouse shipped and Shopify closed the fulfillment order", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "shipped");
    await updateInShopify(fulfilAll(order));
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["no_change", []]);
    expect(writesTo(shipment.id)).toEqual([]);
  });

  it("records no change when shipped items are returned and refunded", async () => {
    const order = newOrder();
    world.seedOrder(order, "shipped");
    const shipped = fulfilAll(order);
    await updateInShopify({ ...shipped, lineItems: shipped.lineItems.map((l) => (l.sku === "MUG-WHITE" ? { ...l, currentQuantity: 0 } : l)) });
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["no_change", []]);
  });

  it("still warns that a removed item may ship once the shipment is packed", async () => {
    const order = newOrder();
    world.seedOrder(order, "packed");
    await removeInShopify(order, "MUG-WHITE", 2);
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["not_reflected_packed", ["removed_items_may_ship"]]);
  });
});

describe("2. a phone the mapping cannot convert is not a change", () => {
  it("sends no billable modification for a foreign phone while picking", async () => {
    await world.setSettings(BILLABLE_ON);
    const order = newOrder({ shippingAddress: buildMailingAddress({ phone: "+1 415-555-0100" }) });
    const [shipment] = world.seedOrder(order, "picking");
    await world.send("orders/updated", order);
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["no_change"]);
    expect(writesTo(shipment.id)).toEqual([]);
  });

  it("keeps the phone the carrier needs when an address change comes with a foreign phone", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await updateInShopify(moved({ ...order, shippingAddress: { ...order.shippingAddress!, phone: "+44 20 7946 0958" } }));
    await world.drain();
    expect(world.openlogi.get(shipment.id)?.recipient).toMatchObject({ postcode: "530-0001", phone: "090-1234-5678" });
    expect(notices((await world.history(order))[0].details)).toEqual(["phone_not_converted"]);
  });
});

describe("3. pickup, local delivery and digital lines are never OpenLogi's", () => {
  it.each([
    ["store pickup", { sku: "CAP-BLACK", title: "キャップ", quantity: 1, deliveryMethod: "PICK_UP" as const }],
    ["local delivery", { sku: "CAP-BLACK", title: "キャップ", quantity: 1, deliveryMethod: "LOCAL" as const }],
    ["a digital line", { sku: "EBOOK-01", title: "電子書籍", quantity: 1, requiresShipping: false, deliveryMethod: "NONE" as const }],
  ])("adds nothing to the shipment when an edit adds %s, with every location chosen", async (_, line) => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await addInShopify(order, line);
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["no_change"]);
    expect(writesTo(shipment.id)).toEqual([]);
  });
});

describe("4. a shipment without an email stays without one", () => {
  it("does not switch on OpenLogi's shipping notices when the order's tags change", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    setOnShipment(shipment, { shipping_email: null });
    await world.send("orders/updated", order);
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["no_change"]);
    expect(writesTo(shipment.id)).toEqual([]);
  });

  it("keeps it without one when the address changes", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    setOnShipment(shipment, { shipping_email: null });
    await updateInShopify(moved(order));
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toMatchObject({ shipping_email: null, recipient: { postcode: "530-0001" } });
  });
});

describe("5. a SKU-less line the order always had", () => {
  const withGiftWrap: OrderOptions = { lines: [...DEFAULT_LINES, { sku: null, title: "ギフト包装", quantity: 1, unitPrice: 300 }] };

  it("does not block an address change", async () => {
    const order = newOrder(withGiftWrap);
    const [shipment] = world.seedOrder(order, "waiting");
    await updateInShopify(moved(order));
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["updated", ["line_without_sku_not_compared"]]);
    expect(world.openlogi.get(shipment.id)?.recipient).toMatchObject({ postcode: "530-0001" });
  });

  it("raises no Action required on an unrelated update once picking has begun", async () => {
    await world.setSettings(BILLABLE_ON);
    const order = newOrder(withGiftWrap);
    const [shipment] = world.seedOrder(order, "picking");
    await world.send("orders/updated", order);
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["no_change", []]);
    expect(writesTo(shipment.id)).toEqual([]);
  });

  it("is still an error when an order edit added it, and the shipment is left alone", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    const edited = await addInShopify(order, { sku: null, title: "手書きメッセージカード", quantity: 1 });
    // AND the orders/updated Shopify sends for the same edit does not slip it through
    await world.send("orders/updated", edited);
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["missing_sku", "missing_sku"]);
    expect(writesTo(shipment.id)).toEqual([]);
  });
});

describe("6. amounts follow the items", () => {
  it("makes a cash-on-delivery carrier collect the order's new total after an item is removed", async () => {
    const order = newOrder({ paid: "none", shipping: 550 });
    const [shipment] = world.seedOrder(order, "waiting");
    setOnShipment(shipment, { cash_on_delivery: true, total_for_cash_on_delivery: 7530, tax_for_cash_on_delivery: 633 });
    await removeInShopify(order, "TSHIRT-NAVY-M", 1);
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["updated"]);
    expect(world.openlogi.get(shipment.id)).toMatchObject({
      cash_on_delivery: true,
      total_for_cash_on_delivery: 3550,
      tax_for_cash_on_delivery: 272,
      total_amount: 3550,
      items: [{ code: "MUG-WHITE", quantity: 2, price: 3000 }],
    });
  });

  it("changes nothing and asks staff to act when the amount to collect cannot be exact (part already paid)", async () => {
    const order = newOrder({ paid: "full" });
    const [shipment] = world.seedOrder(order, "waiting");
    setOnShipment(shipment, { cash_on_delivery: true, total_for_cash_on_delivery: 6980 });
    await removeInShopify(order, "TSHIRT-NAVY-M", 1);
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["cash_on_delivery_unresolved", ["cash_on_delivery_amount_unresolved"]]);
    expect(writesTo(shipment.id)).toEqual([]);
  });
});

describe("7. settings silence actions, not warnings", () => {
  it("warns about items changed after picking began even with line-item reflection off", async () => {
    await world.setSettings({ reflectItemChanges: false });
    const order = newOrder();
    world.seedOrder(order, "picking");
    await removeInShopify(order, "MUG-WHITE", 1);
    await world.drain();
    expect(notices((await world.history(order))[0].details)).toEqual(["items_changed_after_picking"]);
  });

  it("warns that a removed item may ship even with order changes not reflected", async () => {
    await world.setSettings({ reflectChanges: false });
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "packed");
    await removeInShopify(order, "MUG-WHITE", 2);
    await world.drain();
    const [row] = await world.history(order);
    expect([row.outcome, notices(row.details)]).toEqual(["reflect_disabled", ["removed_items_may_ship"]]);
    expect(writesTo(shipment.id)).toEqual([]);
  });
});

describe("8. a backordered shipment keeps its backorder flag", () => {
  it("updates the address of a backordered shipment without OpenLogi refusing it for lack of stock", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "backordered");
    await updateInShopify(moved(order));
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["updated"]);
    const put = world.writes().find((w) => w.method === "PUT" && w.path === `/shipments/${shipment.id}`)!;
    expect(put.body).toMatchObject({ backorder_if_unavailable: true });
    expect(world.openlogi.get(shipment.id)).toMatchObject({ status: "backordered", recipient: { postcode: "530-0001" } });
  });

  it("invents no flag when stock is short but the shipment showed no backorder: OpenLogi's refusal is shown", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.setStock("MUG-WHITE", 0);
    await updateInShopify(moved(order));
    await world.drain();
    const [row] = await world.history(order);
    expect(row.outcome).toBe("openlogi_rejected");
    expect(row.message).toContain("在庫が不足しています");
    expect(world.writes().find((w) => w.path === `/shipments/${shipment.id}`)?.body).not.toHaveProperty("backorder_if_unavailable");
    world.openlogi.setStock("MUG-WHITE", 1_000);
  });
});

describe("9. a refusal caused by a stale view", () => {
  it("decides a cancellation again when picking began between the lookup and the DELETE", async () => {
    await world.setSettings(BILLABLE_ON);
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.moveOnAfterRead(shipment.id, "picking");
    await cancelInShopify(order);
    await world.drain();
    expect(writesTo(shipment.id)).toEqual(["DELETE /", "POST /cancel"]);
    const [row] = await world.history(order);
    expect(row).toMatchObject({ outcome: "cancel_requested", billable: true, statusSeen: "picking" });
    expect(JSON.parse(row.details!).redecided).toMatchObject({ statusBefore: "waiting", after: { status: 400 } });
    expect(world.openlogi.get(shipment.id)?.status).toBe("cancel_request");
  });

  it("says what happened when picking began and billable cancels are off", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.moveOnAfterRead(shipment.id, "picked");
    await cancelInShopify(order);
    await world.drain();
    expect((await world.history(order)).map((h) => [h.outcome, h.statusSeen])).toEqual([["not_synced_confirmed", "picked"]]);
  });

  it("keeps OpenLogi's refusal when the shipment has not moved on", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "PUT", path: `/shipments/${shipment.id}`, status: 422, error: { error: "validation_failed", error_description: "入力内容に誤りがあります。" } });
    await updateInShopify(moved(order));
    await world.drain();
    expect((await world.history(order)).map((h) => [h.outcome, h.message])).toEqual([["openlogi_rejected", "validation_failed: 入力内容に誤りがあります。"]]);
  });

  it("marks the connection broken, rather than failing every job, when OpenLogi refuses the shared lookup", async () => {
    const orders = [newOrder(), newOrder()];
    for (const order of orders) {
      world.seedOrder(order, "waiting");
      await cancelInShopify(order);
    }
    world.openlogi.failNext({ method: "GET", path: /^\/shipments\/TS001$/, status: 422, error: { error: "validation_failed", error_description: "アカウントコードが正しくありません。" } });
    await world.drain();
    const settings = await world.app.db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(settings.connectionError).toContain("アカウントコードが正しくありません");
    for (const order of orders) {
      expect(await world.app.db.prisma.syncJob.findMany({ where: { orderId: order.legacyId } })).toMatchObject([{ status: "pending", attempts: 0 }]);
    }
    await world.setSettings({ openlogiToken: "openlogi-double-token" });
    await world.drain();
    for (const order of orders) expect((await world.history(order)).map((h) => h.outcome)).toEqual(["connection_broken", "deleted"]);
  });
});

describe("a PUT is built from the shipment as OpenLogi holds it", () => {
  it("keeps a hold the merchant placed in OpenLogi after the app read the shipment", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.moveOnAfterRead(shipment.id, "suspended");
    await updateInShopify(moved(order));
    await world.drain();
    expect(world.openlogi.get(shipment.id)).toMatchObject({ status: "suspended", suspend: true, recipient: { postcode: "530-0001" } });
    expect((await world.history(order)).map((h) => [h.outcome, h.statusSeen])).toEqual([["updated", "suspended"]]);
  });
});

describe("11. modify requests name the shipment", () => {
  it("sends the order number as the identifier of a shipment that has none", async () => {
    await world.setSettings(BILLABLE_ON);
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "picking");
    setOnShipment(shipment, { identifier: null });
    await updateInShopify(moved(order));
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["modify_requested"]);
    const post = world.writes().find((w) => w.path === `/shipments/${shipment.id}/modify`)!;
    expect(post.body).toMatchObject({ identifier: order.name });
  });
});

describe("a cancellation Shopify does not show", () => {
  it("deletes nothing when the webhook says cancelled but the order, read again, is not", async () => {
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    await world.send("orders/cancelled", order);
    await world.drain();
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["order_not_cancelled"]);
    expect(world.openlogi.get(shipment.id)).toBeDefined();
    expect(writesTo(shipment.id)).toEqual([]);
  });
});

describe("one shop's unreadable token", () => {
  it("marks that shop's connection broken and lets the other shops in the batch go on", async () => {
    await world.seedOtherShop(DEFAULTS);
    const mine = newOrder();
    const theirs = newOrder();
    world.seedOrder(mine, "waiting");
    const [theirShipment] = world.seedOrder(theirs, "waiting");
    await world.app.db.prisma.shopSettings.update({ where: { shop: SHOP }, data: { openlogiTokenCiphertext: "v2:0000000000000000:AAAA:AAAA:AAAA" } });
    await cancelInShopify(mine);
    await cancelInShopify(theirs, OTHER_SHOP);

    await world.drain();

    expect(world.openlogi.get(theirShipment.id)).toBeUndefined();
    const settings = await world.app.db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(settings.connectionError).toBe(TOKEN_UNREADABLE_ERROR);
    expect(await world.app.db.prisma.syncJob.findMany({ where: { shop: SHOP, orderId: mine.legacyId } })).toMatchObject([
      { status: "pending", attempts: 0 },
    ]);
    expect((await world.history(mine)).map((h) => h.outcome)).toEqual(["connection_broken"]);
    await world.setSettings({ openlogiToken: "openlogi-double-token" });
  });
});

describe("a job past its attempts", () => {
  it("is failed and recorded, not claimed forever, when its worker died on every attempt", async () => {
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await cancelInShopify(order);
    await world.app.db.prisma.syncJob.updateMany({
      where: { orderId: order.legacyId },
      data: { status: "running", lockedBy: "dead-worker", lockedAt: world.clock.now(), attempts: 8 },
    });
    world.clock.advance(11 * 60_000);
    await world.drain();
    expect(await world.app.db.prisma.syncJob.findMany({ where: { orderId: order.legacyId } })).toMatchObject([{ status: "failed", attempts: 8 }]);
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["failed"]);
  });
});

describe("the OpenLogi token in errors", () => {
  it("never reaches the history, the job or the connection error, even when a stored token cannot go in a header", async () => {
    // GIVEN a token stored before input was validated, with a line break that fetch refuses in a header
    const token = "legacy-token-abcdef\nsecond-line-123456";
    await world.app.db.prisma.shopSettings.update({
      where: { shop: SHOP },
      data: { openlogiTokenCiphertext: world.deps.cipher.encrypt(token, SHOP), connectionError: null },
    });
    const order = newOrder();
    world.seedOrder(order, "waiting");
    await cancelInShopify(order);
    // WHEN the worker tries OpenLogi with it
    await world.drain();
    // THEN nothing stored holds any line of the token
    const stored = JSON.stringify([
      await world.history(order),
      await world.app.db.prisma.syncJob.findMany({ where: { orderId: order.legacyId } }),
      await world.app.db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } }),
    ]);
    for (const piece of ["legacy-token-abcdef", "second-line-123456"]) expect(stored).not.toContain(piece);
    expect((await world.history(order)).map((h) => h.outcome)).toEqual(["connection_broken"]);
    await world.setSettings({ openlogiToken: "openlogi-double-token" });
  });
});

describe("a manual retry", () => {
  it("queues one job however often it is asked, syncs the order again, and links the new record to the one it retried", async () => {
    // GIVEN a record of a PUT OpenLogi refused once
    const order = newOrder();
    const [shipment] = world.seedOrder(order, "waiting");
    world.openlogi.failNext({ method: "PUT", path: `/shipments/${shipment.id}`, status: 422 });
    await updateInShopify(moved(order));
    await world.drain();
    const [refused] = await world.history(order);
    expect(refused.outcome).toBe("openlogi_rejected");
    // WHEN staff press Retry twice
    const ask = () => enqueueRetry(world.app.db.prisma, { shop: SHOP, orderId: order.legacyId, task: "edited", retryOfId: refused.id, now: world.clock.now() });
    expect(await ask()).toBe(await ask());
    await world.drain();
    // THEN the order was synced once more, and the new record says which one it retried
    expect((await world.history(order)).map((h) => [h.outcome, h.retryOfId])).toEqual([
      ["openlogi_rejected", null],
      ["updated", refused.id],
    ]);
    expect(await world.app.db.prisma.syncJob.count({ where: { orderId: order.legacyId, kind: "manual_retry" } })).toBe(1);
  });

  it("marks a record that calls for action in a column the history can filter by", async () => {
    const order = newOrder();
    world.seedOrder(order, "packed");
    await removeInShopify(order, "MUG-WHITE", 2);
    await world.drain();
    expect((await world.history(order)).map((h) => [h.outcome, h.actionRequired])).toEqual([["not_reflected_packed", true]]);
  });
});

