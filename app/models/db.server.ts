import { createRequire } from "node:module";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { DEFAULT_DATABASE_URL, dialectOfUrl } from "./database-url";

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
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  // Wait up to 5 s for another connection's write lock instead of failing at once:
  // the worker and `npm run worker` processes may share one SQLite file.
  return new PrismaClient({ adapter: new PrismaLibSQL({ url, timeout: 5_000 }) });
}

declare global {
  // eslint-disable-next-line no-var
  var prismaGlobal: PrismaClient | undefined;
}

// Cached on `global`: the Remix bundle and the worker started by server.ts load this
// module twice, and dev reloads once more; they must share one client (SQLite allows one writer).
const prisma: PrismaClient = (global.prismaGlobal ??= createPrismaClient());

export default prisma;
