import { readFileSync } from "node:fs";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../../../scripts/postgres-schema";

it("prisma/postgresql/schema.prisma is what prisma/schema.prisma makes of it (else run npm run db:schema)", () => {
  expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
});

it("changes the provider and the client's output and nothing else, under a header saying where it comes from", () => {
  const sqlite = readFileSync(SQLITE_SCHEMA, "utf8").split("\n");
  const postgres = postgresSchema(sqlite.join("\n")).split("\n");
  expect(postgres[0]).toMatch(/^\/\/ GENERATED from prisma\/schema\.prisma/);
  const body = postgres.filter((line) => !line.startsWith("// GENERATED") && !line.startsWith("// `npm run db:schema`"));
  expect(body.filter((line) => !sqlite.includes(line))).toEqual([
    '  output          = "../../node_modules/.prisma/client-postgresql"',
    '  provider = "postgresql"',
  ]);
  expect(sqlite.filter((line) => !body.includes(line))).toEqual(['  provider = "sqlite"']);
});

it("refuses a schema whose provider or generator it cannot find, rather than copy it unchanged", () => {
  expect(() => postgresSchema('datasource db {\n  provider = "postgresql"\n}\n')).toThrow(/provider/);
  expect(() => postgresSchema('datasource db {\n  provider = "sqlite"\n}\n')).toThrow(/engineType/);
});
