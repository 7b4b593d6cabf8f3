/**
 * The operations interface as an operator uses it: `npm run shop:seed` registers a shop
 * without OAuth, and `npm run worker` syncs in a process of its own and stops cleanly.
 */
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { loadShopContext } from "../../app/models/settings.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { startAdminApiDouble, type AdminApiDouble } from "../doubles/admin-api-double";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../doubles/openlogi-double";
import { adminOrderFixture, orderNumbered, shipmentFor } from "../doubles/scenario";
import { storeDelivery } from "../helpers/store-delivery";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";

const run = promisify(execFile);

function workerCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  return scripts.worker.split(" ");
}
const SHOP = "ops.myshopify.com";
const ADMIN_TOKEN = "shpat_ops";
const KEY = "cd".repeat(32);

let db: TestDatabase;
let openlogi: OpenLogiDouble;
let admin: AdminApiDouble;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  db = await createTestDatabase();
  openlogi = await startOpenLogiDouble({ tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] } });
  admin = await startAdminApiDouble({ accessTokens: { [SHOP]: ADMIN_TOKEN } });
  env = {
    ...process.env,
    DATABASE_URL: db.url,
    TOKEN_ENCRYPTION_KEY: KEY,
    OPENLOGI_API_BASE_URL: openlogi.url,
    SHOPIFY_ADMIN_API_ORIGIN: admin.url,
    ALLOW_API_OVERRIDES: "1",
    LOG_LEVEL: "info",
  };
});
afterAll(async () => {
  await admin.close();
  await openlogi.close();
  await db.drop();
});

const seed = (...args: string[]) => run("npm", ["run", "--silent", "shop:seed", "--", ...args], { env, timeout: 30_000 });

describe("npm run shop:seed", () => {
  it("registers an offline session and settings, with the OpenLogi token encrypted", async () => {
    await seed(
      "--shop", SHOP, "--access-token", ADMIN_TOKEN, "--openlogi-token", DOUBLE_TOKEN,
      "--openlogi-account", DOUBLE_ACCOUNT, "--set", "cancelAfterConfirmation=true", "--set", "shipmentKey=name",
    );
    const session = await new PrismaSessionStorage(db.prisma).loadSession(`offline_${SHOP}`);
    expect(session).toMatchObject({ shop: SHOP, isOnline: false, accessToken: ADMIN_TOKEN });
    const context = await loadShopContext(db.prisma, createTokenCipher(KEY), SHOP);
    expect(context?.settings).toMatchObject({ cancelAfterConfirmation: true, shipmentKey: "name" });
    expect(context?.openlogi).toEqual({ accountCode: DOUBLE_ACCOUNT, token: DOUBLE_TOKEN, environment: "production" });
    const row = await db.prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(JSON.stringify(row)).not.toContain(DOUBLE_TOKEN);
  });

  it.each([
    [["--shop", SHOP], /Missing: --access-token, --openlogi-token, --openlogi-account/],
    [["--shop", "not-a-shop.com", "--access-token", "a", "--openlogi-token", DOUBLE_TOKEN, "--openlogi-account", "c"], /myshopify\.com/],
    [["--shop", SHOP, "--access-token", "a", "--openlogi-token", DOUBLE_TOKEN, "--openlogi-account", "c", "--set", "paused=maybe"], /--set paused: takes true or false/],
    [["--shop", SHOP, "--access-token", "a", "--openlogi-token", DOUBLE_TOKEN, "--openlogi-account", "TS-001"], /--openlogi-account: takes letters and digits only/],
  ])("refuses %j with a clear message", async (args, message) => {
    await expect(seed(...args)).rejects.toMatchObject({ stderr: expect.stringMatching(message) });
  });

  it("refuses a token with a newline without echoing it, and saves nothing", async () => {
    const shop = "newline.myshopify.com";
    const token = "openlogi-first-line\nsecond-line-of-token";

    const refused = seed("--shop", shop, "--access-token", "a", "--openlogi-token", token, "--openlogi-account", "TS001");

    await expect(refused).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Nothing was saved:\n {2}--openlogi-token: may hold only visible ASCII characters/),
    });
    const { stderr } = (await refused.catch((error: { stderr: string }) => error)) as { stderr: string };
    expect(stderr).not.toMatch(/first-line|second-line/);
    expect(await new PrismaSessionStorage(db.prisma).loadSession(`offline_${shop}`)).toBeUndefined();
    expect(await db.prisma.shopSettings.findUnique({ where: { shop } })).toBeNull();
  });
});

describe("npm run worker", () => {
  it("syncs a stored job in a process of its own and stops cleanly on SIGTERM", async () => {
    // GIVEN a seeded shop, an order and its shipment, and a stored cancellation
    const order = { ...orderNumbered(8001), cancelledAt: "2026-11-20T10:00:00+09:00" };
    admin.setOrder(SHOP, adminOrderFixture(order));
    const [shipment] = openlogi.seed([shipmentFor(order, "waiting")]);
    const now = new Date();
    await storeDelivery(
      db.prisma,
      { webhookId: "ops-1", topic: "orders/cancelled", shop: SHOP, eventId: null, apiVersion: "2026-07", triggeredAt: now, orderId: order.legacyId, payload: "{}" },
      { task: "cancelled", orderId: order.legacyId, jobKey: `${SHOP}:cancelled:${order.legacyId}` },
      now,
    );

    // WHEN a worker process runs (the command of `npm run worker`, so the signal reaches it directly)
    const [command, ...args] = workerCommand();
    const worker = spawn(command === "node" ? process.execPath : command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    worker.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await db.prisma.syncJob.count({ where: { status: "completed" } })) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // THEN the shipment is deleted and the history says so
    expect(openlogi.get(shipment.id), output).toBeUndefined();
    expect(await db.prisma.syncHistory.findMany({ where: { orderId: order.legacyId } })).toMatchObject([{ outcome: "deleted" }]);
    expect(output).toContain("OPENLOGI_API_BASE_URL overrides");

    // AND it stops cleanly
    const exit = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    worker.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(output).toContain("worker stopped");
  });
});
