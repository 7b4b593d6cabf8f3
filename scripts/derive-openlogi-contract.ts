/**
 * Derives the trimmed OpenLogi contract the app and its tests use from OpenLogi's
 * published OpenAPI 1.5 description: only the shipment operations the app calls,
 * the schemas they reach, and no prose. Reproducible: same input, same output.
 *
 *   npm run contract:openlogi [-- path/to/openlogi-api-1.5.openapi.json]
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const KEPT_PATHS = [
  "/shipments/{id}",
  "/shipments/{id}/modify",
  "/shipments/{id}/cancel",
  "/shipments/{account_id}",
  "/shipments",
] as const;
const DROPPED_KEYS = new Set(["description", "example", "examples", "externalDocs", "tags"]);

const source = path.resolve(process.argv[2] ?? "../shared/contracts/openlogi-api-1.5.openapi.json");
const target = path.resolve("app/openlogi/contract/openlogi-shipments.openapi.json");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const raw = readFileSync(source);
const full = JSON.parse(raw.toString("utf8")) as { [key: string]: any };

function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => !DROPPED_KEYS.has(key))
        .map(([key, value]) => [key, strip(value)]),
    );
  }
  return node;
}

/** Every `#/components/<kind>/<name>` the node refers to, transitively. */
function collectRefs(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((child) => collectRefs(child, found));
  if (!node || typeof node !== "object") return;
  const ref = node.$ref;
  if (typeof ref === "string" && !found.has(ref)) {
    found.add(ref);
    const [, , kind, name] = ref.split("/");
    collectRefs(full.components[kind][name], found);
  }
  Object.values(node).forEach((child) => collectRefs(child, found));
}

const paths = Object.fromEntries(KEPT_PATHS.map((p) => [p, full.paths[p]]));
const refs = new Set<string>();
collectRefs(paths, refs);

const components: Record<string, Record<string, Json>> = {};
for (const ref of [...refs].sort()) {
  const [, , kind, name] = ref.split("/");
  (components[kind] ??= {})[name] = full.components[kind][name];
}

const trimmed = strip({
  openapi: full.openapi,
  info: {
    title: full.info.title,
    version: "1.5",
    "x-derived-from": {
      file: path.basename(source),
      sha256: createHash("sha256").update(raw).digest("hex"),
      script: "scripts/derive-openlogi-contract.ts",
    },
  },
  servers: [
    { url: "https://api.openlogi.com/api" },
    { url: "https://api-demo.openlogi.com/api" },
  ],
  paths,
  components,
} as Json);

writeFileSync(target, JSON.stringify(trimmed, null, 2) + "\n");
console.log(`wrote ${path.relative(process.cwd(), target)}: ${KEPT_PATHS.length} paths, ${refs.size} components`);
