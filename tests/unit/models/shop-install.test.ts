import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../../app/models/db.server";
import { recordInstall } from "../../../app/models/shop-install.server";
import { storeDelivery } from "../../helpers/store-delivery";
import { createTestDatabase, testDialect, type TestDatabase } from "../../helpers/test-db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const SHOP = "reinstall.myshopify.com";

it("revives an uninstalled shop, keeping its settings, when two installs of it run at once (two connections on PostgreSQL)", async () => {
  await db.prisma.shopSettings.create({
    data: { shop: SHOP, uninstalledAt: new Date("2026-11-01T00:00:00Z"), openlogiTokenCiphertext: "v2:old", cancelAfterConfirmation: true, settingsSavedAt: new Date("2026-10-01T00:00:00Z") },
  });
  // SQLite serves one process through one connection (two would deadlock upgrading their read
  // locks); PostgreSQL serves several processes, so there the second install has its own.
  const other = testDialect() === "postgresql" ? createPrismaClient(db.url) : db.prisma;
  const now = new Date("2026-11-20T00:00:00Z");
  try {
    const results = await Promise.all([recordInstall(db.prisma, SHOP, now), recordInstall(other, SHOP, now)]);
    // Whichever ran first restored it; the other saw it restored already, or restored it too.
    expect(results).toContain("restored");
    expect(results.every((result) => result === "restored" || result === "kept")).toBe(true);
  } finally {
    if (other !== db.prisma) await other.$disconnect();
  }
  expect(await db.prisma.shopSettings.findMany({ where: { shop: SHOP } })).toEqual([
    expect.objectContaining({ uninstalledAt: null, openlogiTokenCiphertext: "v2:old", cancelAfterConfirmation: true, installedAt: now, reinstalledAt: now }),
  ]);
});

it("creates a new shop's record once, and keeps an installed one as it is", async () => {
  const now = new Date("2026-11-20T00:00:00Z");
  expect(await recordInstall(db.prisma, "new.myshopify.com", now)).toBe("created");
  await db.prisma.shopSettings.update({ where: { shop: "new.myshopify.com" }, data: { paused: true } });
  expect(await recordInstall(db.prisma, "new.myshopify.com", now)).toBe("kept");
  expect(await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: "new.myshopify.com" } })).toMatchObject({ paused: true, installedAt: now });
});

it.skipIf(testDialect() !== "sqlite")(
  "restores a shop while the webhook intake commits on its own connection in the middle (SQLite only: SQLITE_BUSY_SNAPSHOT is SQLite's)",
  async () => {
    const shop = "snapshot.myshopify.com";
    await db.prisma.shopSettings.create({ data: { shop, uninstalledAt: new Date("2026-11-01T00:00:00Z") } });
    // After recordInstall's first statement, a delivery is stored on the intake's connection
    // and given time to commit before the transaction goes on: a read first would have taken a
    // snapshot that this commit makes stale, and its write would fail.
    let intake: Promise<unknown> | undefined;
    const interleaved = db.prisma.$extends({
      query: {
        shopSettings: {
          async $allOperations({ args, query }) {
            const result = await query(args);
            if (!intake) {
              intake = storeDelivery(db.prisma, deliveryRecord(shop), { task: "updated", orderId: "1", jobKey: `${shop}:snapshot` }, new Date());
              await new Promise((resolve) => setTimeout(resolve, 30));
            }
            return result;
          },
        },
      },
    }) as unknown as PrismaClient;
    expect(await recordInstall(interleaved, shop, new Date("2026-11-20T00:00:00Z"))).toBe("restored");
    expect(await intake).toBe("stored");
  },
);

function deliveryRecord(shop: string) {
  return {
    webhookId: `${shop}-snapshot`, topic: "orders/updated", shop, eventId: null, apiVersion: "2026-07",
    triggeredAt: new Date(), orderId: "1", payload: "{}",
  };
}
