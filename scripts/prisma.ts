/**
 * Runs the Prisma CLI with the native engines switched off: the client is engine-free
 * and the schema engine runs as WebAssembly (prisma.config.ts), so nothing is downloaded.
 *   tsx scripts/prisma.ts generate | migrate deploy | …
 * `generate` alone also rewrites the PostgreSQL schema from prisma/schema.prisma and
 * generates both clients, so the two never drift apart.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PRISMA_PATHS } from "../app/models/database-url";
import { POSTGRES_CLIENT_OUTPUT, POSTGRES_SCHEMA, writePostgresSchema } from "./postgres-schema";

export interface PrismaRunOptions {
  env?: Record<string, string>;
  /** Show Prisma's output only when it fails. */
  quiet?: boolean;
}

/** Throws, with Prisma's output when quiet, if the command fails; returns its standard output when quiet. */
export function runPrisma(args: string[], { env = {}, quiet = false }: PrismaRunOptions = {}): string {
  const result = spawnSync("prisma", args, {
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}`,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      ...env,
    },
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout ?? ""}${result.stderr ?? ""}` : "";
    throw new Error(`prisma ${args.join(" ")} failed${output}`);
  }
  return result.stdout ?? "";
}

/**
 * A client generated to a custom output carries a copy of Prisma's runtime, so `Prisma.sql`,
 * `Prisma.join` and the error classes from "@prisma/client" would be foreign to it: a nested
 * `Prisma.sql` fragment is then sent as a JSON value. Pointed at @prisma/client's runtime (the
 * same version: both come from this install), the app's one `Prisma` serves both clients.
 */
function shareRuntime(outputDir: string): void {
  for (const file of ["index.js", "edge.js", "wasm.js", "index-browser.js"]) {
    const target = path.join(outputDir, file);
    const code = readFileSync(target, "utf8");
    writeFileSync(target, code.replaceAll(/(['"])\.\/runtime\//g, "$1@prisma/client/runtime/"));
  }
}

/** The PostgreSQL schema from the SQLite one, then a client for each. */
export function generateClients(options: PrismaRunOptions = {}): void {
  writePostgresSchema();
  for (const { schema } of Object.values(PRISMA_PATHS)) runPrisma(["generate", "--schema", schema], options);
  shareRuntime(path.resolve(path.dirname(POSTGRES_SCHEMA), POSTGRES_CLIENT_OUTPUT));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  try {
    if (args.length === 1 && args[0] === "generate") generateClients();
    else runPrisma(args);
  } catch {
    process.exit(1);
  }
}
