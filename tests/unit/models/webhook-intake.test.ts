import { storeWebhookBatch, type IntakeEntry } from "../../../app/models/webhook-intake.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const SHOP = "batch.myshopify.com";
let seq = 0;
function entry(orderId: string, fingerprint: string | null, second: number, patch: Partial<IntakeEntry["record"]> = {}): IntakeEntry {
  const webhookId = patch.webhookId ?? `wh-${++seq}`;
  return {
    record: {
      webhookId,
      topic: "orders/updated",
      shop: SHOP,
      eventId: null,
      apiVersion: "2026-07",
      triggeredAt: new Date(Date.UTC(2026, 10, 20, 1, 0, second)),
      orderId,
      payload: "{}",
      ...patch,
    },
    job: { task: "updated", orderId, jobKey: `${SHOP}:updated:${orderId}:${webhookId}` },
    fingerprint,
    receivedAt: new Date(Date.UTC(2026, 10, 20, 1, 0, second, 500)),
  };
}

describe("storeWebhookBatch", () => {
  it("stores a batch in one go: a webhook id twice in it is stored once, and an order's quiet deliveries in it get no job", async () => {
    const results = await storeWebhookBatch(db.prisma, [
      entry("1", "A", 3),
      entry("1", "A", 1),
      entry("1", "A", 2, { webhookId: "same" }),
      entry("1", "A", 2, { webhookId: "same" }),
      entry("2", null, 1),
    ]);

    // Shopify's order within the batch: second 1 became the job, seconds 2 and 3 were quiet
    expect(results).toEqual(["quiet", "stored", "quiet", "duplicate", "stored"]);
    expect(await db.prisma.webhookEvent.count({ where: { shop: SHOP } })).toBe(4);
    const jobs = await db.prisma.syncJob.findMany({ where: { shop: SHOP }, orderBy: { orderId: "asc" } });
    expect(jobs.map((job) => [job.orderId, job.status, job.triggeredAt.getUTCSeconds()])).toEqual([
      ["1", "pending", 1],
      ["2", "pending", 1],
    ]);
    expect(await db.prisma.orderFingerprint.findUnique({ where: { shop_orderId: { shop: SHOP, orderId: "1" } } })).toMatchObject({
      fingerprint: "A",
      quietCount: 2,
      jobId: jobs[0].id,
      triggeredAt: new Date(Date.UTC(2026, 10, 20, 1, 0, 3)),
    });
    // No fingerprint, no state: a delivery without one is never compared.
    expect(await db.prisma.orderFingerprint.findUnique({ where: { shop_orderId: { shop: SHOP, orderId: "2" } } })).toBeNull();
  });

  it("adds no second job for a job key seen before, and never calls a later delivery quiet on a job it does not have", async () => {
    const first = entry("3", "B", 1);
    await storeWebhookBatch(db.prisma, [first]);
    const again = { ...entry("3", "B", 2), job: first.job };
    expect(await storeWebhookBatch(db.prisma, [again])).toEqual(["quiet"]);
    const changed = { ...entry("3", "C", 3), job: first.job };
    expect(await storeWebhookBatch(db.prisma, [changed])).toEqual(["stored"]);
    expect(await db.prisma.syncJob.count({ where: { shop: SHOP, orderId: "3" } })).toBe(1);
    // The job key was taken: the row names no job, so the next same-fingerprint delivery is not quiet.
    expect(await storeWebhookBatch(db.prisma, [entry("3", "C", 4)])).toEqual(["stored"]);
    expect(await db.prisma.syncJob.count({ where: { shop: SHOP, orderId: "3" } })).toBe(2);
  });

  it("stores cancellations and edits with their jobs, untouched by fingerprints", async () => {
    const cancelled: IntakeEntry = {
      ...entry("4", null, 1, { topic: "orders/cancelled" }),
      job: { task: "cancelled", orderId: "4", jobKey: `${SHOP}:cancelled:4` },
    };
    expect(await storeWebhookBatch(db.prisma, [cancelled, { ...cancelled, record: { ...cancelled.record, webhookId: "other-delivery" } }])).toEqual([
      "stored",
      "stored",
    ]);
    expect(await db.prisma.syncJob.count({ where: { shop: SHOP, orderId: "4" } })).toBe(1);
  });
});
