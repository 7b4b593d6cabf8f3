/**
 * Makes the real Shopify Admin GraphQL schema (API 2026-07) available to codegen and
 * tests, without ../shared: the gzipped introspection result that Shopify ships in the
 * npm package @shopify/dev-mcp@1.16.0 (`package/dist/data/admin_2026-07.json.gz`).
 *
 *   npx tsx scripts/fetch-admin-schema.ts
 *
 * Writes `.contracts/admin-2026-07.schema.json.gz` (gitignored) once; later runs only
 * check the file's sha256.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ADMIN_SCHEMA_PACKAGE = "@shopify/dev-mcp@1.16.0";
export const ADMIN_SCHEMA_ENTRY = "package/dist/data/admin_2026-07.json.gz";
export const ADMIN_SCHEMA_SHA256 =
  "5bcde995c89c59acdb2ee494378d96f45ce7378a16ec829a74b71d696a08ef19";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ADMIN_SCHEMA_PATH = path.join(projectRoot, ".contracts", "admin-2026-07.schema.json.gz");

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function hasExpectedHash(file: string): boolean {
  return existsSync(file) && sha256(file) === ADMIN_SCHEMA_SHA256;
}

/**
 * Ensures the schema file exists with the expected hash, downloading it through
 * `npm pack` when needed. Synchronous so that a test helper can call it while building
 * the schema. Returns the file's path.
 */
export function ensureAdminSchema(target: string = ADMIN_SCHEMA_PATH): string {
  if (hasExpectedHash(target)) return target;

  const workDir = mkdtempSync(path.join(os.tmpdir(), "admin-schema-"));
  try {
    const packed = execFileSync(
      "npm",
      ["pack", ADMIN_SCHEMA_PACKAGE, "--pack-destination", workDir, "--json", "--silent"],
      { cwd: workDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const [{ filename }] = JSON.parse(packed) as Array<{ filename: string }>;
    const tarball = path.join(workDir, filename);
    execFileSync("tar", ["-xzf", tarball, "-C", workDir, ADMIN_SCHEMA_ENTRY], { stdio: "pipe" });

    const extracted = path.join(workDir, ADMIN_SCHEMA_ENTRY);
    const actual = sha256(extracted);
    if (actual !== ADMIN_SCHEMA_SHA256) {
      throw new Error(
        `${ADMIN_SCHEMA_ENTRY} from ${ADMIN_SCHEMA_PACKAGE} has sha256 ${actual}, expected ${ADMIN_SCHEMA_SHA256}`,
      );
    }

    // Copy next to the target, then rename: a concurrent reader never sees half a file.
    mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    copyFileSync(extracted, partial);
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = ensureAdminSchema();
  console.log(`Admin schema 2026-07 ready: ${path.relative(process.cwd(), file)}`);
}
