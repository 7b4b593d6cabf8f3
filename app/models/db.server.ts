import { createRequire } from "node:module";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { DEFAULT_DATABASE_URL, dialectOfUrl, rememberDatabaseUrl } from "./database-url";
import { logger } from "../logger.server";

// Loaded at run time, not bundled: the generated client reads its query compiler's .wasm
// beside its own files (node_modules/.prisma/client-postgresql, scripts/postgres-schema.ts).
const requireFromHere = createRequire(import.meta.url);

/**
 * A Prisma client on the engine-free query compiler with the driver adapter `url` names:
 * libsql for `file:`, pg for `postgres(ql)://`. No native engine is needed on any machine.
 * Both clients come from one schema, so the PostgreSQL one has the SQLite one's type.
 */
export function createPrismaClient(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): PrismaClient {
  if (dialectOfUrl(url) === "postgresql") {
    const { PrismaClient: PostgresClient } = requireFromHere(".prisma/client-postgresql") as {
      PrismaClient: new (options: { adapter: PrismaPg }) => PrismaClient;
    };
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    rememberDatabaseUrl(client, url);
    return client;
  }
  // `timeout` is SQLite's busy timeout, set on every connection the libsql pool opens: wait up
  // to 5 s for another connection's write lock instead of failing at once (the web server and
  // `npm run worker` processes may share one SQLite file).
  const prisma = new PrismaClient({ adapter: new PrismaLibSQL({ url, timeout: 5_000 }) });
  useWriteAheadLog(prisma);
  rememberDatabaseUrl(prisma, url);
  return prisma;
}

/**
 * WAL: readers no longer wait for the writer, and a commit costs one fsync of the log instead
 * of the rollback journal's several. It is a property of the file, kept by every later
 * connection; scripts/setup-db.ts sets it too, and this covers a file made any other way.
 * The adapter runs one query at a time in order, so this is the client's first. `synchronous`
 * stays FULL, SQLite's default: a committed webhook survives a power cut as well as a crash.
 */
function useWriteAheadLog(prisma: PrismaClient) {
  prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch((error: unknown) => {
    // Another process holding the file in rollback mode refuses the switch; it is retried at the next start.
    logger.warn({ err: error }, "SQLite database left out of WAL mode");
  });
}

declare global {
  // eslint-disable-next-line no-var
  var prismaGlobal: PrismaClient | undefined;
}

// Cached on `global`: the Remix bundle and the worker started by server.ts load this
// module twice, and dev reloads once more; they must share one client (SQLite allows one writer).
const prisma: PrismaClient = (global.prismaGlobal ??= createPrismaClient());

export default prisma;
