/** `npm run setup`: creates or migrates the database at DATABASE_URL (default: the embedded SQLite file). */
import { createClient } from "@libsql/client";
import { runPrisma } from "./prisma";

process.env.DATABASE_URL ??= "file:./prisma/dev.sqlite";
runPrisma(["generate"]);
runPrisma(["migrate", "deploy"]);

// WAL lets the web server and worker processes read while one of them writes; it is
// a property of the file, so setting it once here covers every later connection.
const client = createClient({ url: process.env.DATABASE_URL });
await client.execute("PRAGMA journal_mode = WAL");
client.close();
