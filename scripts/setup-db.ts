/** `npm run setup`: creates or migrates the database at DATABASE_URL (default: the embedded SQLite file). */
import { createClient } from "@libsql/client";
import { runPrisma } from "./prisma";

/** Applies the committed migrations to `url` and puts the file in WAL mode. */
export async function migrateDatabase(url: string, options: { quiet?: boolean } = {}): Promise<void> {
  runPrisma(["migrate", "deploy"], { env: { DATABASE_URL: url }, quiet: options.quiet });
  // WAL lets the web server and worker processes read while one of them writes; it is
  // a property of the file, so setting it once here covers every later connection.
  const client = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  client.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    runPrisma(["generate"]);
    await migrateDatabase(process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
