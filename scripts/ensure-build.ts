/**
 * Builds the Remix app when build/ is missing or older than anything under app/:
 * the tests and the sandbox serve the real build, and a stale one would test old code.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns true when it had to build. Throws when the build fails. */
export function ensureBuild(log: (message: string) => void = () => {}): boolean {
  const build = path.resolve("build/index.js");
  if (existsSync(build) && statSync(build).mtimeMs >= newestMtime(path.resolve("app"))) return false;
  log("building the Remix app (build/ is missing or older than app/) …");
  const result = spawnSync("npm", ["exec", "--", "remix", "build"], {
    stdio: "inherit",
    // Always the production bundle, whoever builds it (vitest sets NODE_ENV=test): the tests
    // and the sandbox serve what `npm start` serves, and a React development build would not
    // render under NODE_ENV=production (jsxDEV).
    env: {
      ...process.env,
      NODE_ENV: "production",
      PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    },
  });
  if (result.status !== 0) throw new Error(`remix build failed${result.error ? `: ${result.error.message}` : ""}`);
  return true;
}
