import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, PRISMA_PATHS, dialectOfUrl } from "./app/models/database-url";
import { postgresMigrationAdapter, sqliteMigrationAdapter } from "./scripts/migration-adapters";

// The schema engine runs as WebAssembly through a driver adapter, so `prisma migrate` never
// downloads a native engine (none can be fetched here). DATABASE_URL picks the dialect, and
// with it the schema and the migrations folder.
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const dialect = dialectOfUrl(url);

export default defineConfig({
  experimental: { adapter: true },
  schema: PRISMA_PATHS[dialect].schema,
  migrations: { path: PRISMA_PATHS[dialect].migrations },
  engine: "js",
  adapter: async () => (dialect === "postgresql" ? postgresMigrationAdapter(url) : sqliteMigrationAdapter(url)),
});
