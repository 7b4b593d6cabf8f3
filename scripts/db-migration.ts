/**
 * Writes migrations in pairs, so that nobody hand-writes the PostgreSQL one:
 *
 *   npm run db:migration -- NAME   after editing prisma/schema.prisma: the next SQLite migration,
 *                                  NNNN_NAME, and its PostgreSQL twin of the same name
 *   npm run db:migration -- --twins
 *                                  the PostgreSQL twin of every SQLite migration that has none
 *                                  (after merging branches that added SQLite migrations)
 *
 * Each migration is `prisma migrate diff` from the committed migrations of its dialect to the
 * schema. A twin made for an older SQLite migration targets the schema as of that migration: the
 * SQLite migrations up to it, applied to a scratch file and read back by `prisma db pull`. The
 * PostgreSQL diffs need a server for their shadow database: MIGRATION_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/postgres); nothing is written to its database.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PRISMA_PATHS, type Dialect } from "../app/models/database-url";
import { applySqliteMigrations, migrationNames, migrationNumber, migrationSql, pullSchema } from "./migrations";
import { postgresSchema, POSTGRES_SCHEMA } from "./postgres-schema";
import { generateClients, runPrisma } from "./prisma";

const POSTGRES_SERVER = process.env.MIGRATION_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const EMPTY = "-- This is an empty migration.";

function scratchFile(extension: string): string {
  return path.join(tmpdir(), `db-migration-${randomUUID()}.${extension}`);
}

function removeSqlite(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

/** The SQL that brings `dialect`'s committed migrations to the schema file `schema`. */
function diff(dialect: Dialect, schema: string): string {
  const output = scratchFile("sql");
  // The dialect's adapter comes from DATABASE_URL (prisma.config.ts); its shadow database is
  // in memory for SQLite and a database of its own on the PostgreSQL server.
  const scratch = scratchFile("sqlite");
  const url = dialect === "postgresql" ? POSTGRES_SERVER : `file:${scratch}`;
  try {
    runPrisma(
      ["migrate", "diff", "--from-migrations", PRISMA_PATHS[dialect].migrations, "--to-schema-datamodel", schema, "--script", "--output", output],
      { env: { DATABASE_URL: url }, quiet: true },
    );
    return readFileSync(output, "utf8");
  } finally {
    rmSync(output, { force: true });
    removeSqlite(scratch);
  }
}

const isEmpty = (sql: string) => sql.trim() === EMPTY || sql.trim() === "";

function write(dialect: Dialect, name: string, sql: string): void {
  const dir = path.join(PRISMA_PATHS[dialect].migrations, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.join(dir, "migration.sql")}`);
}

/** The PostgreSQL schema as of SQLite migration `name`: those migrations, read back by db pull. */
async function postgresSchemaAsOf(name: string): Promise<string> {
  const database = scratchFile("sqlite");
  const schema = scratchFile("prisma");
  try {
    await applySqliteMigrations(`file:${database}`, name);
    writeFileSync(schema, postgresSchema(pullSchema(`file:${database}`)));
    return schema;
  } catch (error) {
    rmSync(schema, { force: true });
    throw error;
  } finally {
    removeSqlite(database);
  }
}

/**
 * Data statements (UPDATE, DELETE, INSERT other than the copy into a redefined table) are not
 * part of a schema diff: the twin cannot carry them.
 */
function dataStatements(sql: string): string[] {
  return sql
    .split(";")
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter((statement) => /^(UPDATE|DELETE)\b/i.test(statement) || /^INSERT\s+INTO\s+"(?!new_)/i.test(statement));
}

/**
 * Writes the PostgreSQL twin of every SQLite migration after the PostgreSQL baseline that lacks
 * one. `complete`: then the PostgreSQL migrations must make the whole PostgreSQL schema.
 */
export async function writeTwins({ complete }: { complete: boolean }): Promise<string[]> {
  const sqlite = migrationNames("sqlite");
  const postgres = migrationNames("postgresql");
  const baseline = postgres[0];
  if (!baseline) throw new Error(`${PRISMA_PATHS.postgresql.migrations} has no baseline migration`);
  const strays = postgres.slice(1).filter((name) => !sqlite.includes(name));
  if (strays.length > 0) throw new Error(`PostgreSQL migrations without a SQLite migration of the same name: ${strays.join(", ")}`);
  const missing = sqlite.filter((name) => migrationNumber(name) > migrationNumber(baseline) && !postgres.includes(name));

  const written: string[] = [];
  for (const name of missing) {
    const latest = name === sqlite.at(-1);
    const target = latest ? POSTGRES_SCHEMA : await postgresSchemaAsOf(name);
    try {
      const sql = diff("postgresql", target);
      write("postgresql", name, isEmpty(sql) ? `${EMPTY}\n` : sql);
      written.push(name);
    } finally {
      if (!latest) rmSync(target, { force: true });
    }
    const data = dataStatements(migrationSql("sqlite", name));
    if (data.length > 0) {
      console.warn(`${name}: the SQLite migration also changes data; write the same in its PostgreSQL twin:\n${data.join(";\n")};`);
    }
  }
  const left = complete ? diff("postgresql", POSTGRES_SCHEMA) : "";
  if (!isEmpty(left)) throw new Error(`the PostgreSQL migrations still differ from ${POSTGRES_SCHEMA}:\n${left}`);
  return written;
}

/** The next SQLite migration for what prisma/schema.prisma changed, and its twin. */
export async function writeMigrationPair(name: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`a migration name is lower-case words joined by _, not ${JSON.stringify(name)}`);
  // Twins of merged SQLite migrations first: the new twin must not carry their changes.
  await writeTwins({ complete: false });
  const sql = diff("sqlite", PRISMA_PATHS.sqlite.schema);
  if (isEmpty(sql)) throw new Error(`${PRISMA_PATHS.sqlite.schema} has no change the migrations do not already make`);
  const numbers = [...migrationNames("sqlite"), ...migrationNames("postgresql")].map(migrationNumber);
  const next = `${String(Math.max(...numbers) + 1).padStart(4, "0")}_${name}`;
  write("sqlite", next, sql);
  await writeTwins({ complete: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [arg] = process.argv.slice(2);
  try {
    if (!arg) throw new Error("usage: npm run db:migration -- NAME | --twins");
    // The PostgreSQL schema and both clients follow prisma/schema.prisma first.
    generateClients({ quiet: true });
    if (arg === "--twins") {
      const written = await writeTwins({ complete: true });
      if (written.length === 0) console.log("every SQLite migration has its PostgreSQL twin");
    } else {
      await writeMigrationPair(arg);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
