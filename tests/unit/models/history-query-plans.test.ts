/**
 * Every History filter is served from an index: the SQL Prisma actually sends for each
 * filter (captured at the driver adapter) is asked for its plan with EXPLAIN QUERY PLAN on
 * a migrated database, and no plan may scan the history table or sort it.
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { EMPTY_FILTER, type HistoryFilter } from "../../../app/history/history-filter";
import { countRecentOutcomes, listHistoryPage } from "../../../app/models/history-queries.server";
import { shopQueueStats } from "../../../app/models/queue-stats.server";
import { migrate } from "../../helpers/test-db";

const file = path.resolve("tests/.tmp", `${randomUUID()}.sqlite`);
const url = `file:${file}`;
const sent: SqlQuery[] = [];
let prisma: PrismaClient;
let sqlite: Client;

const SHOP = "plans.myshopify.com";
const OTHER = "other.myshopify.com";

/** The libsql adapter, recording every query it is given. */
function recording(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      return new Proxy(adapter, {
        get(target, property) {
          if (property === "queryRaw") {
            return (query: SqlQuery) => {
              sent.push(query);
              return target.queryRaw(query);
            };
          }
          const value = Reflect.get(target, property);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }) as SqlDriverAdapter;
    },
  };
}

beforeAll(async () => {
  await migrate(url);
  prisma = new PrismaClient({ adapter: recording(new PrismaLibSQL({ url })) });
  sqlite = createClient({ url });
  // The planner chooses by the table's statistics: give it two shops with a history each
  // (every outcome, a tenth billable, a twentieth calling for action) and jobs of every state.
  const outcomes = ["deleted", "updated", "no_change", "not_reflected_packed", "failed", "openlogi_rejected", "cancel_requested"];
  const statements = [];
  for (let i = 0; i < 4000; i++) {
    const at = new Date(Date.parse("2026-10-01T00:00:00Z") + i * 600_000).toISOString();
    statements.push({
      sql: `INSERT INTO SyncHistory (shop, list, orderId, orderName, action, billable, outcome, actionRequired, startedAt, finishedAt, createdAt)
            VALUES (?, ?, ?, ?, 'none', ?, ?, ?, ?, ?, ?)`,
      args: [i % 2 ? SHOP : OTHER, i % 3 ? "cancel" : "modify", String(i), `#${1000 + i}`, i % 10 === 0 ? 1 : 0, outcomes[i % outcomes.length], i % 20 === 0 ? 1 : 0, at, at, at],
    });
    statements.push({
      sql: `INSERT INTO SyncJob (shop, orderId, task, jobKey, triggeredAt, status, completedAt, updatedAt) VALUES (?, ?, 'cancelled', ?, ?, ?, ?, ?)`,
      args: [i % 2 ? SHOP : OTHER, String(i), `job-${i}`, at, ["completed", "failed", "pending", "completed"][i % 4], at, at],
    });
  }
  await sqlite.batch(statements, "write");
  await sqlite.execute("ANALYZE");
});

afterAll(async () => {
  await prisma.$disconnect();
  sqlite.close();
  rmSync(file, { force: true });
});

const CURSOR = { at: Date.parse("2026-11-20T00:00:00Z"), id: 500 };

/** The plan of every history query `run` sends. */
async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await run();
  const queries = sent.filter((query) => /`(SyncHistory|SyncJob)`/.test(query.sql) && /^\s*SELECT/i.test(query.sql));
  expect(queries.length).toBeGreaterThan(0);
  const plans: string[] = [];
  for (const query of queries) {
    const args = query.args.map((arg) => (arg instanceof Date ? arg.toISOString() : arg)) as never[];
    const rows = await sqlite.execute({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, args });
    plans.push(rows.rows.map((row) => String(row.detail)).join("; "));
  }
  return plans;
}

const filters: [string, Partial<HistoryFilter>][] = [
  ["newest first", {}],
  ["the changes list", { list: "modify" }],
  ["an outcome group", { group: "failed" }],
  ["billable", { billable: true }],
  ["not billable", { billable: false }],
  ["action required", { actionRequired: true }],
  ["a date range", { from: "2026-11-01", to: "2026-11-07" }],
  ["an order-name search", { query: "1001" }],
  ["a group, billable and dates together", { group: "billable", billable: true, from: "2026-11-01" }],
  ["a page after a cursor", { after: CURSOR }],
  ["a page before a cursor", { before: CURSOR }],
  ["a group after a cursor", { group: "deleted", after: CURSOR }],
];

describe("the History's queries", () => {
  it.each(filters)("serves %s from an index, without sorting", async (_name, filter) => {
    const plans = await plansOf(() => listHistoryPage(prisma, SHOP, { ...EMPTY_FILTER, ...filter }, { timeZone: "Asia/Tokyo" }));

    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX \w+ \(shop=\?/);
      expect(plan).not.toMatch(/SCAN (main\.)?SyncHistory/);
      // Only a search may sort: the name's range has narrowed the rows to a few first.
      if (!filter.query) expect(plan).not.toMatch(/TEMP B-TREE/);
      else expect(plan).toMatch(/orderName>\? AND orderName<\?/);
    }
  });

  it("serves Home's figures from indexes", async () => {
    const since = new Date("2026-11-16T15:00:00Z");
    const plans = await plansOf(async () => {
      await countRecentOutcomes(prisma, SHOP, since);
      await shopQueueStats(prisma, SHOP, new Date(), since);
    });

    // Each seeks to the shop first: another shop's rows, or every shop's failed jobs, are never read.
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX \w+ \(shop=\?/);
      expect(plan).not.toMatch(/SCAN (main\.)?(SyncHistory|SyncJob)\b(?! USING)/);
    }
  });
});
