import { createPrismaClient } from "../../../app/models/db.server";
import {
  claimJobs,
  completeJob,
  failExhaustedJobs,
  failJob,
  queuedUpdatesCoveredBy,
  releaseJobs,
  renewLeases,
  rescheduleJob,
  type JobTask,
} from "../../../app/models/sync-job.server";
import { storeDelivery } from "../../helpers/store-delivery";
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
  await storeDelivery(
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

const held = (workerId: string) => ({ workerId, leaseMs: LEASE });
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
    await completeJob(db.prisma, earlier.id, held("w1"), at(31));
    expect((await claim("w2", at(32))).map((job) => job.id)).toEqual([later.id]);
  });

  it("keeps an event that arrives late, with an earlier X-Shopify-Triggered-At, waiting while the order's later one runs", async () => {
    // GIVEN the order's cancellation running on w1
    const cancellation = await enqueue("A", at(20), "cancelled");
    expect((await claim("w1", at(21))).map((job) => job.id)).toEqual([cancellation.id]);
    // WHEN an update Shopify triggered before it arrives only now
    const late = await enqueue("A", at(10));
    // THEN no other worker takes it while the cancellation's lease is live
    expect(await claim("w2", at(22))).toEqual([]);
    // AND it runs once the cancellation is done
    await completeJob(db.prisma, cancellation.id, held("w1"), at(23));
    expect((await claim("w2", at(24))).map((job) => job.id)).toEqual([late.id]);
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
    await rescheduleJob(db.prisma, earlier.id, held("w1"), { runAt: at(100), lastError: "500", refundAttempt: false, now: at(4) });
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
    await failJob(db.prisma, first.id, held("w1"), "OpenLogi 500 after 8 attempts", at(4));
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "failed",
      lastError: "OpenLogi 500 after 8 attempts",
    });
    expect((await claim("w1", at(5))).map((job) => job.id)).toEqual([second.id]);
  });

  it("hands back unstarted jobs on shutdown without using up an attempt", async () => {
    const job = await enqueue("A", at(1));
    await claim("w1", at(2));
    await releaseJobs(db.prisma, [job.id], "w1", at(3));
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

  it("gives other orders their turn when one order has a burst of events queued before them", async () => {
    // GIVEN 30 events of order A that arrived first, then one event each of B and C
    for (let i = 0; i < 30; i++) await enqueue("A", at(i));
    await enqueue("B", at(40));
    await enqueue("C", at(41));
    // WHEN a worker claims three
    const claimed = await claim("w1", at(50), 3);
    // THEN A takes one place (its earliest event) and B and C the others
    expect(claimed.map((job) => [job.orderId, job.triggeredAt])).toEqual([
      ["A", at(0)],
      ["B", at(40)],
      ["C", at(41)],
    ]);
  });
});

