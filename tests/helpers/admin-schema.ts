import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ensureAdminSchema } from "../../scripts/fetch-admin-schema";

let cached: GraphQLSchema | undefined;

/**
 * The real Shopify Admin GraphQL schema, API 2026-07, built once per test process.
 * The file comes from scripts/fetch-admin-schema.ts (downloaded by the global setup).
 */
export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const file = ensureAdminSchema();
    const introspection = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as {
      data: IntrospectionQuery;
    };
    cached = buildClientSchema(introspection.data);
  }
  return cached;
}
