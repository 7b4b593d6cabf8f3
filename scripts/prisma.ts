/**
 * Runs the Prisma CLI with the native engines switched off: the client is engine-free
 * and the schema engine runs as WebAssembly (prisma.config.ts), so nothing is downloaded.
 *   tsx scripts/prisma.ts generate | migrate deploy | …
 */
import { spawnSync } from "node:child_process";

export function runPrisma(args: string[]): void {
  const result = spawnSync("prisma", args, {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) runPrisma(process.argv.slice(2));
