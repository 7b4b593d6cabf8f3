/**
 * Every row of SPEC.md's cancellation and change tables, end to end: a webhook signed
 * with the API secret goes through the real Remix handler into the job table, the worker
 * reads the order from the Admin API double, looks the shipment up in the OpenLogi double,
 * decides, acts over HTTP, and writes the history row the merchant reads.
 */
import type { SettingsPatch } from "../../app/models/settings.server";
import type { OrderSnapshot, ShipmentStatus } from "../../app/sync/types";
import { OPENLOGI_LOCATION_ID, STORE_LOCATION_ID, addLine, fulfilAll, removeUnits } from "../doubles/build-order-snapshot";
import type { OrderOptions } from "../doubles/build-order-snapshot";
import { orderNumbered } from "../doubles/scenario";
import { startSyncWorld, type SyncWorld } from "../helpers/sync-world";

type Change = "cancel" | "address" | "email" | "remove-item" | "add-item-without-sku" | "fulfil" | "nothing";

interface Row {
  title: string;
  statuses: ShipmentStatus[];
  change: Change;
  settings?: SettingsPatch;
  /** How the order is built before the change: e.g. shipped from another location. */
  order?: OrderOptions;
  outcome: string;
  action: string;
  billable?: boolean;
  notices?: string[];
  /** OpenLogi writes, as "METHOD /path-suffix" with the shipment id replaced by ":id". */
  writes: string[];
  /** The shipment's status in OpenLogi afterwards; "gone" once deleted. */
  after?: ShipmentStatus | "gone";
}

const BILLABLE_ON: SettingsPatch = { cancelAfterConfirmation: true, modifyAfterConfirmation: true };
const BILLABLE_OFF: SettingsPatch = { cancelAfterConfirmation: false, modifyAfterConfirmation: false };
/** SPEC.md's defaults; every test starts from them. */
const DEFAULTS: SettingsPatch = { reflectChanges: true, reflectItemChanges: true, paused: false, locationId: null, ...BILLABLE_OFF };

const cancellation: Row[] = [
  { title: "deletes an OPEN (waiting) shipment", statuses: ["waiting"], change: "cancel", outcome: "deleted", action: "delete", writes: ["DELETE /shipments/:id"], after: "gone" },
  { title: "deletes an OPEN (backordered) shipment", statuses: ["backordered"], change: "cancel", outcome: "deleted", action: "delete", writes: ["DELETE /shipments/:id"], after: "gone" },
  { title: "deletes a HELD (suspended) shipment as if OPEN", statuses: ["suspended"], change: "cancel", outcome: "deleted", action: "delete", writes: ["DELETE /shipments/:id"], after: "gone" },
  { title: "requests a billable cancel when picking has begun and billable cancels are on", statuses: ["picking"], change: "cancel", settings: BILLABLE_ON, outcome: "cancel_requested", action: "cancel_request", billable: true, writes: ["POST /shipments/:id/cancel"], after: "cancel_request" },
  { title: "does nothing after confirmation when billable cancels are off", statuses: ["picked"], change: "cancel", settings: BILLABLE_OFF, outcome: "not_synced_confirmed", action: "none", writes: [], after: "picked" },
  { title: "says a packed shipment cannot be cancelled and asks to have it refused", statuses: ["packed"], change: "cancel", settings: BILLABLE_ON, outcome: "not_cancellable_packed", action: "none", notices: ["ask_recipient_to_refuse"], writes: [], after: "packed" },
  { title: "says a shipped shipment cannot be cancelled", statuses: ["shipped"], change: "cancel", settings: BILLABLE_ON, outcome: "not_cancellable_packed", action: "none", notices: ["ask_recipient_to_refuse"], writes: [], after: "shipped" },
  { title: "records an already pending cancel request", statuses: ["cancel_request"], change: "cancel", settings: BILLABLE_ON, outcome: "already_requested", action: "none", writes: [], after: "cancel_request" },
  { title: "treats a pending modify request like a confirmed shipment when cancelling", statuses: ["modify_request"], change: "cancel", settings: BILLABLE_ON, outcome: "cancel_requested", action: "cancel_request", billable: true, writes: ["POST /shipments/:id/cancel"], after: "cancel_request" },
  { title: "records that no OpenLogi shipment exists for the order", statuses: [], change: "cancel", outcome: "no_shipment", action: "none", writes: [] },
  { title: "leaves an order shipped from another location alone", statuses: ["waiting"], change: "cancel", settings: { locationId: OPENLOGI_LOCATION_ID }, order: { lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 1, locationId: STORE_LOCATION_ID }] }, outcome: "not_openlogi_order", action: "none", writes: [], after: "waiting" },
];

