/**
 * No log line carries personal data or a token. `npm start` runs as an operator runs it (its
 * own process, worker inline, pino at debug on stdout), against the OpenLogi and Admin API
 * doubles; signed webhooks cancel one order, change a customer's address on an OPEN shipment
 * (a PUT) and on a picking one (a billable modification), then the customer's data request and
 * redaction arrive. Every line the process wrote is then searched for the customer's name,
 * address, phone and email, the OpenLogi token and the Shopify access token.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { getEnv } from "../../app/env.server";
import { seedShop } from "../../app/models/shop-seed.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import { startAdminApiDouble, type AdminApiDouble } from "../doubles/admin-api-double";
import { buildMailingAddress } from "../doubles/build-order-snapshot";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../doubles/openlogi-double";
import { adminOrderFixture, orderNumbered, shipmentFor, webhookPayloads } from "../doubles/scenario";
import { signedWebhookRequest } from "../doubles/sign-webhook";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";
import { reservePort } from "../sandbox/net";

const SHOP = "privacy-logs.myshopify.com";
const ADMIN_TOKEN = "shpat_privacy_logs_offline_token";
const SECRET = "privacy-logs-secret";
const CUSTOMER = {
  lastName: "佐藤",
  firstName: "美咲",
  email: "misaki.sato@example.jp",
  phone: "+81 80-2468-1357",
  address1: "六本木6-10-1",
  address2: "六本木ヒルズ森タワー 12F",
  zip: "106-6108",
};
/** Each form a value could take in a line: as given, and as the mapping writes a phone. */
const SEARCHED = [
  CUSTOMER.lastName, CUSTOMER.firstName, CUSTOMER.email, CUSTOMER.address1, CUSTOMER.address2, CUSTOMER.zip,
  CUSTOMER.phone, "080-2468-1357", "08024681357", "2468-1357",
  DOUBLE_TOKEN, ADMIN_TOKEN,
];

let db: TestDatabase;
let openlogi: OpenLogiDouble;
let admin: AdminApiDouble;
let server: ChildProcess;
let output = "";
let url: string;

const address = buildMailingAddress({
  firstName: CUSTOMER.firstName, lastName: CUSTOMER.lastName, name: `${CUSTOMER.firstName} ${CUSTOMER.lastName}`,
  address1: CUSTOMER.address1, address2: CUSTOMER.address2, city: "港区", zip: CUSTOMER.zip, phone: CUSTOMER.phone,
});
const before = buildMailingAddress();
/** The order's payload as Shopify sends it: the customer's details ride along. */
const withCustomer = (payload: object) => ({
  ...payload,
  email: CUSTOMER.email,
  phone: CUSTOMER.phone,
  customer: { id: 4242, email: CUSTOMER.email, first_name: CUSTOMER.firstName, last_name: CUSTOMER.lastName, phone: CUSTOMER.phone },
  shipping_address: { first_name: CUSTOMER.firstName, last_name: CUSTOMER.lastName, address1: CUSTOMER.address1, address2: CUSTOMER.address2, zip: CUSTOMER.zip, phone: CUSTOMER.phone },
});

function send(topic: string, payload: object) {
  return fetch(signedWebhookRequest(`${url}/webhooks/${topic === "customers/redact" || topic === "customers/data_request" ? "compliance" : topic}`, { secret: SECRET, topic, shop: SHOP, payload }));
}

