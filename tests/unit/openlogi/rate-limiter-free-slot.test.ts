import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../../app/models/db.server";
import { createRateLimiter, paceIntervalMs } from "../../../app/openlogi/rate-limiter.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

let db: TestDatabase;
let secondProcess: PrismaClient;

/** The spacing at OpenLogi's 60 a minute, with the pace's margin. */
const I = paceIntervalMs(60);

beforeAll(async () => {
  db = await createTestDatabase();
  secondProcess = createPrismaClient(db.url);
});
afterAll(async () => {
  await secondProcess.$disconnect();
  await db.drop();
});
beforeEach(async () => {
  await db.prisma.rateLimitBucket.deleteMany();
});

/** A clock that moves only when told; sleeps are recorded, not waited. */
function fakeTime(start = 1_700_000_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    advance(ms: number) {
      now += ms;
    },
    waits,
  };
}

describe("tryAcquire: an order-page view takes a slot only when one is free now", () => {
  it("takes the free slot of an idle pace, so the next worker call goes one interval later", async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.sleep });

    expect(await limiter.tryAcquire("token-1")).toBe(true);
    await limiter.acquire("token-1");

    expect(time.waits).toEqual([I]);
  });

  it("is refused while a worker's call holds the slot, and leaves the worker's pace as it was", async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.sleep });
    await limiter.acquire("token-1");

    time.advance(400);
    expect(await limiter.tryAcquire("token-1")).toBe(false);
    await limiter.acquire("token-1");

    // The worker's second call waits only for its own pace: one interval after its first.
    expect(time.waits).toEqual([I - 400]);
  });

  it("is refused while workers queue ahead, and again once a 429 holds the pace back", async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.sleep });
    await Promise.all([limiter.acquire("token-1"), limiter.acquire("token-1"), limiter.acquire("token-1")]);
    time.advance(1.5 * I);
    expect(await limiter.tryAcquire("token-1")).toBe(false);
    time.advance(1.5 * I);
    expect(await limiter.tryAcquire("token-1")).toBe(true);

    await limiter.backOff("token-1", 60_000);
    time.advance(59_000);
    expect(await limiter.tryAcquire("token-1")).toBe(false);
    time.advance(1_000);
    expect(await limiter.tryAcquire("token-1")).toBe(true);
  });

  it("hands one free slot to one of many views at once, across processes", async () => {
    const time = fakeTime();
    const a = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.sleep });
    const b = createRateLimiter({ prisma: secondProcess, clock: time.clock, sleep: time.sleep });

    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).tryAcquire("token-1")));

    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it("keeps each token's pace apart", async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.sleep });
    await limiter.acquire("token-1");

    expect(await limiter.tryAcquire("token-2")).toBe(true);
  });

  it("is not pushed ahead by a process whose clock runs fast: the pace runs on the database's clock", async () => {
    // GIVEN two processes on the database's clock, one of whose own clocks runs 30 minutes fast
    const fast = createRateLimiter({ prisma: secondProcess, sleep: async () => {} });
    const waits: number[] = [];
    const onTime = createRateLimiter({ prisma: db.prisma, sleep: async (ms) => void waits.push(ms) });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 30 * 60_000);
    try {
      // WHEN the fast one takes the free slot and calls once more
      expect(await fast.tryAcquire("token-1")).toBe(true);
      await fast.acquire("token-1");
    } finally {
      vi.useRealTimers();
    }
    // THEN the other waits at most the two slots the fast one took, not half an hour
    await onTime.acquire("token-1");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(2 * I);
  });
});
