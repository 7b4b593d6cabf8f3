/**
 * The compliance webhooks through the real Remix handler (/webhooks/compliance), signed as
 * Shopify signs them: a data request the merchant can download, a customer's data removed
 * while the fact of each sync stays, a shop erased, and the retention purge.
 */
import { Prisma } from "@prisma/client";
import { createTestLogger } from "../../helpers/test-logger";
import { buildDataRequestExport, listDataRequests } from "../../../app/models/data-request.server";
import { purgeExpiredPersonalData } from "../../../app/privacy/purge-expired.server";
import { startAppHarness, type AppHarness } from "../../helpers/app-harness";

const SHOP = "compliance.myshopify.com";
const OTHER = "compliance-other.myshopify.com";
const NAME = "山田 花子";
const PHONE = "090-1234-5678";
const EMAIL = "hanako@example.jp";
const ADDRESS = "千代田区丸の内1-1-1";
const PERSONAL = [NAME, PHONE, EMAIL, ADDRESS];

let app: AppHarness;
const prisma = () => app.db.prisma;

beforeAll(async () => {
  app = await startAppHarness();
});
afterAll(() => app.close());

const order = (id: number) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  name: `#${id}`,
  email: EMAIL,
  phone: PHONE,
  updated_at: "2026-11-20T10:00:00+09:00",
  customer: { id: 77, email: EMAIL, phone: PHONE },
  shipping_address: { name: NAME, address1: ADDRESS, phone: PHONE },
});

/** An order as the app keeps it: its stored webhook and a record that changed its recipient. */
async function seedOrder(shop: string, id: number, receivedAt = new Date()) {
  const response = await app.sendWebhook("/webhooks/orders/updated", { topic: "orders/updated", shop, payload: order(id) });
  expect(response.status).toBe(200);
  await prisma().webhookEvent.updateMany({ where: { shop, orderId: String(id) }, data: { receivedAt } });
  const details = {
    decision: "update",
    notices: [{ code: "phone_not_converted", actionRequired: false, params: { phone: PHONE } }],
    changes: [{ field: "recipient", before: { name: "Old", address1: "旧住所" }, after: { name: NAME, address1: ADDRESS } }],
  };
  await prisma().syncHistory.create({
    data: {
      shop, list: "modify", orderId: String(id), orderName: `#${id}`, shipmentId: `S${id}`, action: "update", outcome: "updated",
      details: JSON.stringify(details), message: null, startedAt: receivedAt, finishedAt: receivedAt, createdAt: receivedAt,
    },
  });
  await prisma().syncJob.updateMany({
    where: { shop, orderId: String(id) },
    data: { status: "completed", lastError: `OpenLogi 422: ${ADDRESS} is too long`, updatedAt: receivedAt },
  });
  await prisma().billableRequest.create({
    data: { shop, shipmentId: `S${id}`, kind: "modify", changeKey: `S${id}:recipient:${JSON.stringify({ name: NAME })}`, state: "sent", createdAt: receivedAt },
  });
}

async function storedText(shop: string, orderId: string) {
  const [webhooks, records, ledger, jobs] = await Promise.all([
    prisma().webhookEvent.findMany({ where: { shop, orderId } }),
    prisma().syncHistory.findMany({ where: { shop, orderId } }),
    prisma().billableRequest.findMany({ where: { shop, shipmentId: `S${orderId}` } }),
    prisma().syncJob.findMany({ where: { shop, orderId } }),
  ]);
  expect(jobs.length).toBeGreaterThan(0);
  return { webhooks, records, ledger, text: JSON.stringify([webhooks, records, ledger, jobs]) };
}

describe("customers/data_request", () => {
  it("records the request once and exports everything the app holds for the orders, to the merchant of that shop only", async () => {
    await seedOrder(SHOP, 5001);
    const payload = {
      shop_id: 1, shop_domain: SHOP, orders_requested: [5001],
      customer: { id: 77, email: EMAIL, phone: PHONE }, data_request: { id: 9001 },
    };
    for (const webhookId of ["dr-1", "dr-1-again"]) {
      const response = await app.sendWebhook("/webhooks/compliance", { topic: "customers/data_request", shop: SHOP, payload, webhookId });
      expect(response.status).toBe(200);
    }

    const requests = await listDataRequests(prisma(), SHOP);
    expect(requests).toMatchObject([{ dataRequestId: "9001", customerId: "77", orderCount: 1 }]);
    expect(await listDataRequests(prisma(), OTHER)).toEqual([]);
    expect(await buildDataRequestExport(prisma(), OTHER, requests[0].id)).toBeNull();
    const exported = await buildDataRequestExport(prisma(), SHOP, requests[0].id);
    expect(exported).toMatchObject({ orderIds: ["5001"], history: [{ orderName: "#5001", outcome: "updated" }], billableRequests: [{ shipmentId: "S5001" }] });
    expect(exported!.webhooks).toMatchObject([{ topic: "orders/updated", payload: { shipping_address: { name: NAME } } }]);
    // The request row itself keeps no email or phone of the customer.
    expect(JSON.stringify(await prisma().customerDataRequest.findMany())).not.toContain(EMAIL);
  });
});

