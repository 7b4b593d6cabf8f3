import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { INTAKE_APPLICATION_NAME, isDatabaseUnavailable } from "../../../app/models/intake-connection.server";
import { storeWebhookBatch, type IntakeEntry } from "../../../app/models/webhook-intake.server";
import { createTestDatabase, testDialect, type TestDatabase } from "../../helpers/test-db";

// The machine's zone must not leak into stored times: PostgreSQL's `timestamp` has none, and
// the driver's default parser reads it as local time.
process.env.TZ = "Asia/Tokyo";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const SHOP = "connection.myshopify.com";
function entry(webhookId: string, orderId: string, triggeredAt: Date, receivedAt: Date, fingerprint: string | null = "F"): IntakeEntry {
  return {
    record: { webhookId, topic: "orders/updated", shop: SHOP, eventId: null, apiVersion: "2026-07", triggeredAt, orderId, payload: "{}" },
    job: { task: "updated", orderId, jobKey: `${SHOP}:updated:${orderId}:${webhookId}` },
    fingerprint,
    receivedAt,
  };
}

describe("the intake's own connection", () => {
  it("writes times Prisma reads back unchanged, and reads back the ones it wrote, in a zone other than UTC", async () => {
    const triggeredAt = new Date("2026-11-23T00:30:15.250Z");
    const receivedAt = new Date("2026-11-23T00:30:16.004Z");
    expect(await storeWebhookBatch(db.prisma, [entry("time-1", "10", triggeredAt, receivedAt)])).toEqual(["stored"]);

    const event = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { webhookId: "time-1" } });
    expect([event.triggeredAt.toISOString(), event.receivedAt.toISOString()]).toEqual([triggeredAt.toISOString(), receivedAt.toISOString()]);
    const job = await db.prisma.syncJob.findFirstOrThrow({ where: { shop: SHOP, orderId: "10" } });
    expect([job.triggeredAt, job.runAt, job.createdAt].map((date) => date.toISOString())).toEqual([
      triggeredAt.toISOString(),
      receivedAt.toISOString(),
      receivedAt.toISOString(),
    ]);

    // The fingerprint state is read back through the driver: a delivery 1 ms older than the
    // stored one is out of order and never quiet; one 1 ms newer with the same hash is quiet.
    const older = new Date(triggeredAt.getTime() - 1);
    const newer = new Date(triggeredAt.getTime() + 1);
    expect(await storeWebhookBatch(db.prisma, [entry("time-2", "10", older, receivedAt)])).toEqual(["stored"]);
    expect(await storeWebhookBatch(db.prisma, [entry("time-3", "10", newer, receivedAt)])).toEqual(["quiet"]);
    const state = await db.prisma.orderFingerprint.findUniqueOrThrow({ where: { shop_orderId: { shop: SHOP, orderId: "10" } } });
    expect(state.triggeredAt?.toISOString()).toBe(newer.toISOString());
  });

  it.skipIf(testDialect() !== "sqlite")(
    "waits out a write lock that Prisma's connection in this process holds across an await, without stopping the event loop (SQLite only: PostgreSQL's connections do not share a thread)",
    async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const transaction = db.prisma.$transaction(async (tx) => {
        await tx.shopSettings.upsert({ where: { shop: SHOP }, create: { shop: SHOP }, update: {} });
        holding();
        await released;
      });
      await held;

      let settled = false;
      const stored = storeWebhookBatch(db.prisma, [entry("locked-1", "20", new Date(), new Date(), null)]).finally(() => (settled = true));
      // The store waits on a timer, so this timer still fires, and then lets the transaction end.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toBe(false);
      release();
      await transaction;
      expect(await stored).toEqual(["stored"]);
      expect(await db.prisma.syncJob.count({ where: { shop: SHOP, orderId: "20" } })).toBe(1);
    },
  );

  it("rolls a batch back whole when a later statement fails, and stores nothing of it", async () => {
    const good = entry("rollback-1", "30", new Date(), new Date(), null);
    // The events insert, then the jobs insert refuses a job without a task (NOT NULL).
    const bad = { ...entry("rollback-2", "31", new Date(), new Date(), null), job: { ...good.job, orderId: "31", jobKey: "k-31", task: null as never } };
    await expect(storeWebhookBatch(db.prisma, [good, bad])).rejects.toThrow();
    expect(await db.prisma.webhookEvent.count({ where: { webhookId: { in: ["rollback-1", "rollback-2"] } } })).toBe(0);
    expect(await storeWebhookBatch(db.prisma, [good])).toEqual(["stored"]);
  });

  it("opens the one copy of libsql that Prisma's libsql client opens (two copies in one process break SQLite's locks)", () => {
    const fromApp = createRequire(path.resolve("app/models/intake-connection.server.ts")).resolve("libsql");
    const fromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client")).resolve("libsql");
    expect(fromClient).toBe(fromApp);
  });

  it.each([
    ["SQLite busy", Object.assign(new Error("database is locked"), { rawCode: 5 }), true],
    ["SQLite busy snapshot", Object.assign(new Error("database is locked"), { rawCode: 517 }), true],
    ["SQLite NOT NULL", Object.assign(new Error("NOT NULL constraint failed"), { rawCode: 1299 }), false],
    ["PostgreSQL not-null violation", Object.assign(new Error("null value"), { code: "23502" }), false],
    ["PostgreSQL NUL in text", Object.assign(new Error("invalid byte sequence"), { code: "22021" }), false],
    ["PostgreSQL backend terminated", Object.assign(new Error("terminating connection"), { code: "57P01" }), true],
    ["PostgreSQL lock wait over", Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" }), true],
    ["pg's connect timeout", new Error("timeout exceeded when trying to connect"), true],
    ["pg's lost socket", new Error("Connection terminated unexpectedly"), true],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true],
    ["a bug in a plan", new TypeError("Cannot read properties of undefined"), false],
  ])("tells the database being unavailable (%s) from a batch's own failure", (_what, error, unavailable) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });

  it.skipIf(testDialect() !== "postgresql")(
    "fails only the batch whose PostgreSQL connection is lost in the middle of it, and stores the next one (PostgreSQL only: SQLite has no connection to lose)",
    async () => {
      // Another session holds the order's fingerprint row, so the batch waits inside its transaction.
      await storeWebhookBatch(db.prisma, [entry("lost-0", "40", new Date(), new Date())]);
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query("BEGIN");
        await holder.query(`SELECT 1 FROM "OrderFingerprint" WHERE "shop" = $1 AND "orderId" = '40' FOR UPDATE`, [SHOP]);
        let settled = false;
        const stored = storeWebhookBatch(db.prisma, [entry("lost-1", "40", new Date(), new Date())]).finally(() => (settled = true));
        // This file's database only: other test files run beside it on the same server.
        const waiting = async () =>
          (
            await holder.query(
              `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND wait_event_type = 'Lock'`,
              [INTAKE_APPLICATION_NAME],
            )
          ).rows;
        let rows = await waiting();
        while (rows.length === 0 && !settled) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          rows = await waiting();
        }
        expect(rows).toHaveLength(1);
        await holder.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
        await expect(stored).rejects.toThrow();
      } finally {
        await holder.query("ROLLBACK");
        await holder.end();
      }
      // The process is still here, the lost delivery stored nothing, and the next batch gets a new connection.
      expect(await db.prisma.webhookEvent.count({ where: { webhookId: "lost-1" } })).toBe(0);
      expect(await storeWebhookBatch(db.prisma, [entry("lost-2", "41", new Date(), new Date(), null)])).toEqual(["stored"]);
    },
  );
});
