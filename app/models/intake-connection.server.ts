/**
 * The intake's own connection to the app's database, on the database driver itself rather than
 * through Prisma's client: at a thousand deliveries a second, Prisma's query pipeline (its
 * query compiler and the adapter around the driver) cost about a third of the server's CPU
 * for each delivery (README, "Webhook intake figures"). The statements are the intake's plan
 * (webhook-intake.server.ts), written once in SQL both databases accept; this file is the one
 * place that runs them on each dialect (sql-dialect.server.ts is that place for Prisma's raw SQL).
 *
 * SQLite: a synchronous libsql connection, and the whole batch runs without yielding, from
 * BEGIN IMMEDIATE to COMMIT. No other connection of this process can be waiting for the write
 * lock in the middle of it, and none can hold it across an `await` while this one waits with
 * the thread blocked: the busy timeout is 0 and a busy database is retried after a timer.
 * A Prisma transaction of this process that reads before it writes could meet an intake
 * commit in between and fail (SQLITE_BUSY_SNAPSHOT), as it could meet another process's:
 * the app has none (shop-install.server.ts, settings.server.ts's ensureShopSettings).
 * PostgreSQL: a pool of one connection of its own, which names itself in pg_stat_activity.
 */
import { fileURLToPath } from "node:url";
import Database from "libsql";
import pg from "pg";
import { logger } from "../logger.server";
import { dialectOfUrl } from "./database-url";

/** One statement of a plan, with `?` placeholders; a Date parameter is written as Prisma writes it. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export type Row = Record<string, unknown>;

/** A batch's statements, each seeing the rows of the one before, in one transaction. */
export type Plan<T> = Generator<Statement, T, Row[]>;

export interface IntakeConnection {
  run<T>(plan: () => Plan<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * How long a batch waits for a write lock or a connection, as its Prisma transaction did
 * (maxWait 10 s). Past Shopify's 5 s the delivery is retried anyway; until then a slow lock
 * is better waited out than refused.
 */
const WAIT_MS = 10_000;

export function openIntakeConnection(url: string): IntakeConnection {
  return dialectOfUrl(url) === "postgresql" ? postgresConnection(url) : sqliteConnection(sqlitePath(url));
}

/** `file:./x.sqlite`, `file:/abs/x.sqlite` or `file:///abs/x.sqlite`, as libsql's client reads them (its query is for remote databases). */
function sqlitePath(url: string): string {
  const file = url.split("?")[0];
  return file.startsWith("file://") ? fileURLToPath(file) : file.slice("file:".length);
}

function sqliteConnection(path: string): IntakeConnection {
  let database: Database.Database | null = null;
  const open = () => {
    if (database) return database;
    database = new Database(path);
    database.exec("PRAGMA busy_timeout = 0");
    // A 200 means stored: the commit reaches the disk before anyone is answered.
    database.exec("PRAGMA synchronous = FULL");
    return database;
  };
  const sqliteValue = (value: unknown) =>
    value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value === undefined ? null : value;

  function runNow<T>(db: Database.Database, plan: Plan<T>): T {
    db.exec("BEGIN IMMEDIATE");
    try {
      let step = plan.next([]);
      while (!step.done) {
        const { sql, params } = step.value;
        const statement = db.prepare(sql);
        const values = params.map(sqliteValue);
        step = plan.next(statement.reader ? (statement.all(values) as Row[]) : (statement.run(values), []));
      }
      db.exec("COMMIT");
      return step.value;
    } catch (error) {
      try {
        if (db.inTransaction) db.exec("ROLLBACK");
      } catch {
        // A connection left inside a transaction would refuse every later BEGIN: the next batch opens another.
        db.close();
        database = null;
      }
      throw error;
    }
  }

  return {
    async run(plan) {
      const db = open();
      const deadline = Date.now() + WAIT_MS;
      for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
        try {
          return runNow(db, plan());
        } catch (error) {
          if (!isBusy(error) || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    },
    async close() {
      database?.close();
      database = null;
    },
  };
}

/** SQLite's primary result code (the low byte of an extended one), if the error is SQLite's. */
function sqliteCode(error: unknown): number | null {
  const rawCode = (error as { rawCode?: unknown })?.rawCode;
  return typeof rawCode === "number" ? rawCode & 0xff : null;
}

/** SQLITE_BUSY or SQLITE_LOCKED, with any extended code. */
function isBusy(error: unknown): boolean {
  return [5, 6].includes(sqliteCode(error) ?? -1);
}

// SQLite: busy, locked, I/O error, disk full, cannot open. PostgreSQL: SQLSTATE classes 08
// (connection), 53 (resources), 57 (shut down, cancelled, timed out) and 55P03 (lock wait
// over). Node: a socket that failed or ended.
const SQLITE_UNAVAILABLE = new Set([5, 6, 10, 13, 14]);
const POSTGRES_UNAVAILABLE = /^(08|53|57)|^55P03$/;
const SOCKET_TROUBLE = /^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NOTFOUND)$|connect|terminated|timeout/i;

/**
 * Whether a batch failed because the database could not be reached or locked in time, rather
 * than on something in the batch: then trying its deliveries one by one would only wait as long
 * again for each (group-commit.ts).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const sqlite = sqliteCode(error);
  if (sqlite !== null) return SQLITE_UNAVAILABLE.has(sqlite);
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return POSTGRES_UNAVAILABLE.test(code);
  return SOCKET_TROUBLE.test(typeof code === "string" ? code : "") || SOCKET_TROUBLE.test(error instanceof Error ? error.message : "");
}

/** How the intake's PostgreSQL connection names itself in `pg_stat_activity`. */
export const INTAKE_APPLICATION_NAME = "openlogi-order-sync intake";

// `timestamp(3)` columns hold UTC, as Prisma's adapter writes and reads them.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const postgresTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? utcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function postgresConnection(url: string): IntakeConnection {
  // A group commit runs one batch at a time, and its retries of a failed batch's items one by one.
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    application_name: INTAKE_APPLICATION_NAME,
    connectionTimeoutMillis: WAIT_MS,
    lock_timeout: WAIT_MS,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    types: postgresTypes,
  });
  // An idle client dropped by the server (a restart, a failover) is replaced at the next batch.
  pool.on("error", (error) => logger.warn({ err: error }, "webhook intake: idle PostgreSQL connection lost"));
  const postgresValue = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 23).replace("T", " ") : value === undefined ? null : value;

  return {
    async run(makePlan) {
      const client = await pool.connect();
      // A connection lost in the middle of a batch fails the batch (its query rejects); without
      // a listener, the client's own error event would stop the process.
      const lost = (error: Error) => logger.warn({ err: error }, "webhook intake: PostgreSQL connection lost during a batch");
      client.on("error", lost);
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const plan = makePlan();
        let step = plan.next([]);
        while (!step.done) {
          const { sql, params } = step.value;
          const { rows } = await client.query(numberedPlaceholders(sql), params.map(postgresValue));
          step = plan.next(rows as Row[]);
        }
        await client.query("COMMIT");
        return step.value;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.off("error", lost);
        // A connection that could not roll back is closed, not handed to the next batch.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** `?` → `$1`, `$2`…: the plans write no `?` inside a literal. */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
