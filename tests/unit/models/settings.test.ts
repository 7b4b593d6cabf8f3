import {
  loadShopContext,
  loadShopStatus,
  markConnectionBroken,
  markTokenUnreadable,
  saveShopSettings,
  TOKEN_UNREADABLE_ERROR,
} from "../../../app/models/settings.server";
import { parseSettingPairs, parseShopSettingsInput, SettingsInputError } from "../../../app/models/settings-input";
import { createTokenCipher } from "../../../app/security/token-cipher.server";
import { encryptV1 } from "../../helpers/legacy-token";
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
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: "new-openlogi-token-456" });
    expect((await loadShopStatus(db.prisma, SHOP))?.connectionError).toBeNull();
  });

  it.each([
    ["a newline", "openlogi-secret\ntoken-123"],
    ["a space", "openlogi-secret token-123"],
    ["a non-ASCII character", "openlogi-secret-token-１２３"],
    ["fewer than 16 characters", "short-token"],
    ["more than 4,096 characters", "t".repeat(4097)],
  ])("refuses a token with %s, naming the field and not the token, and saves nothing", async (_case, token) => {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1" });
    const before = await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });

    const saving = saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: token, paused: true });

    await expect(saving).rejects.toThrow(SettingsInputError);
    await expect(saving).rejects.toThrow(/^openlogiToken: /);
    await expect(saving).rejects.not.toThrow(token.slice(0, 15));
    expect(await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } })).toEqual(before);
  });

  it("stores nothing for a new shop whose token is refused", async () => {
    await expect(saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: "bad\ntoken-0123456789" })).rejects.toThrow(SettingsInputError);
    expect(await db.prisma.shopSettings.count()).toBe(0);
  });
});

describe("a stored token that cannot be decrypted", () => {
  const OTHER_SHOP = "other.myshopify.com";

  async function loadWith(ciphertext: string, loadCipher = cipher) {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1", paused: true });
    await db.prisma.shopSettings.update({ where: { shop: SHOP }, data: { openlogiTokenCiphertext: ciphertext } });
    return loadShopContext(db.prisma, loadCipher, SHOP);
  }

  it.each([
    ["made under a key the app no longer has", () => createTokenCipher("cd".repeat(32)).encrypt(TOKEN, SHOP), "unknown_key"],
    ["copied from another shop's row", () => cipher.encrypt(TOKEN, OTHER_SHOP), "not_authentic"],
    ["in the v1 format", () => encryptV1("ab".repeat(32), TOKEN), "legacy_format"],
    ["not a ciphertext at all", () => "garbage", "malformed"],
  ])("is reported in the context, not thrown, when it was %s", async (_case, ciphertext, reason) => {
    const context = await loadWith(ciphertext());

    expect(context).toMatchObject({ shop: SHOP, openlogi: null, tokenUnreadable: reason, connectionError: null });
    expect(context?.settings.paused).toBe(true);
  });

  it("is not reported for a readable token, nor for a shop without one", async () => {
    await saveShopSettings(db.prisma, cipher, SHOP, { openlogiToken: TOKEN, openlogiAccountCode: "AC1" });
    await saveShopSettings(db.prisma, cipher, OTHER_SHOP, { paused: false });

    expect((await loadShopContext(db.prisma, cipher, SHOP))?.tokenUnreadable).toBeNull();
    expect(await loadShopContext(db.prisma, cipher, OTHER_SHOP)).toMatchObject({ openlogi: null, tokenUnreadable: null });
  });

  it("marks the connection broken with a message that names no token", async () => {
    await loadWith("garbage");
    await markTokenUnreadable(db.prisma, SHOP, new Date());

    expect(await loadShopStatus(db.prisma, SHOP)).toMatchObject({ connectionError: TOKEN_UNREADABLE_ERROR });
  });
});

describe("shop settings input (one schema for shop:seed and the settings form)", () => {
  it("takes form strings and typed values alike", () => {
    const fromForm = parseShopSettingsInput({
      openlogiToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
      openlogiAccountCode: "TS001",
      environment: "demo",
      shipmentKey: "id",
      locationId: "all",
      reflectChanges: "false",
      paused: "true",
    });
    const inCode = parseShopSettingsInput({ locationId: null, reflectChanges: false, paused: true });

    expect(fromForm).toEqual({
      openlogiToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
      openlogiAccountCode: "TS001",
      environment: "demo",
      shipmentKey: "id",
      locationId: null,
      reflectChanges: false,
      paused: true,
    });
    expect(inCode).toEqual({ locationId: null, reflectChanges: false, paused: true });
    expect(parseShopSettingsInput({ locationId: "gid://shopify/Location/7" })).toEqual({ locationId: "gid://shopify/Location/7" });
    expect(parseShopSettingsInput({ openlogiToken: "t".repeat(4096) }).openlogiToken).toHaveLength(4096);
  });

  it("names every bad field at once", () => {
    const parse = () =>
      parseShopSettingsInput({ openlogiToken: "x\ny", openlogiAccountCode: "TS-001", locationId: "7", paused: "yes", colour: "blue" });

    expect(parse).toThrow(SettingsInputError);
    try {
      parse();
    } catch (error) {
      expect(new Set((error as SettingsInputError).problems.map((problem) => problem.field))).toEqual(
        new Set(["colour", "locationId", "openlogiAccountCode", "openlogiToken", "paused"]),
      );
    }
  });

  it.each([
    [{ openlogiAccountCode: "" }, /openlogiAccountCode: takes letters and digits only/],
    [{ openlogiAccountCode: "TS001/../x" }, /openlogiAccountCode: takes letters and digits only/],
    [{ locationId: "gid://shopify/Order/7" }, /locationId: takes a Location GID/],
    [{ environment: "staging" }, /environment: takes production or demo/],
    [{ openlogiToken: 1234567890123456 }, /openlogiToken: must be text/],
  ])("refuses %j with a message naming the field", (input, message) => {
    expect(() => parseShopSettingsInput(input)).toThrow(message);
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
    ["paused=yes", /paused: takes true or false/],
    ["shipmentKey=sku", /shipmentKey: takes name, number or id/],
    ["environment=staging", /environment: takes production or demo/],
    ["colour=blue", /colour: is not a setting/],
    ["openlogiToken=abcdefghijklmnopqrstuvwxyz", /openlogiToken: is not a setting/],
    ["paused", /paused: expected key=value/],
  ])("rejects %s with a clear message", (pair, message) => {
    expect(() => parseSettingPairs([pair])).toThrow(message);
  });
});
