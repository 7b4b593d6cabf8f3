/**
 * `npm run tokens:reencrypt` as an operator runs it, against a real migrated database: after
 * a key change, and once after the upgrade from the v1 format.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { loadShopContext, markTokenUnreadable, saveShopSettings } from "../../app/models/settings.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { encryptV1 } from "../helpers/legacy-token";
import { storeDelivery } from "../helpers/store-delivery";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";

const run = promisify(execFile);

const OLD_KEY = "0a".repeat(32);
const NEW_KEY = "0b".repeat(32);
const LOST_KEY = "0c".repeat(32);
const tokenOf = (shop: string) => `openlogi-token-for-${shop}`;

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const reencrypt = (previousKeys: string) =>
  run("npm", ["run", "--silent", "tokens:reencrypt"], {
    env: { ...process.env, DATABASE_URL: db.url, TOKEN_ENCRYPTION_KEY: NEW_KEY, TOKEN_ENCRYPTION_PREVIOUS_KEYS: previousKeys },
    timeout: 30_000,
  });

/** A connected shop whose stored token is `ciphertext`. */
async function shopWith(shop: string, ciphertext: (shop: string) => string) {
  await saveShopSettings(db.prisma, createTokenCipher(NEW_KEY), shop, { openlogiToken: tokenOf(shop), openlogiAccountCode: "TS001" });
  await db.prisma.shopSettings.update({ where: { shop }, data: { openlogiTokenCiphertext: ciphertext(shop) } });
}

const ciphertextOf = async (shop: string) =>
  (await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop } })).openlogiTokenCiphertext!;

describe("npm run tokens:reencrypt", () => {
  it("turns v1 and old-key rows into current-key rows the app reads with the current key alone", async () => {
    // GIVEN v1 rows under the old and the current key, a row under the old key, and a current row
    await shopWith("v1-old.myshopify.com", (shop) => encryptV1(OLD_KEY, tokenOf(shop)));
    await shopWith("v1-new.myshopify.com", (shop) => encryptV1(NEW_KEY, tokenOf(shop)));
    await shopWith("old.myshopify.com", (shop) => createTokenCipher(OLD_KEY).encrypt(tokenOf(shop), shop));
    await shopWith("current.myshopify.com", (shop) => createTokenCipher(NEW_KEY).encrypt(tokenOf(shop), shop));
    const currentBefore = await ciphertextOf("current.myshopify.com");

    // WHEN the operator runs the script with the old key as a previous key
    const { stdout, stderr } = await reencrypt(OLD_KEY);

    // THEN every row is under the current key, bound to its shop, and reads back
    expect(stdout).toContain("Re-encrypted 3, already current 1, unreadable 0");
    expect(stdout + stderr).not.toContain("openlogi-token-for");
    const app = createTokenCipher(NEW_KEY);
    for (const shop of ["v1-old.myshopify.com", "v1-new.myshopify.com", "old.myshopify.com", "current.myshopify.com"]) {
      expect(await ciphertextOf(shop)).toMatch(new RegExp(`^v2:${app.keyId}:`));
      expect((await loadShopContext(db.prisma, app, shop))?.openlogi?.token).toBe(tokenOf(shop));
    }
    // AND a row already current is left as it was
    expect(await ciphertextOf("current.myshopify.com")).toBe(currentBefore);

    // AND a second run finds nothing to do
    expect((await reencrypt(OLD_KEY)).stdout).toContain("Re-encrypted 0, already current 4, unreadable 0");
  });

  it("connects again a shop that was broken only by its unreadable token, and wakes its jobs", async () => {
    // GIVEN a v1 row the app could not read, so the shop was marked broken and its job waits
    const shop = "broken.myshopify.com";
    await shopWith(shop, (s) => encryptV1(OLD_KEY, tokenOf(s)));
    const now = new Date();
    await markTokenUnreadable(db.prisma, shop, now);
    await storeDelivery(
      db.prisma,
      { webhookId: "wake-1", topic: "orders/cancelled", shop, eventId: null, apiVersion: "2026-07", triggeredAt: now, orderId: "1", payload: "{}" },
      { task: "cancelled", orderId: "1", jobKey: `${shop}:cancelled:1` },
      now,
    );
    const later = new Date(Date.now() + 15 * 60_000);
    await db.prisma.syncJob.updateMany({ where: { shop }, data: { runAt: later } });

    // WHEN the script runs
    await reencrypt(OLD_KEY);

    // THEN the connection error is gone and the job is due now
    expect(await loadShopContext(db.prisma, createTokenCipher(NEW_KEY), shop)).toMatchObject({
      connectionError: null,
      tokenUnreadable: null,
      openlogi: { token: tokenOf(shop) },
    });
    const job = await db.prisma.syncJob.findFirstOrThrow({ where: { shop } });
    expect(job.runAt.getTime()).toBeLessThan(later.getTime());
  });

  it("reports, and leaves alone, a row no key opens, and exits 1 after converting the others", async () => {
    await shopWith("lost.myshopify.com", (shop) => createTokenCipher(LOST_KEY).encrypt(tokenOf(shop), shop));
    await shopWith("moved.myshopify.com", (shop) => createTokenCipher(NEW_KEY).encrypt(tokenOf(shop), "other.myshopify.com"));
    await shopWith("old.myshopify.com", (shop) => createTokenCipher(OLD_KEY).encrypt(tokenOf(shop), shop));
    const lostBefore = await ciphertextOf("lost.myshopify.com");

    const failed = await reencrypt(OLD_KEY).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

    expect(failed).toMatchObject({ code: 1 });
    expect(failed!.stdout).toContain("Re-encrypted 1, already current 0, unreadable 2");
    expect(failed!.stderr).toContain("lost.myshopify.com: unknown_key");
    expect(failed!.stderr).toContain("moved.myshopify.com: not_authentic");
    expect(failed!.stdout + failed!.stderr).not.toContain("openlogi-token-for");
    expect(await ciphertextOf("lost.myshopify.com")).toBe(lostBefore);
    expect((await loadShopContext(db.prisma, createTokenCipher(NEW_KEY), "old.myshopify.com"))?.openlogi?.token).toBe(
      tokenOf("old.myshopify.com"),
    );
  });
});
