/**
 * The one place raw SQL may differ between SQLite and PostgreSQL. Prefer SQL both accept
 * (ON CONFLICT … DO UPDATE … RETURNING, CASE WHEN instead of max()/GREATEST(), dates passed as
 * parameters rather than now()); where they cannot agree, pick the fragment here by the
 * client's dialect. (The webhook intake runs its statements on the drivers themselves;
 * intake-connection.server.ts holds how each dialect takes its placeholders and dates.)
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { Dialect } from "./database-url";

/** The dialect of a Prisma client, or of a transaction opened on one. */
export function dialectOf(prisma: object): Dialect {
  // The generated client's provider; Prisma reads it for its own raw-query checks, and an
  // interactive transaction's client forwards it.
  const provider = (prisma as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`not a Prisma client of a known provider: ${String(provider)}`);
}

/** The fragment written for the client's dialect. */
export function byDialect<T>(prisma: object, fragments: Record<Dialect, T>): T {
  return fragments[dialectOf(prisma)];
}

/**
 * Ends a SELECT that claims rows: on PostgreSQL, rows another transaction has locked are
 * skipped rather than waited for; SQLite has one writer at a time, so there is nothing to skip.
 */
export function forUpdateSkipLocked(prisma: object): Prisma.Sql {
  return byDialect(prisma, { postgresql: Prisma.sql`FOR UPDATE SKIP LOCKED`, sqlite: Prisma.empty });
}

/**
 * The database's own clock in epoch milliseconds, fixed for the statement: every process
 * that shares the database reads the same time, whatever its own clock says.
 */
export function databaseNowMs(prisma: object): Prisma.Sql {
  return byDialect(prisma, {
    postgresql: Prisma.sql`CAST(FLOOR(EXTRACT(EPOCH FROM statement_timestamp()) * 1000) AS BIGINT)`,
    sqlite: Prisma.sql`CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)`,
  });
}

/** What raw-SQL models need of a client (or a transaction). */
export type RawClient = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;
