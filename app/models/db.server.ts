import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";

/** Default embedded database, relative to the working directory. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

/**
 * A Prisma client on the engine-free query compiler with the libsql driver
 * adapter: no native engine is needed on any machine.
 */
export function createPrismaClient(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): PrismaClient {
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
