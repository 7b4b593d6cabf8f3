/**
 * Runs the Prisma CLI with the native engines switched off: the client is engine-free
 * and the schema engine runs as WebAssembly (prisma.config.ts), so nothing is downloaded.
 *   tsx scripts/prisma.ts generate | migrate deploy | …
 * `generate` alone also rewrites the PostgreSQL schema from prisma/schema.prisma and
 * generates both clients, so the two never drift apart.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PRISMA_PATHS } from "../app/models/database-url";
import { writePostgresSchema } from "./postgres-schema";

export interface PrismaRunOptions {
  env?: Record<string, string>;
  /** Show Prisma's output only when it fails. */
  quiet?: boolean;
}

/** Throws, with Prisma's output when quiet, if the command fails; returns that output when quiet. */
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
  return `${result.stdout ?? ""}${result.stderr ?? ""}`;
}

/** The PostgreSQL schema from the SQLite one, then a client for each. */
export function generateClients(options: PrismaRunOptions = {}): void {
  writePostgresSchema();
  for (const { schema } of Object.values(PRISMA_PATHS)) runPrisma(["generate", "--schema", schema], options);
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
