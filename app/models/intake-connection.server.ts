/**
 * The intake's own connection to the app's database, on the database driver itself rather than
 * through Prisma's client: at a thousand deliveries a second, Prisma's query pipeline (its
 * query compiler and the adapter around the driver) cost about a third of the server's CPU
 * for each delivery (README, "Webhook intake"). The statements are the intake's plan
 * (webhook-intake.server.ts), written once in SQL both databases accept; this file is the one
 * place that runs them on each dialect.
 *
 * SQLite: a synchronous libsql connection, and the whole batch runs without yielding, from
 * BEGIN IMMEDIATE to COMMIT. No other connection of this process can be waiting for the write
 * lock in the middle of it, and none can hold it across an `await` while this one waits with
 * the thread blocked: the busy timeout is 0 and a busy database is retried after a timer.
 * PostgreSQL: a small pool of its own, one client a batch.
 */
import { fileURLToPath } from "node:url";
import Database from "libsql";
import pg from "pg";
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

/** How long a batch waits for another process's write (Prisma's interactive transactions wait 10 s). */
const BUSY_DEADLINE_MS = 10_000;

export function openIntakeConnection(url: string): IntakeConnection {
  return dialectOfUrl(url) === "postgresql" ? postgresConnection(url) : sqliteConnection(sqlitePath(url));
}

/** `file:./x.sqlite`, `file:/abs/x.sqlite` or `file:///abs/x.sqlite`, as libsql's client reads them. */
function sqlitePath(url: string): string {
  return url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
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
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  return {
    async run(plan) {
      const db = open();
      const deadline = Date.now() + BUSY_DEADLINE_MS;
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

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

// `timestamp(3)` columns hold UTC, as Prisma's adapter writes and reads them.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const postgresTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? utcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function postgresConnection(url: string): IntakeConnection {
  // One batch at a time per process (the group commit); a second client covers a batch retried alone.
  const pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 10_000, allowExitOnIdle: true, types: postgresTypes });
  // An idle client dropped by the server (a restart, a dropped database) is replaced at the next batch.
  pool.on("error", () => {});
  const postgresValue = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 23).replace("T", " ") : value === undefined ? null : value;

  return {
    async run(makePlan) {
      const client = await pool.connect();
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
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
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