describe("customers/redact", () => {
  it("removes the customer's data from the orders' webhooks, records and ledger, keeps the records, and leaves other orders alone", async () => {
    await seedOrder(SHOP, 5002);
    await seedOrder(SHOP, 5003);
    const response = await app.sendWebhook("/webhooks/compliance", {
      topic: "customers/redact", shop: SHOP,
      payload: { shop_id: 1, shop_domain: SHOP, customer: { id: 77, email: EMAIL, phone: PHONE }, orders_to_redact: [5002] },
    });
    expect(response.status).toBe(200);

    const redacted = await storedText(SHOP, "5002");
    for (const value of PERSONAL) expect(redacted.text).not.toContain(value);
    expect(redacted.records).toMatchObject([{ orderName: "#5002", action: "update", outcome: "updated" }]);
    expect(redacted.records[0].personalDataRemovedAt).not.toBeNull();
    expect(JSON.parse(redacted.webhooks[0].payload)).toMatchObject({ id: 5002, name: "#5002" });
    expect(redacted.ledger[0].changeKey).toMatch(/^S5002:recipient:sha256:[0-9a-f]{64}$/);

    const untouched = await storedText(SHOP, "5003");
    expect(untouched.text).toContain(ADDRESS);
    expect(untouched.records[0].personalDataRemovedAt).toBeNull();
  });

  it("refuses another shop's customers/redact resent under this shop, and changes nothing", async () => {
    await seedOrder(SHOP, 5004);
    const response = await app.sendWebhook("/webhooks/compliance", {
      topic: "customers/redact", shop: SHOP,
      payload: { shop_id: 2, shop_domain: OTHER, customer: { id: 77 }, orders_to_redact: [5004] },
    });
    expect(response.status).toBe(400);
    expect((await storedText(SHOP, "5004")).text).toContain(ADDRESS);
  });

  it("answers 401 to a body that is not signed with the app's secret, and changes nothing", async () => {
    const response = await app.sendWebhook("/webhooks/compliance", {
      topic: "customers/redact", shop: SHOP, secret: "another-secret",
      payload: { shop_id: 1, shop_domain: SHOP, customer: { id: 77 }, orders_to_redact: [5004] },
    });
    expect(response.status).toBe(401);
    expect((await storedText(SHOP, "5004")).text).toContain(ADDRESS);
  });
});

describe("the retention purge", () => {
  it("cuts down payloads and records older than the retention age, keeps newer ones, and is safe to run again", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 31 * 86_400_000);
    await seedOrder(OTHER, 6001, old);
    await seedOrder(OTHER, 6002, new Date(now.getTime() - 29 * 86_400_000));
    const { logger, lines } = createTestLogger();

    const first = await purgeExpiredPersonalData(prisma(), { now, retentionDays: 30, logger });
    const again = await purgeExpiredPersonalData(prisma(), { now, retentionDays: 30, logger });

    expect(first).toMatchObject({ webhooks: expect.any(Number), records: expect.any(Number), billableKeys: expect.any(Number) });
    expect(first.webhooks).toBeGreaterThanOrEqual(1);
    expect(again).toEqual({ webhooks: 0, records: 0, billableKeys: 0 });
    const expired = await storedText(OTHER, "6001");
    for (const value of PERSONAL) expect(expired.text).not.toContain(value);
    expect(expired.records).toHaveLength(1);
    expect((await storedText(OTHER, "6002")).text).toContain(ADDRESS);
    expect(lines().join("\n")).toContain("expired personal data removed");
  });
});

describe("shop/redact", () => {
  it("erases everything of the shop, data requests included, and nothing of another shop", async () => {
    const now = new Date();
    for (const shop of [SHOP, OTHER]) {
      await prisma().orderFingerprint.create({ data: { shop, orderId: "7001", fingerprint: "hash-of-address", updatedAt: now } });
      await prisma().reconcileCheckpoint.create({ data: { shop, updatedSince: now, lastCycleAt: now } });
    }
    const response = await app.sendWebhook("/webhooks/compliance", { topic: "shop/redact", shop: SHOP, payload: { shop_id: 1, shop_domain: SHOP } });
    expect(response.status).toBe(200);
    // Every model that names a shop, as the schema has them today: a new one is covered too.
    const tables = Prisma.dmmf.datamodel.models.filter((model) => model.fields.some((field) => field.name === "shop"));
    expect(tables.length).toBeGreaterThan(8);
    for (const { name } of tables) {
      const delegate = prisma()[(name[0].toLowerCase() + name.slice(1)) as "syncJob"] as unknown as { count(args: unknown): Promise<number> };
      expect(await delegate.count({ where: { shop: SHOP } }), name).toBe(0);
    }
    expect(await prisma().syncHistory.count({ where: { shop: OTHER } })).toBeGreaterThan(0);
    expect(await prisma().orderFingerprint.count({ where: { shop: OTHER } })).toBe(1);
    expect(await prisma().reconcileCheckpoint.count({ where: { shop: OTHER } })).toBe(1);
  });
});
