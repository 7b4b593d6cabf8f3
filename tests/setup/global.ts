import { mkdirSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "../../scripts/ensure-build";
import { ensureAdminSchema } from "../../scripts/fetch-admin-schema";

/**
 * Runs once before all test files: the real Admin schema is fetched (once) from the npm
 * package that ships it, and end-to-end tests serve the real Remix build.
 */
export default async function setup() {
  mkdirSync(path.resolve("tests/.tmp"), { recursive: true });
  ensureAdminSchema();
  ensureBuild();
}
