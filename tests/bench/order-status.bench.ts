/**
 * The order page's endpoint at 100,000 history records for one shop (10 records on each of
 * 10,000 orders, beside another shop's 20,000): GET /api/orders/:id/sync-status over HTTP
 * through the real Remix build, with a minted ID token, the shop's session and settings, and
 * a read of OpenLogi less than a minute old, so nothing leaves the machine. Prints p50/p95/p99
 * (target p95 < 30 ms) and SQLite's plan for each query the answer is served from.
 */
import { afterAll, bench, describe } from "vitest";
import { getEnv } from "../../app/env.server";
import { ORDER_RECORDS_TAKE } from "../../app/models/order-status.server";
import { seedShop } from "../../app/models/shop-seed.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { adminIdToken, BROWSER_USER_AGENT, EXTENSION_ORIGIN } from "../helpers/admin-id-token";
import { startAppHarness } from "../helpers/app-harness";

const SHOP = "bench-shop.myshopify.com";
const OTHER = "bench-other.myshopify.com";
const ORDERS = 10_000;
const PER_ORDER = 10;
const OUTCOMES = ["deleted", "updated", "no_change", "cancel_requested", "failed", "not_cancellable_packed"];

const app = await startAppHarness();
const { prisma } = app.db;
const cipher = createTokenCipher(getEnv().TOKEN_ENCRYPTION_KEY);
for (const shop of [SHOP, OTHER]) {
  await seedShop(prisma, cipher, { shop, accessToken: `shpat_${shop}`, openlogiToken: "bench-openlogi-token-0001", openlogiAccountCode: "TS001", settings: {} });
}

async function seedHistory(shop: string, orders: number) {
  const start = Date.UTC(2026, 0, 1);
  for (let first = 0; first < orders; first += 500) {
    const rows = [];
    for (let order = first; order < Math.min(first + 500, orders); order++) {
      for (let n = 0; n < PER_ORDER; n++) {
        const outcome = OUTCOMES[(order + n) % OUTCOMES.length];
        const at = new Date(start + (order * PER_ORDER + n) * 60_000);
        rows.push({
          shop,
          list: n % 2 === 0 ? "cancel" : "modify",
          orderId: String(1_000_000 + order),
          orderName: `#${order}`,
          shipmentId: `TS001-S${order}-${n % 2}`,
          shipmentIdentifier: `#${order}`,
          statusSeen: "picking",
          action: "none",
          billable: outcome === "cancel_requested",
          outcome,
          actionRequired: outcome === "not_cancellable_packed",
          startedAt: at,
          finishedAt: at,
          createdAt: at,
        });
      }
    }
    await prisma.syncHistory.createMany({ data: rows });
  }
}
await seedHistory(SHOP, ORDERS);
await seedHistory(OTHER, ORDERS / 5);
const shopRecords = await prisma.syncHistory.count({ where: { shop: SHOP } });

const token = await adminIdToken(SHOP, { exp: Math.floor(Date.now() / 1000) + 3600 });
let next = 0;
/** 500 different orders spread over the shop's 10,000 (7919 is prime to 10,000). */
const orderIds = Array.from({ length: 500 }, (_, i) => String(1_000_000 + ((i * 7919) % ORDERS)));

async function get(orderId: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${app.url}/api/orders/${orderId}/sync-status`, {
    headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_USER_AGENT, Origin: EXTENSION_ORIGIN },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`sync-status answered ${response.status}`);
  return performance.now() - started;
}

/** Every order's OpenLogi read is fresh: the answer comes from the database alone. */
async function freshReads() {
  await prisma.orderStatusRead.deleteMany();
  await prisma.orderStatusRead.createMany({
    data: orderIds.map((orderId) => ({
      shop: SHOP,
      orderId,
      shipmentKey: `#${Number(orderId) - 1_000_000}`,
      atLocation: true,
      settingsKey: "name|",
      orderUpdatedAt: new Date().toISOString(),
      factsReadAt: new Date(),
      shipments: JSON.stringify([{ id: `TS001-S${Number(orderId) - 1_000_000}-0`, status: "picking" }]),
      checkedAt: new Date(),
    })),
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function plan(sql: string, ...args: unknown[]): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...args);
  return rows.map((row) => row.detail).join("; ");
}

afterAll(async () => {
  await freshReads();
  for (let i = 0; i < 50; i++) await get(orderIds[i]); // warm-up
  const timings: number[] = [];
  for (const orderId of orderIds) timings.push(await get(orderId));
  timings.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `\nGET /api/orders/:id/sync-status, ${shopRecords.toLocaleString("en")} records for the shop, ${timings.length} requests one after another: ` +
      `p50 ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}, p99 ${ms(percentile(timings, 99))} (target p95 < 30 ms)`,
  );
  const orderId = orderIds[0];
  console.log("query plans:");
  console.log(
    `  order's records:  ${await plan(`SELECT id FROM SyncHistory WHERE shop = ? AND orderId = ? ORDER BY createdAt DESC, id DESC LIMIT ${ORDER_RECORDS_TAKE}`, SHOP, orderId)}`,
  );
  console.log(
    `  billable records: ${await plan(`SELECT id FROM SyncHistory WHERE shop = ? AND orderId = ? AND billable = 1 ORDER BY createdAt DESC, id DESC LIMIT ${ORDER_RECORDS_TAKE}`, SHOP, orderId)}`,
  );
  console.log(
    `  order's jobs:     ${await plan(`SELECT id, kind, status, retryOfId FROM SyncJob WHERE shop = ? AND orderId = ? AND (status IN ('pending', 'running') OR kind = 'manual_retry')`, SHOP, orderId)}`,
  );
  console.log(`  OpenLogi read:    ${await plan(`SELECT * FROM OrderStatusRead WHERE shop = ? AND orderId = ?`, SHOP, orderId)}`);
  await app.close();
});

describe(`order page endpoint at ${ORDERS * PER_ORDER} records for one shop`, () => {
  bench(
    "GET /api/orders/:id/sync-status (fresh OpenLogi read, over HTTP)",
    async () => {
      await get(orderIds[next++ % orderIds.length]);
    },
    {
      iterations: 200,
      async setup() {
        await freshReads();
      },
    },
  );
});
