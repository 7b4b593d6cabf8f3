import {
  loadShopContext,
  loadShopStatus,
  markConnectionBroken,
  saveShopSettings,
} from "../../../app/models/settings.server";
import { parseSettingPairs } from "../../../app/models/settings-input";
import { createTokenCipher } from "../../../app/security/token-cipher.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

const cipher = createTokenCipher("ab".repeat(32));
const SHOP = "settings.myshopify.com";
const TOKEN = "openlogi-secret-token-123";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

describe("shop settings", () => {
  it("starts from SPEC.md's defaults", async () => {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1" });
    const context = await loadShopContext(db.prisma, cipher, SHOP);
    expect(context?.settings).toEqual({
      reflectChanges: true,
      cancelAfterConfirmation: false,
      modifyAfterConfirmation: false,
      reflectItemChanges: true,
      shipmentKey: "name",
      locationId: null,
      paused: false,
    });
  });

  it("stores the OpenLogi token only encrypted, and decrypts it for the worker", async () => {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1" });
    const row = await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect((await loadShopContext(db.prisma, cipher, SHOP))?.openlogi).toEqual({
      accountCode: "AC1",
      token: TOKEN,
      environment: "production",
    });
  });

  it("never hands the token to what a browser may see", async () => {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1" });
    const status = await loadShopStatus(db.prisma, SHOP);
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    expect(JSON.stringify(status)).not.toContain("v1:");
    expect(status).toMatchObject({ connected: true, connectionError: null });
  });

  it("clears a broken connection when a new token is saved", async () => {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1" });
    await markConnectionBroken(db.prisma, SHOP, "401 unauthorized", new Date());
    expect((await loadShopStatus(db.prisma, SHOP))?.connectionError).toBe("401 unauthorized");
    await saveShopSettings(db.prisma, cipher, SHOP, { paused: true });
    expect((await loadShopStatus(db.prisma, SHOP))?.connectionError).toBe("401 unauthorized");
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: "new-token" });
    expect((await loadShopStatus(db.prisma, SHOP))?.connectionError).toBeNull();
  });
});

describe("parseSettingPairs (npm run shop:seed -- --set key=value)", () => {
  it("reads every documented key", () => {
    expect(
      parseSettingPairs([
        "reflectChanges=false",
        "cancelAfterConfirmation=true",
        "modifyAfterConfirmation=true",
        "reflectItemChanges=false",
        "shipmentKey=number",
        "locationId=gid://shopify/Location/7",
        "paused=true",
        "environment=demo",
      ]),
    ).toEqual({
      reflectChanges: false,
      cancelAfterConfirmation: true,
      modifyAfterConfirmation: true,
      reflectItemChanges: false,
      shipmentKey: "number",
      locationId: "gid://shopify/Location/7",
      paused: true,
      environment: "demo",
    });
    expect(parseSettingPairs(["locationId=all"])).toEqual({ locationId: null });
  });

  it.each([
    ["paused=yes", /true or false/],
    ["shipmentKey=sku", /name, number or id/],
    ["environment=staging", /production or demo/],
    ["colour=blue", /Unknown setting "colour"/],
    ["paused", /key=value/],
  ])("rejects %s with a clear message", (pair, message) => {
    expect(() => parseSettingPairs([pair])).toThrow(message);
  });
});
