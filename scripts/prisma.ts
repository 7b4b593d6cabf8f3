/**
 * Runs the Prisma CLI with the native engines switched off: the client is engine-free
 * and the schema engine runs as WebAssembly (prisma.config.ts), so nothing is downloaded.
 *   tsx scripts/prisma.ts generate | migrate deploy | …
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

export interface PrismaRunOptions {
  env?: Record<string, string>;
  /** Show Prisma's output only when it fails. */
  quiet?: boolean;
}

/** Throws, with Prisma's output when quiet, if the command fails. */
export function runPrisma(args: string[], { env = {}, quiet = false }: PrismaRunOptions = {}): void {
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
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    runPrisma(process.argv.slice(2));
  } catch {
    process.exit(1);
  }
}
