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

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { code, bytes, gzip, brotli } = await bundleExtension();
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, code);
  console.log(
    `order-sync-status: ${kb(bytes)} minified, ${kb(gzip)} gzip, ${kb(brotli)} brotli (limit ${kb(COMPRESSED_LIMIT_BYTES)} compressed) → ${path.relative(process.cwd(), OUT)}`,
  );
  if (gzip > COMPRESSED_LIMIT_BYTES) {
    console.error(`The block's script is ${kb(gzip)} compressed, over Shopify's ${kb(COMPRESSED_LIMIT_BYTES)}: shopify app deploy would refuse it.`);
    process.exit(1);
  }
}
