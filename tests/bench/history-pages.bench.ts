/**
 * The History list's and a record's loaders (app/pages/history.server.ts, what the routes
 * run after authenticate.admin) on SQLite at 100,000 records for one shop, and at 1,000,000
 * over 10 shops. Prints p50/p95 per query; the target is p95 under 150 ms.
 */
import { createClient } from "@libsql/client";
import { afterAll, bench, describe } from "vitest";
import { createPrismaClient } from "../../app/models/db.server";
import { countRecentOutcomes } from "../../app/models/history-queries.server";
import { loadHistoryList, loadRecordPage } from "../../app/pages/history.server";
import { createTestDatabase } from "../helpers/test-db";

const TIME_ZONE = "Asia/Tokyo";
const NEWEST = Date.parse("2026-11-20T00:00:00Z");
const samples = new Map<string, number[]>();

/**
 * `perShop` records for each of `shops` shops, one every 30 s per shop going back from
 * NEWEST. Outcomes as a shop sees them: mostly no change, deletions and updates; 0.5 %
 * failed and 0.5 % needing action, so the rare filters are the slow ones.
 */
async function fill(url: string, shops: number, perShop: number) {
  const client = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute(`
    WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${shops * perShop - 1})
    INSERT INTO "SyncHistory" ("shop", "list", "orderId", "orderName", "shipmentId", "statusSeen", "action", "billable",
      "outcome", "actionRequired", "message", "details", "attempts", "startedAt", "finishedAt", "createdAt")
    SELECT 'bench-' || (i % ${shops}) || '.myshopify.com',
      CASE WHEN i % 7 < 3 THEN 'cancel' ELSE 'modify' END,
      CAST(6000000 + i / ${shops} AS TEXT), '#' || (1001 + i / ${shops}), 'TS001-S' || (900000 + i), 'waiting',
      CASE WHEN i % 7 < 3 THEN 'delete' ELSE 'update' END,
      (i % 97 = 0),
      CASE WHEN i % 200 = 0 THEN 'failed' WHEN i % 200 = 1 THEN 'missing_sku'
           WHEN i % 7 < 3 THEN 'deleted' WHEN i % 7 < 5 THEN 'updated' ELSE 'no_change' END,
      (i % 200 = 1), NULL,
      '{"decision":"none","notices":[],"changes":[{"field":"shipping_email","before":"a@example.jp","after":"b@example.jp"}]}',
      1, t, t, t
    FROM (SELECT i, strftime('%Y-%m-%dT%H:%M:%f+00:00', ${NEWEST / 1000} - (i / ${shops}) * 30, 'unixepoch') AS t FROM seq)`);
  await client.execute("ANALYZE");
  client.close();
}

async function dataset(shops: number, perShop: number) {
  const db = await createTestDatabase();
  await fill(db.url, shops, perShop);
  await db.prisma.$disconnect();
  const prisma = createPrismaClient(db.url);
  const shop = "bench-0.myshopify.com";
  const ids = await prisma.syncHistory.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } });
  const deep = await loadHistoryList(prisma, shop, new URL(`http://app/app/history`), TIME_ZONE);
  return { db, prisma, shop, ids: ids.map((row) => row.id), firstOlder: deep.older };
}

const DATASETS = [
  { name: "100k records, 1 shop", shops: 1, perShop: 100_000 },
  { name: "1M records, 10 shops", shops: 10, perShop: 100_000 },
];

const opened: Awaited<ReturnType<typeof dataset>>[] = [];

for (const { name, shops, perShop } of DATASETS) {
  const set = await dataset(shops, perShop);
  opened.push(set);
  const { prisma, shop, ids } = set;
  const middle = new Date(NEWEST - (perShop / 2) * 30_000).toISOString().slice(0, 10);
  // A cursor half-way down the shop's history: a deep page costs what the first one does.
  const halfway = await prisma.syncHistory.findFirstOrThrow({ where: { shop, list: "modify" }, orderBy: { id: "asc" }, skip: perShop / 4 });
  const deepCursor = `${halfway.createdAt.getTime().toString(36)}-${halfway.id.toString(36)}`;
  const list = (query: string) => () => loadHistoryList(prisma, shop, new URL(`http://app/app/history?${query}`), TIME_ZONE);
  const queries: [string, () => Promise<unknown>][] = [
    ["list: newest page", list("tab=modify")],
    ["list: next page", list(`tab=cancel&after=${set.firstOlder ? `${set.firstOlder}` : ""}`)],
    ["list: a page half-way down", list(`tab=modify&after=${deepCursor}`)],
    ["list: failed (0.5 %)", list("tab=modify&group=failed")],
    ["list: action required (0.5 %)", list("tab=modify&actionRequired=yes")],
    ["list: billable (1 %)", list("tab=cancel&billable=yes")],
    ["list: one day", list(`tab=modify&from=${middle}&to=${middle}`)],
    ["list: search by order name", list(`tab=modify&q=${1001 + perShop / 2}`)],
    ["record page", () => loadRecordPage(prisma, shop, String(ids[Math.floor(Math.random() * ids.length)]))],
    ["home: last 7 days' figures", () => countRecentOutcomes(prisma, shop, new Date(NEWEST - 7 * 86_400_000))],
  ];
  describe(name, () => {
    for (const [query, run] of queries) {
      const key = `${name} · ${query}`;
      samples.set(key, []);
      bench(
        query,
        async () => {
          const started = performance.now();
          await run();
          samples.get(key)!.push(performance.now() - started);
        },
        { iterations: 40, warmupIterations: 3, time: 0 },
      );
    }
  });
}

afterAll(async () => {
  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const lines = [...samples].map(([key, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `  ${key.padEnd(62)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms   (n=${sorted.length})`;
  });
  console.log(`\nHistory loaders on SQLite (target p95 < 150 ms):\n${lines.join("\n")}\n`);
  for (const set of opened) {
    await set.prisma.$disconnect();
    await set.db.drop();
  }
});
