import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

it("stores and reads a row through the engine-free client on a migrated SQLite file", async () => {
  await db.prisma.shopSettings.create({ data: { shop: "a.myshopify.com" } });
  const row = await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: "a.myshopify.com" } });
  expect(row).toMatchObject({ reflectChanges: true, cancelAfterConfirmation: false, shipmentKey: "name" });
});
