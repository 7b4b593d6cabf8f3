/**
 * `npm run setup`: creates or migrates the database at DATABASE_URL (default: the embedded
 * SQLite file; `postgres(ql)://` for PostgreSQL, whose database must exist). Several processes
 * may run it at once against one PostgreSQL database: `migrate deploy` holds an advisory lock.
 * It generates nothing: `npm ci` (postinstall) made the clients, and several setups writing
 * them into node_modules at once could leave a half-written file to another process.
 */
import { createClient } from "@libsql/client";
import { DEFAULT_DATABASE_URL, dialectOfUrl } from "../app/models/database-url";
import { runPrisma } from "./prisma";

/**
 * Prisma waits 10 s for the advisory lock, then gives up with P1002; a migration that runs
 * longer makes the other setups wait again rather than fail.
 */
const LOCK_ATTEMPTS = 30;

/** Applies the committed migrations of the URL's dialect to `url`; SQLite files go to WAL mode. */
export async function migrateDatabase(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  const dialect = dialectOfUrl(url);
  for (let attempt = 1; ; attempt++) {
    try {
      const output = runPrisma(["migrate", "deploy"], { env: { DATABASE_URL: url }, quiet: true });
      if (!options.quiet) process.stdout.write(output);
      break;
    } catch (error) {
      const lockTimedOut = error instanceof Error && error.message.includes("P1002");
      if (dialect !== "postgresql" || !lockTimedOut || attempt === LOCK_ATTEMPTS) throw error;
    }
  }
  if (dialect === "sqlite") {
    // WAL lets the web server and worker processes read while one of them writes; it is
    // a property of the file, so setting it once here covers every later connection.
    const client = createClient({ url });
    await client.execute("PRAGMA journal_mode = WAL");
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await migrateDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
