/**
 * The only place raw SQL differs between SQLite (the embedded default) and PostgreSQL.
 * Everything else the queue and the pace run is written once and accepted by both.
 */
import { Prisma, type PrismaClient } from "@prisma/client";

export type SqlDialect = "sqlite" | "postgresql";

/** The dialect of a client: the provider its schema was generated for. */
export function dialectOf(prisma: object): SqlDialect {
  // Prisma keeps the generated schema's provider here; the PostgreSQL client says "postgresql".
  const provider = (prisma as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" || provider === "postgres" ? "postgresql" : "sqlite";
}

/**
 * Appended to a claim's inner SELECT: PostgreSQL lets concurrent claims pass over each
 * other's rows instead of queueing on them. SQLite has one writer at a time, so its
 * UPDATE … WHERE id IN (SELECT …) is already atomic and needs no row lock.
 */
export function skipLockedRows(prisma: object): Prisma.Sql {
  return dialectOf(prisma) === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

/**
 * The database's own clock in epoch milliseconds, fixed for the statement: every process
 * that shares the database reads the same time, whatever its own clock says.
 */
export function databaseNowMs(prisma: object): Prisma.Sql {
  return dialectOf(prisma) === "postgresql"
    ? Prisma.sql`CAST(FLOOR(EXTRACT(EPOCH FROM statement_timestamp()) * 1000) AS BIGINT)`
    : Prisma.sql`CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)`;
}

export type RawClient = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;