beforeAll(async () => {
  db = await createTestDatabase();
  openlogi = await startOpenLogiDouble({ tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] } });
  openlogi.setRateLimit(100_000);
  admin = await startAdminApiDouble({ accessTokens: { [SHOP]: ADMIN_TOKEN } });
  await seedShop(db.prisma, createTokenCipher(getEnv().TOKEN_ENCRYPTION_KEY), {
    shop: SHOP, accessToken: ADMIN_TOKEN, openlogiToken: DOUBLE_TOKEN, openlogiAccountCode: DOUBLE_ACCOUNT,
    settings: { modifyAfterConfirmation: true },
  });

  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const [, ...args] = scripts.start.split(" ");
  const port = await reservePort(0, "the app", "PORT");
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, args, {
    env: {
      ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: db.url,
      SHOPIFY_API_SECRET: SECRET, OPENLOGI_API_BASE_URL: openlogi.url, SHOPIFY_ADMIN_API_ORIGIN: admin.url,
      ALLOW_API_OVERRIDES: "1", WORKER_MODE: "inline", LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (attempt > 300) throw new Error(`the app did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});

afterAll(async () => {
  server?.kill("SIGKILL");
  await admin?.close();
  await openlogi?.close();
  await db?.drop();
});

async function completed(count: number) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    // Order jobs: the worker's schedule also runs the shop's reconciliation cycle.
    if ((await db.prisma.syncJob.count({ where: { kind: "order_event", status: { in: ["completed", "failed"] } } })) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`jobs did not finish:\n${output}`);
}

it("writes no personal data and no token to the log of a run with syncs, a data request and a redaction", async () => {
  // GIVEN three orders of one customer, each with its OpenLogi shipment
  const cancelled = orderNumbered(7001, { shippingAddress: address, email: CUSTOMER.email, cancelledAt: "2026-11-20T10:00:00+09:00" });
  const moved = orderNumbered(7002, { shippingAddress: address, email: CUSTOMER.email });
  const picking = orderNumbered(7003, { shippingAddress: address, email: CUSTOMER.email });
  for (const order of [cancelled, moved, picking]) admin.setOrder(SHOP, adminOrderFixture(order));
  openlogi.seed([
    shipmentFor(cancelled, "waiting"),
    shipmentFor({ ...moved, shippingAddress: before }, "waiting"),
    shipmentFor({ ...picking, shippingAddress: before }, "picking"),
  ]);

  // WHEN Shopify's webhooks arrive and the inline worker syncs them
  expect((await send("orders/cancelled", withCustomer(webhookPayloads.cancelled(cancelled)))).status).toBe(200);
  expect((await send("orders/updated", withCustomer(webhookPayloads.updated(moved, "2026-11-20T11:00:00+09:00")))).status).toBe(200);
  expect((await send("orders/updated", withCustomer(webhookPayloads.updated(picking, "2026-11-20T11:00:00+09:00")))).status).toBe(200);
  await completed(3);
  const customer = { id: 4242, email: CUSTOMER.email, phone: CUSTOMER.phone };
  const orders = [7001, 7002, 7003].map((n) => 9_000_000 + n);
  expect((await send("customers/data_request", { shop_id: 1, shop_domain: SHOP, customer, orders_requested: orders, data_request: { id: 31 } })).status).toBe(200);
  expect((await send("customers/redact", { shop_id: 1, shop_domain: SHOP, customer, orders_to_redact: orders })).status).toBe(200);

  // THEN the syncs happened (so their log lines were written) ...
  const outcomes = await db.prisma.syncHistory.findMany({ where: { shop: SHOP }, orderBy: { orderId: "asc" }, select: { outcome: true } });
  expect(outcomes.map((row) => row.outcome), output).toEqual(["deleted", "updated", "modify_requested"]);
  // stdout is a pipe: the last lines may still be on their way.
  for (let i = 0; i < 50 && !output.includes("customer data removed"); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(output).toContain("customer data removed");
  expect(output.split("\n").filter(Boolean).length).toBeGreaterThan(10);
  // ... and no line names the customer or carries a token
  const leaks = output.split("\n").filter((line) => SEARCHED.some((value) => line.includes(value)));
  expect(leaks).toEqual([]);
  // The redaction reached the database too: nothing of the customer is stored any more.
  const stored = JSON.stringify([
    await db.prisma.webhookEvent.findMany({ where: { shop: SHOP } }),
    await db.prisma.syncHistory.findMany({ where: { shop: SHOP } }),
    await db.prisma.billableRequest.findMany({ where: { shop: SHOP } }),
  ]);
  for (const value of SEARCHED.slice(0, 7)) expect(stored).not.toContain(value);
});
