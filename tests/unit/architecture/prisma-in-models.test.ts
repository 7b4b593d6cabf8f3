/**
 * README: "Only app/models calls Prisma." Every other module gets the client passed in and
 * hands it to a model function; a query written anywhere else fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const QUERY = /\b\w+\.(\w+)\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|update|updateMany|upsert|delete|deleteMany|count|groupBy|aggregate)\(|\.\$(queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|transaction)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

it("calls Prisma only from app/models", () => {
  const outside = sources("app")
    .filter((file) => !file.startsWith(path.join("app", "models") + path.sep))
    .flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, index) => ({ where: `${file}:${index + 1}`, line }))
        .filter(({ line }) => QUERY.test(line) && !/^\s*(\/\/|\*)/.test(line) && !/Pick<PrismaClient/.test(line)),
    )
    .map(({ where, line }) => `${where}: ${line.trim()}`);

  expect(outside).toEqual([]);
});