describe("leases", () => {
  it("keeps a live worker's jobs with a heartbeat: renewed before the lease runs out, they are never claimed again", async () => {
    const job = await enqueue("A", at(1));
    await claim("w1", at(2));
    // WHEN the worker renews its lease twice, each time before it runs out
    expect(await renewLeases(db.prisma, held("w1"), at(2 + 50))).toBe(1);
    expect(await renewLeases(db.prisma, held("w1"), at(2 + 100))).toBe(1);
    // THEN nobody else can claim it well past the first lease
    expect(await claim("w2", at(2 + 150))).toEqual([]);
    // AND once the heartbeat stops, it is free one lease after the last renewal
    expect((await claim("w2", at(2 + 100 + LEASE / 1000 + 1))).map((j) => j.id)).toEqual([job.id]);
  });

  it("does not revive a lease that already ran out, and renews only the worker's own jobs", async () => {
    await enqueue("A", at(1));
    await enqueue("B", at(1));
    await claim("w1", at(2), 1);
    await claim("w2", at(2), 1);
    expect(await renewLeases(db.prisma, held("w1"), at(3))).toBe(1);
    expect(await renewLeases(db.prisma, held("w1"), at(3 + LEASE / 1000 + 1))).toBe(0);
  });

  it("refuses every settle call from a worker that lost its lease, and leaves the job to its new holder", async () => {
    // GIVEN a job whose first worker stalled past its lease, and a second worker that took it
    const job = await enqueue("A", at(1));
    await claim("stalled", at(2));
    const later = at(2 + LEASE / 1000 + 1);
    await claim("w2", later);
    // WHEN the stalled worker tries to complete, fail or reschedule it
    const settled = [
      await completeJob(db.prisma, job.id, held("stalled"), later),
      await failJob(db.prisma, job.id, held("stalled"), "late", later),
      await rescheduleJob(db.prisma, job.id, held("stalled"), { runAt: later, lastError: "late", refundAttempt: true, now: later }),
    ];
    // THEN none of them changes anything: the job is still w2's
    expect(settled).toEqual([false, false, false]);
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "running", lockedBy: "w2", attempts: 2 });
    // AND its holder settles it
    expect(await completeJob(db.prisma, job.id, held("w2"), later)).toBe(true);
  });

  it("refuses a settle call once the lease ran out, even before anyone else took the job", async () => {
    const job = await enqueue("A", at(1));
    await claim("w1", at(2));
    expect(await completeJob(db.prisma, job.id, held("w1"), at(2 + LEASE / 1000 + 1))).toBe(false);
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "running" });
  });
});

describe("queued updates of one order collapse into one run", () => {
  it("settles the updates queued behind a running update with it, and never a cancellation or what follows it", async () => {
    // GIVEN an update being run, three more updates queued, then a cancellation and an update after it
    const head = await enqueue("A", at(1));
    const queued = [await enqueue("A", at(2)), await enqueue("A", at(3)), await enqueue("A", at(4))];
    const cancellation = await enqueue("A", at(5), "cancelled");
    const afterCancel = await enqueue("A", at(6));
    const other = await enqueue("B", at(2));
    const [claimed] = await claim("w1", at(10), 1);
    expect(claimed.id).toBe(head.id);
    // WHEN the run notes what it covers (before it reads the order) and completes
    const covered = await queuedUpdatesCoveredBy(db.prisma, claimed);
    await completeJob(db.prisma, head.id, held("w1"), at(11), covered);
    // THEN the three queued updates are completed as covered by it
    expect(covered.sort()).toEqual(queued.map((job) => job.id).sort());
    const rows = await db.prisma.syncJob.findMany({ orderBy: { id: "asc" } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const job of queued) expect(byId.get(job.id)).toMatchObject({ status: "completed", collapsedIntoId: head.id });
    // AND the cancellation, the update after it, and the other order's update still run
    for (const job of [cancellation, afterCancel, other]) expect(byId.get(job.id)).toMatchObject({ status: "pending", collapsedIntoId: null });
    expect((await claim("w1", at(12))).map((job) => job.id).sort()).toEqual([cancellation.id, other.id].sort());
  });

  it("collapses nothing into a cancellation or an edit, and nothing when the run lost its lease", async () => {
    const cancellation = await enqueue("A", at(1), "cancelled");
    await enqueue("A", at(2));
    const edit = await enqueue("B", at(1), "edited");
    await enqueue("B", at(2));
    const claimed = await claim("w1", at(3));
    expect(claimed.map((job) => job.id).sort()).toEqual([cancellation.id, edit.id].sort());
    for (const job of claimed) expect(await queuedUpdatesCoveredBy(db.prisma, job)).toEqual([]);

    const update = await enqueue("C", at(1));
    const queued = await enqueue("C", at(2));
    const [run] = await claim("w2", at(4), 1).then((jobs) => jobs.filter((job) => job.id === update.id));
    const covered = await queuedUpdatesCoveredBy(db.prisma, run);
    expect(await completeJob(db.prisma, run.id, held("someone-else"), at(5), covered)).toBe(false);
    expect(await db.prisma.syncJob.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "pending" });
  });
});
