/**
 * Issue 8 §6's benchmark: 1,000 signed orders/updated deliveries that change only tags, notes
 * or payment status, spread over 10 orders whose first update was handled (the orders at once,
 * each order's in order), through the Remix handler and the worker, against the Admin API and
 * OpenLogi doubles, which count every request. Target: 0 OpenLogi calls and 0 Admin reads. (Before the fingerprint, each such
 * update cost one Admin read and one OpenLogi call: issue 8 measured 50 and 50 for 50.)
 */
import { afterAll, bench, describe } from "vitest";
import type { OrderSnapshot } from "../../app/sync/types";
import { orderNumbered } from "../doubles/scenario";
import { SHOP, startSyncWorld } from "../helpers/sync-world";

const world = await startSyncWorld();
const ORDERS = 10;
const UPDATES = 1_000;
const NOISE = [{ tags: "vip" }, { note: "置き配希望" }, { financial_status: "authorized" }, { tags: "vip, gift", note: "ギフト" }, { financial_status: "paid" }];
const printed: string[] = [];

afterAll(async () => {
  console.log(`\nquiet orders/updated: ${UPDATES} deliveries changing only tags, notes or payment status, over ${ORDERS} orders`);
  for (const line of printed) console.log(line);
  await world.close();
});

let round = 0;
async function run() {
  round++;
  // GIVEN orders whose first update was handled (one Admin read and one OpenLogi lookup each)
  const orders: OrderSnapshot[] = [];
  let second = 0;
  const later = () => new Date(Date.UTC(2026, 10, 20, round, 0, 0) + ++second * 1_000);
  for (let i = 0; i < ORDERS; i++) {
    const order = orderNumbered(90_000 + round * 100 + i);
    world.seedOrder(order, "waiting");
    await world.send("orders/updated", order, { triggeredAt: later() });
    orders.push(order);
  }
  await world.drain();
  const before = { admin: world.admin.requests.length, openlogi: world.openlogi.requests.length };
  const historyBefore = await world.app.db.prisma.syncHistory.count({ where: { shop: SHOP } });
  const jobsBefore = await world.app.db.prisma.syncJob.count({ where: { shop: SHOP } });

  // WHEN 1,000 quiet updates arrive: the orders at once, each order's in Shopify's order (one
  // arriving before an older one is never skipped: see README)
  let acks = 0;
  const started = performance.now();
  await Promise.all(
    orders.map(async (order, index) => {
      for (let i = index; i < UPDATES; i += ORDERS) {
        const response = await world.send("orders/updated", order, { triggeredAt: later(), noise: NOISE[i % NOISE.length] });
        if (response.status === 200) acks++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await world.drain();

  const quiet = await world.app.db.prisma.orderFingerprint.aggregate({ where: { shop: SHOP, orderId: { in: orders.map((o) => o.legacyId) } }, _sum: { quietCount: true } });
  printed.length = 0;
  printed.push(
    `  acknowledged ${acks} of ${UPDATES} in ${seconds.toFixed(1)} s`,
    `  OpenLogi calls: ${world.openlogi.requests.length - before.openlogi} (target 0)`,
    `  Admin API reads: ${world.admin.requests.length - before.admin} (target 0)`,
    `  jobs: ${(await world.app.db.prisma.syncJob.count({ where: { shop: SHOP } })) - jobsBefore}, history records: ${(await world.app.db.prisma.syncHistory.count({ where: { shop: SHOP } })) - historyBefore}`,
    `  counted as quiet on the orders: ${quiet._sum.quietCount ?? 0}`,
  );
}

describe("quiet orders/updated", () => {
  bench("1,000 updates that change only tags, notes or payment status", run, { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 });
});
