/** `npm run setup`: creates or migrates the database at DATABASE_URL (default: the embedded SQLite file). */
import { runPrisma } from "./prisma";

process.env.DATABASE_URL ??= "file:./prisma/dev.sqlite";
runPrisma(["generate"]);
runPrisma(["migrate", "deploy"]);
