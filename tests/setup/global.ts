import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ensureAdminSchema } from "../../scripts/fetch-admin-schema";

/** Newest modification time under a folder (the Remix build is stale when app/ is newer). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Runs once before all test files: the real Admin schema is fetched (once) from the npm
 * package that ships it, and end-to-end tests serve the real Remix build.
 */
export default async function setup() {
  mkdirSync(path.resolve("tests/.tmp"), { recursive: true });
  ensureAdminSchema();
  const build = path.resolve("build/index.js");
  if (!existsSync(build) || statSync(build).mtimeMs < newestMtime(path.resolve("app"))) {
    execFileSync("npx", ["remix", "build"], { stdio: "inherit" });
  }
}
