/**
 * `DATABASE_URL` chooses the database: `file:` is the embedded SQLite (the default),
 * `postgres://` or `postgresql://` is PostgreSQL. Anything else stops the app with its name.
 */
export type Dialect = "sqlite" | "postgresql";

/** The default embedded database, relative to the working directory. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

export const DATABASE_URL_RULE = "must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)";

export function isDatabaseUrl(url: string): boolean {
  return url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url);
}

export function dialectOfUrl(url: string): Dialect {
  if (!isDatabaseUrl(url)) throw new Error(`DATABASE_URL ${DATABASE_URL_RULE}`);
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Where each dialect's schema and migrations live; prisma/schema.prisma is the source of both. */
export const PRISMA_PATHS: Record<Dialect, { schema: string; migrations: string }> = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations" },
};
