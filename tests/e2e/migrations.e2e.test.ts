/**
 * The migrations of both dialects make prisma/schema.prisma exactly and stay in step, and
 * `npm run setup`, run by several processes at once, migrates one fresh PostgreSQL database.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { PRISMA_PATHS, type Dialect } from "../../app/models/database-url";
import { migrationNames, migrationNumber, pullSchema } from "../../scripts/migrations";
import { runPrisma } from "../../scripts/prisma";
import { postgresSchema } from "../../scripts/postgres-schema";
import { createEmptyTestDatabase, testDialect } from "../helpers/test-db";

const run = promisify(execFile);
const EMPTY = "-- This is an empty migration.";

/** `prisma migrate diff … --script` through the dialect's adapter (prisma.config.ts picks it by URL). */
function diff(url: string, from: string[], to: string[]): string {
  const output = path.join(tmpdir(), `diff-${randomUUID()}.sql`);
  try {
    runPrisma(["migrate", "diff", ...from, ...to, "--script", "--output", output], { env: { DATABASE_URL: url }, quiet: true });
    return readFileSync(output, "utf8").trim();
  } finally {
    rmSync(output, { force: true });
  }
}

it("has a PostgreSQL twin, of the same name, for every SQLite migration since the PostgreSQL baseline", () => {
  const sqlite = migrationNames("sqlite");
  const [baseline, ...twins] = migrationNames("postgresql");
  expect(baseline).toMatch(/^\d{4}_baseline$/);
  // The baseline stands for the SQLite migrations up to and including the one of its number.
  expect(sqlite.map(migrationNumber)).toContain(migrationNumber(baseline));
  expect(twins).toEqual(sqlite.filter((name) => migrationNumber(name) > migrationNumber(baseline)));
  for (const dialect of ["sqlite", "postgresql"] satisfies Dialect[]) {
    const lock = readFileSync(path.join(PRISMA_PATHS[dialect].migrations, "migration_lock.toml"), "utf8");
    expect(lock).toContain(`provider = "${dialect}"`);
  }
});

it("makes prisma/schema.prisma exactly with the SQLite migrations", () => {
  const scratch = path.join(tmpdir(), `diff-${randomUUID()}.sqlite`);
  try {
    const left = diff(`file:${scratch}`, ["--from-migrations", PRISMA_PATHS.sqlite.migrations], ["--to-schema-datamodel", PRISMA_PATHS.sqlite.schema]);
    expect(left).toBe(EMPTY);
  } finally {
    rmSync(scratch, { force: true });
  }
});

describe.runIf(testDialect() === "postgresql")("on PostgreSQL (npm run test:postgresql; the SQLite run has no server to use)", () => {
  let database: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(() => database.drop());

  it("migrates one fresh database with four `npm run setup` at once, each migration applied once", async () => {
    const env = { ...process.env, DATABASE_URL: database.url };
    const setups = await Promise.allSettled(Array.from({ length: 4 }, () => run("npm", ["run", "--silent", "setup"], { env, timeout: 240_000 })));
    expect(setups.map((setup) => (setup.status === "fulfilled" ? "ok" : String(setup.reason)))).toEqual(["ok", "ok", "ok", "ok"]);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
        `SELECT "migration_name", "finished_at" IS NOT NULL AS finished, "rolled_back_at" IS NOT NULL AS rolled_back
         FROM "_prisma_migrations" ORDER BY "migration_name"`,
      );
      expect(rows).toEqual(migrationNames("postgresql").map((name) => ({ migration_name: name, finished: true, rolled_back: false })));
    } finally {
      await client.end();
    }
  }, 300_000);

  it("leaves the database exactly as prisma/schema.prisma describes it: db pull, then an empty diff", () => {
    const pulled = path.join(tmpdir(), `pulled-${randomUUID()}.prisma`);
    try {
      writeFileSync(pulled, pullSchema(database.url));
      const left = diff(database.url, ["--from-schema-datamodel", pulled], ["--to-schema-datamodel", PRISMA_PATHS.postgresql.schema]);
      expect(left).toBe(EMPTY);
    } finally {
      rmSync(pulled, { force: true });
    }
  });

  it("makes the same schema through Prisma's shadow database as through setup", () => {
    const left = diff(database.url, ["--from-migrations", PRISMA_PATHS.postgresql.migrations], ["--to-schema-datamodel", PRISMA_PATHS.postgresql.schema]);
    expect(left).toBe(EMPTY);
    expect(readFileSync(PRISMA_PATHS.postgresql.schema, "utf8")).toBe(postgresSchema(readFileSync(PRISMA_PATHS.sqlite.schema, "utf8")));
  });
});
