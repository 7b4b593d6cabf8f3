/**
 * Bundles the order page's block as `shopify app build` does for a Preact UI extension (esbuild:
 * bundle, ESM, minified, JSX automatic from Preact), which needs a Partner login and so cannot
 * run in CI, and checks Shopify's limit for a UI extension script on API 2025-10 and later: 64 KB
 * compressed, enforced at deploy. Prints the sizes; exits 1 above the limit.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "esbuild";

const EXTENSION = path.resolve("extensions/order-sync-status");
const ENTRY = path.join(EXTENSION, "src/BlockExtension.tsx");
const OUT = path.join(EXTENSION, "dist/order-sync-status.js");
/** 64 KiB, compressed. */
export const COMPRESSED_LIMIT_BYTES = 64 * 1024;

export async function bundleExtension() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    write: false,
    logLevel: "warning",
  });
  const code = result.outputFiles[0].contents;
  return { code, bytes: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, brotli: brotliCompressSync(code).byteLength };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Shopify does not say which compression it measures: the larger of gzip and brotli is held to
 * the limit, so the script never passes a bundle the deploy would refuse.
 */
export function checkBundleSize({ bytes, gzip, brotli }: { bytes: number; gzip: number; brotli: number }) {
  const compressed = Math.max(gzip, brotli);
  const summary = `order-sync-status: ${kb(bytes)} minified, ${kb(gzip)} gzip, ${kb(brotli)} brotli (limit ${kb(COMPRESSED_LIMIT_BYTES)} compressed)`;
  return compressed <= COMPRESSED_LIMIT_BYTES
    ? { ok: true as const, summary }
    : { ok: false as const, summary, error: `The block's script is ${kb(compressed)} compressed, over Shopify's ${kb(COMPRESSED_LIMIT_BYTES)}: shopify app deploy would refuse it.` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { code, ...sizes } = await bundleExtension();
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, code);
  const verdict = checkBundleSize(sizes);
  console.log(`${verdict.summary} → ${path.relative(process.cwd(), OUT)}`);
  if (!verdict.ok) {
    console.error(verdict.error);
    process.exit(1);
  }
}
