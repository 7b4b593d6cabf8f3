import { createPrismaClient } from "../../../app/models/db.server";
import {
  claimJobs,
  completeJob,
  failExhaustedJobs,
  failJob,
  releaseJobs,
  rescheduleJob,
  storeWebhook,
  type JobTask,
} from "../../../app/models/sync-job.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

const SHOP = "queue.myshopify.com";
const T0 = new Date("2026-11-20T00:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE = 60_000;

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

let seq = 0;
async function enqueue(orderId: string, triggeredAt: Date, task: JobTask = "updated") {
  seq += 1;
  await storeWebhook(
    db.prisma,
    {
      webhookId: `wh-${seq}`,
      topic: `orders/${task}`,
      shop: SHOP,
      eventId: null,
      apiVersion: "2026-07",
      triggeredAt,
      orderId,
      payload: "{}",
    },
    { task, orderId, jobKey: `key-${seq}` },
    T0,
  );
  return db.prisma.syncJob.findFirstOrThrow({ where: { jobKey: `key-${seq}` } });
}

const claim = (workerId: string, now: Date, limit = 10) =>
  claimJobs(db.prisma, { workerId, now, leaseMs: LEASE, limit });

describe("claimJobs", () => {
  it("hands out an order's events one at a time in X-Shopify-Triggered-At order, not arrival order", async () => {
    // GIVEN two events of one order that arrived out of order
    const later = await enqueue("A", at(20));
    const earlier = await enqueue("A", at(10));
    // WHEN a worker claims
    const first = await claim("w1", at(30));
    // THEN only the earlier one is handed out, and the later one waits for it
    expect(first.map((job) => job.id)).toEqual([earlier.id]);
    expect(await claim("w2", at(30))).toEqual([]);
    await completeJob(db.prisma, earlier.id, at(31));
    expect((await claim("w2", at(32))).map((job) => job.id)).toEqual([later.id]);
  });

  it("runs different orders side by side", async () => {
    await enqueue("A", at(1));
    await enqueue("B", at(2));
    expect((await claim("w1", at(3))).map((job) => job.orderId).sort()).toEqual(["A", "B"]);
  });

  it("keeps a later event waiting while an earlier one of the same order is in backoff", async () => {
    const earlier = await enqueue("A", at(1));
    await enqueue("A", at(2));
    await claim("w1", at(3));
    await rescheduleJob(db.prisma, earlier.id, { runAt: at(100), lastError: "500", refundAttempt: false });
    expect(await claim("w1", at(50))).toEqual([]);
    expect((await claim("w1", at(100))).map((job) => job.id)).toEqual([earlier.id]);
  });

  it("gives a crashed worker's job to another worker once its lease has expired, counting the attempt", async () => {
    const job = await enqueue("A", at(1));
    await claim("crashed", at(2));
    expect(await claim("w2", at(2 + LEASE / 1000 - 1))).toEqual([]);
    const [reclaimed] = await claim("w2", at(2 + LEASE / 1000 + 1));
    expect(reclaimed).toMatchObject({ id: job.id, lockedBy: "w2", attempts: 2 });
  });

  it("never hands one job to two workers on two connections to the same database", async () => {
    for (let i = 0; i < 20; i++) await enqueue(`order-${i}`, at(i));
    const other = createPrismaClient(db.url);
    try {
      const [a, b] = await Promise.all([
        claimJobs(db.prisma, { workerId: "w1", now: at(100), leaseMs: LEASE, limit: 20 }),
        claimJobs(other, { workerId: "w2", now: at(100), leaseMs: LEASE, limit: 20 }),
      ]);
      const ids = [...a, ...b].map((job) => job.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(20);
    } finally {
      await other.$disconnect();
    }
  });

  it("keeps a failed job in the table with its error, and lets the order's next event run", async () => {
    const first = await enqueue("A", at(1));
    const second = await enqueue("A", at(2));
    await claim("w1", at(3));
    await failJob(db.prisma, first.id, "OpenLogi 500 after 8 attempts", at(4));
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "failed",
      lastError: "OpenLogi 500 after 8 attempts",
    });
    expect((await claim("w1", at(5))).map((job) => job.id)).toEqual([second.id]);
  });

  it("hands back unstarted jobs on shutdown without using up an attempt", async () => {
    const job = await enqueue("A", at(1));
    await claim("w1", at(2));
    await releaseJobs(db.prisma, [job.id], "w1");
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
      lockedBy: null,
    });
  });

  it("fails a job that crashed its worker on every attempt instead of claiming it forever", async () => {
    // GIVEN a job whose worker died during each of its attempts
    const job = await enqueue("A", at(1));
    let now = at(2);
    for (let attempt = 1; attempt <= job.maxAttempts; attempt++) {
      expect((await claim(`w${attempt}`, now)).map((claimed) => claimed.id)).toEqual([job.id]);
      now = new Date(now.getTime() + LEASE + 1_000); // the lease runs out
    }
    // WHEN the lease of the last attempt has run out
    expect(await claim("w-next", now)).toEqual([]);
    const failed = await failExhaustedJobs(db.prisma, { now, leaseMs: LEASE });
    // THEN it is failed, once, with its error and its webhook, and never claimed again
    expect(failed.map((f) => [f.id, f.status, f.webhookEvent?.webhookId])).toEqual([[job.id, "failed", expect.any(String)]]);
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "failed",
      attempts: job.maxAttempts,
      lastError: "the worker stopped during every attempt",
      lockedBy: null,
    });
    expect(await failExhaustedJobs(db.prisma, { now, leaseMs: LEASE })).toEqual([]);
    expect(await claim("w-later", new Date(now.getTime() + LEASE * 10))).toEqual([]);
  });

  it("leaves a job whose last attempt is still running to its worker", async () => {
    const job = await enqueue("A", at(1));
    await db.prisma.syncJob.update({ where: { id: job.id }, data: { attempts: job.maxAttempts - 1 } });
    await claim("w1", at(2));
    expect(await failExhaustedJobs(db.prisma, { now: at(3), leaseMs: LEASE })).toEqual([]);
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "running", lockedBy: "w1" });
  });
});
