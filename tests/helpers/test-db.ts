import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../app/models/db.server";

const MIGRATIONS = path.resolve("prisma/migrations");

/** Applies the committed migrations, in order, to an empty SQLite file. */
export async function migrate(url: string): Promise<void> {
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA journal_mode = WAL"); // as scripts/setup-db.ts does
    const dirs = readdirSync(MIGRATIONS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const dir of dirs) {
      await client.executeMultiple(readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
    }
  } finally {
    client.close();
  }
}

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** A fresh, migrated SQLite database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const file = path.resolve("tests/.tmp", `${randomUUID()}.sqlite`);
  const url = `file:${file}`;
  await migrate(url);
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      rmSync(file, { force: true });
    },
  };
}
