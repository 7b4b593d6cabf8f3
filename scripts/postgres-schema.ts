/**
 * prisma/schema.prisma (SQLite) is the one schema anybody edits. Prisma reads a datasource's
 * provider only as a literal and a generated client serves one provider, so PostgreSQL gets
 * a copy of it with another provider and its own client output:
 *   tsx scripts/postgres-schema.ts          writes prisma/postgresql/schema.prisma
 * tests/unit/models/postgres-schema.test.ts fails when the committed copy is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");
/**
 * Inside node_modules like the SQLite client (`.prisma/client`), so that the Remix bundle
 * leaves it external: the client reads its query compiler's .wasm beside its own files.
 */
export const POSTGRES_CLIENT_OUTPUT = "../../node_modules/.prisma/client-postgresql";

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, then run
// \`npm run db:schema\`. The same models on PostgreSQL, with a client of their own.
`;

function replaceOnce(text: string, pattern: RegExp, replacement: (...groups: string[]) => string): string {
  const matches = text.match(new RegExp(pattern.source, "gm"));
  if (matches?.length !== 1) throw new Error(`prisma/schema.prisma: expected one match of ${pattern}, found ${matches?.length ?? 0}`);
  return text.replace(new RegExp(pattern.source, "m"), (_match, ...groups: string[]) => replacement(...groups));
}

/** The PostgreSQL schema for the SQLite schema's text. */
export function postgresSchema(sqliteSchema: string): string {
  let schema = replaceOnce(sqliteSchema, /^(\s*)provider(\s*)= "sqlite"$/, (indent, gap) => `${indent}provider${gap}= "postgresql"`);
  schema = replaceOnce(schema, /^(\s*)engineType(\s*)= "client"$/, (indent, gap) => {
    const output = "output".padEnd("engineType".length + gap.length);
    return `${indent}engineType${gap}= "client"\n${indent}${output}= "${POSTGRES_CLIENT_OUTPUT}"`;
  });
  return HEADER + schema;
}

export function writePostgresSchema(): void {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
}

if (import.meta.url === `file://${process.argv[1]}`) writePostgresSchema();
