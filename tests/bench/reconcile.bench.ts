/**
 * One reconciliation cycle of a shop with 10,000 order updates a day, through the real cycle,
 * queue and worker against the Admin API and OpenLogi doubles: the Admin API points the cycle
 * and the worker spend (Shopify's actual cost, as the double computes it) and the OpenLogi
 * calls, when every webhook arrived and when none of the cycle's did. Timing: the pure plan.
 */
import { bench, describe } from "vitest";
import { planReconcile, type ReconcileOrder } from "../../app/reconcile/plan-reconcile";
import { reconcileShop } from "../../app/reconcile/reconcile-shop.server";
import type { OrderSnapshot } from "../../app/sync/types";
import { buildMailingAddress } from "../doubles/build-order-snapshot";
import { orderNumbered } from "../doubles/scenario";
import { OTHER_SHOP, SHOP, startSyncWorld } from "../helpers/sync-world";

const MINUTE = 60_000;
const PER_DAY = 10_000;
const CYCLE_MS = 15 * MINUTE;
/** Updates a cycle meets: its 15 minutes and the 5 minutes of overlap it reads again. */
const IN_WINDOW = Math.round((PER_DAY * 20 * MINUTE) / (24 * 60 * MINUTE));
const NEW_IN_CYCLE = Math.round((PER_DAY * CYCLE_MS) / (24 * 60 * MINUTE));

const world = await startSyncWorld();
await world.seedOtherShop();
const start = world.clock.nowMs();
for (const shop of [SHOP, OTHER_SHOP]) {
  await world.app.db.prisma.shopSettings.update({ where: { shop }, data: { installedAt: new Date(start) } });
  await world.app.db.prisma.reconcileCheckpoint.create({
    data: { shop, updatedSince: new Date(start + 5 * MINUTE), lastCycleAt: new Date(start + 5 * MINUTE) },
  });
}

const osaka = buildMailingAddress({ zip: "530-0001", province: "Ōsaka", provinceCode: "JP-27", city: "大阪市北区", address1: "梅田3-1-1" });
/**
 * The window's updates, spread over 20 minutes: most change nothing OpenLogi holds (tags,
 * payment, fulfilment), 1 in 20 changes the address, 1 in 50 cancels.
 */
function windowOrders(base: number): OrderSnapshot[] {
  return Array.from({ length: IN_WINDOW }, (_, i) => {
    const order = orderNumbered(base + i, { updatedAt: new Date(start + (i * 20 * MINUTE) / IN_WINDOW).toISOString() });
    if (i % 50 === 7) return { ...order, cancelledAt: order.updatedAt };
    if (i % 20 === 3) return { ...order, shippingAddress: osaka };
    return order;
  });
}

interface Figures {
  scenario: string;
  read: number;
  queued: number;
  cyclePoints: number;
  workerPoints: number;
  openlogiCalls: number;
}

/** `deliveredBefore`: webhooks arrived for the updates before this moment, and for none after. */
async function measure(shop: string, scenario: string, base: number, deliveredBefore: number): Promise<Figures> {
  const orders = windowOrders(base);
  for (const order of orders) {
    // The shipment as OpenLogi imported the order (the address before any change), waiting.
    world.seedOrder({ ...order, shippingAddress: buildMailingAddress(), cancelledAt: null }, "waiting");
    world.setOrder(order, shop);
    if (Date.parse(order.updatedAt) < deliveredBefore) {
      const topic = order.cancelledAt ? "orders/cancelled" : "orders/updated";
      await world.send(topic, order, { shop, updatedAt: order.updatedAt, triggeredAt: new Date(order.updatedAt) });
    }
  }
  // Webhooks that arrived were handled as they came; what is measured is the cycle and what it queued.
  await world.drain();
  world.admin.requests.length = 0;
  world.openlogi.requests.length = 0;
  world.clock.set(new Date(start + 20 * MINUTE));
  const summary = await reconcileShop(world.deps, shop);
  const cyclePoints = world.admin.requests.reduce((sum, request) => sum + (request.actualCost ?? 0), 0);
  await world.drain();
  const allPoints = world.admin.requests.reduce((sum, request) => sum + (request.actualCost ?? 0), 0);
  return {
    scenario,
    read: summary!.seen,
    queued: summary!.queued,
    cyclePoints,
    workerPoints: allPoints - cyclePoints,
    openlogiCalls: world.openlogi.requests.length,
  };
}

const figures = [
  await measure(SHOP, "every webhook arrived", 70_000, Number.POSITIVE_INFINITY),
  // The overlap's updates came before the checkpoint: their webhooks (or the last cycle) covered them.
  await measure(OTHER_SHOP, `none of the cycle's ${NEW_IN_CYCLE} webhooks arrived`, 80_000, start + 5 * MINUTE),
];
console.log(
  `\nReconciliation, one cycle of a shop with ${PER_DAY.toLocaleString("en")} order updates a day (${NEW_IN_CYCLE} new in 15 minutes, ${IN_WINDOW} read with the overlap):\n` +
    figures
      .map(
        (f) =>
          `  ${f.scenario}: read ${f.read} orders, queued ${f.queued}; Admin API ${f.cyclePoints} points for the cycle + ${f.workerPoints} for the worker's order reads; OpenLogi ${f.openlogiCalls} calls`,
      )
      .join("\n") +
    "\n",
);
await world.close();

const plannedOrders: ReconcileOrder[] = windowOrders(90_000).map((order) => ({
  id: order.legacyId,
  createdAt: new Date(start - 60 * MINUTE),
  updatedAt: new Date(order.updatedAt),
  cancelledAt: order.cancelledAt ? new Date(order.cancelledAt) : null,
}));

describe("reconciliation", () => {
  bench(`plan a page of ${IN_WINDOW} updated orders`, () => {
    planReconcile(SHOP, new Date(start), plannedOrders, new Map());
  });
});
