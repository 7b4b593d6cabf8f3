/**
 * Queue throughput on the embedded SQLite database: storing a webhook with its job
 * (what a webhook request waits for) and claiming a batch of 100 (what a worker tick does).
 */
import { bench, describe } from "vitest";
import { claimJobs, releaseJobs } from "../../app/models/sync-job.server";
import { storeDelivery } from "../helpers/store-delivery";
import { createTestDatabase } from "../helpers/test-db";

const db = await createTestDatabase();
const now = new Date("2026-11-20T00:00:00.000Z");
let seq = 0;

async function store() {
  seq += 1;
  await storeDelivery(
    db.prisma,
    {
      webhookId: `bench-${seq}`,
      topic: "orders/updated",
      shop: "bench.myshopify.com",
      eventId: null,
      apiVersion: "2026-07",
      triggeredAt: new Date(now.getTime() + seq),
      orderId: String(seq % 500),
      payload: JSON.stringify({ id: seq % 500, updated_at: String(seq) }),
    },
    { task: "updated", orderId: String(seq % 500), jobKey: `bench:${seq}` },
    now,
  );
}

for (let i = 0; i < 2_000; i++) await store();

describe("queue on SQLite (2,000 jobs over 500 orders)", () => {
  bench("store a webhook and its job", store, { iterations: 200 });

  bench(
    "claim a batch of 100 and hand it back",
    async () => {
      const jobs = await claimJobs(db.prisma, { workerId: "bench", now, leaseMs: 600_000, limit: 100 });
      await releaseJobs(db.prisma, jobs.map((job) => job.id), "bench", now);
    },
    { iterations: 20 },
  );
});
