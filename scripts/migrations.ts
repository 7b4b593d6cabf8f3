/** The committed migrations of each dialect, as folders named NNNN_name. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { PRISMA_PATHS, type Dialect } from "../app/models/database-url";
import { runPrisma } from "./prisma";

/** Migration folder names of `dialect`, in the order they apply. */
export function migrationNames(dialect: Dialect): string[] {
  return readdirSync(PRISMA_PATHS[dialect].migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function migrationSql(dialect: Dialect, name: string): string {
  return readFileSync(path.join(PRISMA_PATHS[dialect].migrations, name, "migration.sql"), "utf8");
}

/** A migration's number: 0006 of 0006_job_lease. */
export function migrationNumber(name: string): number {
  const number = /^(\d{4})_/.exec(name)?.[1];
  if (!number) throw new Error(`migration folder ${name} does not start with four digits and _`);
  return Number(number);
}

/**
 * Runs the SQLite migrations, in order, on an empty SQLite database, up to and including
 * `upTo` (all of them when absent), without Prisma's bookkeeping table.
 */
export async function applySqliteMigrations(url: string, upTo?: string): Promise<void> {
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA journal_mode = WAL"); // as scripts/setup-db.ts does
    for (const name of migrationNames("sqlite")) {
      if (upTo !== undefined && name > upTo) break;
      await client.executeMultiple(migrationSql("sqlite", name));
    }
  } finally {
    client.close();
  }
}

/** The Prisma schema of the database at `url`, as `prisma db pull` reads it back. */
export function pullSchema(url: string): string {
  const pulled = runPrisma(["db", "pull", "--print"], { env: { DATABASE_URL: url }, quiet: true });
  // db pull prints Prisma's notices before the schema.
  const start = pulled.search(/^generator /m);
  if (start < 0) throw new Error(`prisma db pull printed no schema:\n${pulled}`);
  return pulled.slice(start);
}