const changes: Row[] = [
  { title: "records no change when an update touched nothing the shipment holds", statuses: ["waiting"], change: "nothing", outcome: "no_change", action: "none", writes: [], after: "waiting" },
  { title: "updates an OPEN shipment's address with a PUT", statuses: ["waiting"], change: "address", outcome: "updated", action: "update", writes: ["PUT /shipments/:id"], after: "waiting" },
  { title: "updates an OPEN shipment's email with a PUT", statuses: ["backordered"], change: "email", outcome: "updated", action: "update", writes: ["PUT /shipments/:id"], after: "backordered" },
  { title: "removes an item taken out by an order edit from an OPEN shipment", statuses: ["waiting"], change: "remove-item", outcome: "updated", action: "update", writes: ["PUT /shipments/:id"], after: "waiting" },
  { title: "updates a HELD shipment as if OPEN", statuses: ["suspended"], change: "address", outcome: "updated", action: "update", writes: ["PUT /shipments/:id"] },
  { title: "requests a billable modification of a confirmed shipment's address when allowed", statuses: ["picking"], change: "address", settings: BILLABLE_ON, outcome: "modify_requested", action: "modify_request", billable: true, writes: ["POST /shipments/:id/modify"], after: "modify_request" },
  { title: "does not reflect a confirmed shipment's address when billable modifications are off", statuses: ["picked"], change: "address", settings: BILLABLE_OFF, outcome: "not_reflected_confirmed", action: "none", writes: [], after: "picked" },
  { title: "explains that an email cannot change after confirmation", statuses: ["picking"], change: "email", settings: BILLABLE_ON, outcome: "not_reflected_confirmed", action: "none", notices: ["email_not_changeable_after_confirmation"], writes: [], after: "picking" },
  { title: "asks for action when items change after picking began", statuses: ["picking"], change: "remove-item", settings: BILLABLE_ON, outcome: "not_reflected_confirmed", action: "none", notices: ["items_changed_after_picking"], writes: [], after: "picking" },
  { title: "warns that removed items may ship once packed", statuses: ["packed"], change: "remove-item", settings: BILLABLE_ON, outcome: "not_reflected_packed", action: "none", notices: ["removed_items_may_ship"], writes: [], after: "packed" },
  { title: "does not reflect an address change once shipped", statuses: ["shipped"], change: "address", settings: BILLABLE_ON, outcome: "not_reflected_packed", action: "none", writes: [], after: "shipped" },
  { title: "records no change, and no false alarm, when a shipped order's fulfillment order closes", statuses: ["shipped"], change: "fulfil", settings: BILLABLE_ON, outcome: "no_change", action: "none", writes: [], after: "shipped" },
  { title: "waits on a pending request instead of sending another", statuses: ["modify_request"], change: "address", settings: BILLABLE_ON, outcome: "request_pending", action: "none", writes: [], after: "modify_request" },
  { title: "refuses to map an added item without a SKU and changes nothing", statuses: ["waiting"], change: "add-item-without-sku", outcome: "missing_sku", action: "none", writes: [], after: "waiting" },
  { title: "does nothing when the merchant turned change reflection off", statuses: ["waiting"], change: "address", settings: { reflectChanges: false }, outcome: "reflect_disabled", action: "none", writes: [], after: "waiting" },
  { title: "does nothing while sync is paused", statuses: ["waiting"], change: "cancel", settings: { paused: true }, outcome: "paused", action: "none", writes: [], after: "waiting" },
];

/** The order after the change, and the edit's delta as Shopify's orders/edited payload carries it. */
function applyChange(order: OrderSnapshot, change: Change): { order: OrderSnapshot; edit?: { removed?: string[]; added?: string[] } } {
  switch (change) {
    case "cancel":
      return { order: { ...order, cancelledAt: "2026-11-20T10:00:00+09:00" } };
    case "address":
      return { order: { ...order, shippingAddress: { ...order.shippingAddress!, address1: "丸の内2-7-2", address2: "JPタワー 10F" } } };
    case "email":
      return { order: { ...order, email: "hanako.yamada@example.com" } };
    case "remove-item": {
      const mug = order.lineItems.find((line) => line.sku === "MUG-WHITE")!;
      return { order: removeUnits(order, "MUG-WHITE", mug.currentQuantity), edit: { removed: [mug.id] } };
    }
    case "add-item-without-sku": {
      const added = addLine(order, { sku: null, title: "手書きギフトカード", quantity: 1, unitPrice: 500 });
      return { order: added.order, edit: { added: [added.lineItemId] } };
    }
    case "fulfil":
      return { order: fulfilAll(order) };
    case "nothing":
      return { order };
  }
}

const topicOf = (change: Change) =>
  change === "cancel" ? "orders/cancelled" : change === "remove-item" || change === "add-item-without-sku" ? "orders/edited" : "orders/updated";

let world: SyncWorld;
let next = 3000;
beforeAll(async () => {
  world = await startSyncWorld();
});
afterAll(() => world.close());

