import { Prisma } from "@prisma/client";
import { dialectOfUrl } from "../../../app/models/database-url";
import { createPrismaClient } from "../../../app/models/db.server";
import { byDialect, dialectOf, forUpdateSkipLocked } from "../../../app/models/sql-dialect.server";
import { createTestDatabase, testDialect, type TestDatabase } from "../../helpers/test-db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

it(`stores and reads a row through the engine-free client on a migrated ${testDialect()} database`, async () => {
  await db.prisma.shopSettings.create({ data: { shop: "a.myshopify.com" } });
  const row = await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: "a.myshopify.com" } });
  expect(row).toMatchObject({ reflectChanges: true, cancelAfterConfirmation: false, shipmentKey: "name" });
});

it("gets the client DATABASE_URL names, and knows its dialect inside a transaction too", async () => {
  expect(dialectOfUrl(db.url)).toBe(testDialect());
  expect(dialectOf(db.prisma)).toBe(testDialect());
  const inside = await db.prisma.$transaction(async (tx) => dialectOf(tx));
  expect(inside).toBe(testDialect());
  expect(byDialect(db.prisma, { sqlite: "s", postgresql: "p" })).toBe(testDialect() === "sqlite" ? "s" : "p");
});

it("takes @prisma/client's Prisma.sql and Prisma.join fragments inside raw SQL", async () => {
  const rows = await db.prisma.$queryRaw<{ shop: string }[]>`
    SELECT "shop" FROM "ShopSettings" WHERE "shop" IN (${Prisma.join(["a.myshopify.com", "b.myshopify.com"])})
      AND ${Prisma.sql`"paused" = ${false}`}`;
  expect(rows).toEqual([{ shop: "a.myshopify.com" }]);
});

it("skips, on PostgreSQL, a row another transaction claimed; SQLite's one writer leaves nothing to skip", async () => {
  const other = createPrismaClient(db.url);
  const claim = (client: Pick<typeof other, "$queryRaw">) =>
    client.$queryRaw<{ shop: string }[]>`SELECT "shop" FROM "ShopSettings" ORDER BY "shop" LIMIT 1 ${forUpdateSkipLocked(client)}`;
  try {
    const [mine, theirs] = await db.prisma.$transaction(async (tx) => [await claim(tx), await claim(other)]);
    expect(mine).toEqual([{ shop: "a.myshopify.com" }]);
    expect(theirs).toEqual(testDialect() === "postgresql" ? [] : [{ shop: "a.myshopify.com" }]);
  } finally {
    await other.$disconnect();
  }
});

it("refuses a DATABASE_URL that is neither SQLite nor PostgreSQL, naming the variable", () => {
  expect(() => dialectOfUrl("mysql://localhost/app")).toThrow(/DATABASE_URL/);
  expect(dialectOfUrl("postgres://u@h/d")).toBe("postgresql");
  expect(dialectOfUrl("postgresql://u@h/d")).toBe("postgresql");
  expect(dialectOfUrl("file:./prisma/dev.sqlite")).toBe("sqlite");
});
