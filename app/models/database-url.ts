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

// The URL each client was made for (db.server.ts's createPrismaClient), so that code holding a
// client can open its own connection to the same database (the intake's). A registered symbol:
// the Remix build and server.ts each load their own copy of this module and share one client.
const URL_KEY = Symbol.for("openlogi-order-sync.databaseUrl");

export function rememberDatabaseUrl(client: object, url: string): void {
  Object.defineProperty(client, URL_KEY, { value: url });
}

export function databaseUrlOf(client: object): string {
  const url = (client as { [URL_KEY]?: string })[URL_KEY];
  if (!url) throw new Error("this database client was not made by createPrismaClient");
  return url;
}