describe.each([
  ["orders/cancelled (SPEC.md: Cancellation)", cancellation],
  ["orders/edited and orders/updated (SPEC.md: Changes)", changes],
])("%s", (_, rows) => {
  it.each(rows)("$title", async (row) => {
    // GIVEN an order and its shipments, and the row's settings
    await world.setSettings({ ...DEFAULTS, ...row.settings });
    const before = orderNumbered(++next, row.order);
    const shipments = world.seedOrder(before, ...row.statuses);
    const writesBefore = world.writes().length;
    const requestsBefore = world.openlogi.requests.length;

    // WHEN Shopify changes the order and sends the webhook
    const { order: after, edit } = applyChange(before, row.change);
    world.setOrder(after);
    expect((await world.send(topicOf(row.change), after, { edit })).status).toBe(200);
    await world.drain();

    // THEN OpenLogi received exactly the row's writes, and the history says what happened
    const id = shipments[0]?.id ?? "none";
    // Outcomes that do not depend on the shipment call nothing at all, not even a lookup.
    const blind = ["paused", "not_openlogi_order"].includes(row.outcome);
    const writes = world.writes().slice(writesBefore).map((w) => `${w.method} ${w.path.replace(id, ":id")}`);
    expect(writes).toEqual(row.writes);
    const history = await world.history(before);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      outcome: row.outcome,
      action: row.action,
      billable: row.billable ?? false,
      list: row.change === "cancel" ? "cancel" : "modify",
      orderName: before.name,
      shipmentId: blind ? null : (shipments[0]?.id ?? null),
      statusSeen: blind ? null : (row.statuses[0] ?? null),
    });
    if (blind) expect(world.openlogi.requests.slice(requestsBefore)).toEqual([]);
    const notices = (JSON.parse(history[0].details ?? "{}").notices ?? []).map((n: { code: string }) => n.code);
    expect(notices).toEqual(row.notices ?? []);
    if (row.after === "gone") expect(world.openlogi.get(id)).toBeUndefined();
    else if (row.after) expect(world.openlogi.get(id)?.status).toBe(row.after);
    expect(await world.app.db.prisma.syncJob.count({ where: { orderId: before.legacyId, status: { not: "completed" } } })).toBe(0);
  });
});

describe("what a PUT carries", () => {
  beforeEach(() => world.setSettings(DEFAULTS));

  it("keeps every field the merchant set in OpenLogi and changes only the address", async () => {
    const before = orderNumbered(++next);
    const [original] = world.seedOrder(before, "waiting");
    const { order: after } = applyChange(before, "address");
    world.setOrder(after);
    await world.send("orders/updated", after);
    await world.drain();

    const stored = world.openlogi.get(original.id)!;
    for (const field of ["delivery_carrier", "delivery_time_slot", "delivery_date", "cushioning_type", "gift_wrapping_type", "gift_sender_name", "message", "delivery_note_type", "shipping_email"] as const) {
      expect(stored[field], field).toEqual(original[field]);
    }
    // Items go back as requests: OpenLogi's item ids are response-only and stay OpenLogi's.
    const asRequested = (items: typeof original.items) =>
      items!.map(({ code, quantity, name, unit_price, price, is_reduced_tax }) => ({ code, quantity, name, unit_price, price, is_reduced_tax }));
    expect(asRequested(stored.items)).toEqual(asRequested(original.items));
    expect(stored.recipient).toMatchObject({ address1: "千代田区丸の内2-7-2", address2: "JPタワー 10F", name: "山田 太郎" });
  });

  it("removes the edited-out item and keeps the remaining item's details", async () => {
    const before = orderNumbered(++next);
    const [original] = world.seedOrder(before, "waiting");
    const { order: after, edit } = applyChange(before, "remove-item");
    world.setOrder(after);
    await world.send("orders/edited", after, { edit });
    await world.drain();
    const stored = world.openlogi.get(original.id)!;
    expect(stored.items!.map((item) => [item.code, item.quantity])).toEqual([["TSHIRT-NAVY-M", 1]]);
    expect(stored.items![0]).toMatchObject({ name: original.items![0].name, unit_price: original.items![0].unit_price });
    // The delivery note's amounts follow the order after the edit, not before it.
    expect(stored).toMatchObject({ subtotal_amount: 3980, total_amount: 3980 });
  });

  it("handles each of an order's several shipments on its own", async () => {
    const before = orderNumbered(++next);
    const [first, second] = world.seedOrder(before, "waiting", "waiting");
    const { order: after } = applyChange(before, "cancel");
    world.setOrder(after);
    await world.send("orders/cancelled", after);
    await world.drain();
    expect(world.openlogi.get(first.id)).toBeUndefined();
    expect(world.openlogi.get(second.id)).toBeUndefined();
    expect((await world.history(before)).map((h) => [h.shipmentId, h.outcome])).toEqual([
      [first.id, "deleted"],
      [second.id, "deleted"],
    ]);
  });
});
