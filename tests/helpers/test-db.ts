/**
 * A fresh, migrated database of its own for each test file, on the dialect of the run:
 * SQLite by default, PostgreSQL when TEST_DATABASE_URL names a PostgreSQL server
 * (`npm run test:postgresql`). There, tests/setup/global.ts migrates one template database per
 * run with `prisma migrate deploy`, each test file gets a copy of it, and the run drops them all.
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { createPrismaClient } from "../../app/models/db.server";
import { dialectOfUrl, type Dialect } from "../../app/models/database-url";
import { closeIntakeConnection } from "../../app/models/webhook-intake.server";
import { applySqliteMigrations } from "../../scripts/migrations";

/** The dialect this test run is on. */
export function testDialect(): Dialect {
  const server = process.env.TEST_DATABASE_URL;
  return server ? dialectOfUrl(server) : "sqlite";
}

/** The same PostgreSQL server, another database. */
export function postgresDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `sql` on the run's PostgreSQL server (its maintenance database), or on `server`, one connection. */
export async function onPostgresServer(sql: string, server = process.env.TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** An empty database of the run's dialect, not migrated: `drop` removes it. */
export async function createEmptyTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (testDialect() === "postgresql") {
    const database = `${process.env.TEST_DATABASE_RUN}_${randomUUID().slice(0, 8)}`;
    await onPostgresServer(`CREATE DATABASE "${database}"`);
    return {
      url: postgresDatabaseUrl(process.env.TEST_DATABASE_URL!, database),
      drop: () => onPostgresServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
    };
  }
  const file = path.resolve("tests/.tmp", `${randomUUID()}.sqlite`);
  return {
    url: `file:${file}`,
    async drop() {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  let url: string;
  let remove: () => Promise<void>;
  if (testDialect() === "postgresql") {
    const run = process.env.TEST_DATABASE_RUN;
    if (!run) throw new Error("TEST_DATABASE_RUN is unset: tests/setup/global.ts makes the run's template database");
    const database = `${run}_${randomUUID().slice(0, 8)}`;
    // A copy of the template migrated once per run: far quicker than migrating each database.
    await onPostgresServer(`CREATE DATABASE "${database}" TEMPLATE "${run}_template"`);
    url = postgresDatabaseUrl(process.env.TEST_DATABASE_URL!, database);
    remove = () => onPostgresServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } else {
    const empty = await createEmptyTestDatabase();
    await applySqliteMigrations(empty.url);
    ({ url, drop: remove } = empty);
  }
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async drop() {
      await closeIntakeConnection(prisma);
      await prisma.$disconnect();
      await remove();
    },
  };
}
