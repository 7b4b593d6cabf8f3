import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "../../scripts/ensure-build";
import { ensureAdminSchema } from "../../scripts/fetch-admin-schema";
import { migrateDatabase } from "../../scripts/setup-db";
import { onPostgresServer, postgresDatabaseUrl, testDialect } from "../helpers/test-db";

/** Every database this run made on the PostgreSQL server: its name starts with the run's. */
async function dropRunDatabases(run: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${run.replaceAll("_", "\\_")}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Runs once before all test files: the real Admin schema is fetched (once) from the npm
 * package that ships it, and end-to-end tests serve the real Remix build. On PostgreSQL the
 * run gets a template database, migrated as `npm run setup` migrates one, and drops every
 * database it made at the end.
 */
export default async function setup() {
  mkdirSync(path.resolve("tests/.tmp"), { recursive: true });
  ensureAdminSchema();
  ensureBuild();
  if (testDialect() !== "postgresql") return;

  const run = `test_${randomBytes(4).toString("hex")}`;
  process.env.TEST_DATABASE_RUN = run; // the test files' processes inherit it
  await onPostgresServer(`CREATE DATABASE "${run}_template"`);
  try {
    await migrateDatabase(postgresDatabaseUrl(process.env.TEST_DATABASE_URL!, `${run}_template`), { quiet: true });
  } catch (error) {
    await dropRunDatabases(run);
    throw error;
  }
  return () => dropRunDatabases(run);
}
