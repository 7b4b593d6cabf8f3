import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "../../../app/models/db.server";
import { createRateLimiter, PACE_MARGIN, paceIntervalMs, rateLimitKey } from "../../../app/openlogi/rate-limiter.server";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

/** The spacing at OpenLogi's 60 a minute, with the pace's margin. */
const I = paceIntervalMs(60);

let db: TestDatabase;
let secondProcess: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  // A second client on the same file stands in for a second worker process.
  secondProcess = createPrismaClient(db.url);
});
afterAll(async () => {
  await secondProcess.$disconnect();
  await db.drop();
});
beforeEach(async () => {
  await db.prisma.rateLimitBucket.deleteMany();
});

/** A clock that moves only when told, recording each sleep: when it would wake, and how long. */
function fakeTime(start = 1_700_000_000_000) {
  let now = start;
  const wakeUps: number[] = [];
  const waits: number[] = [];
  return {
    clock: () => now,
    /** Sleeps do not advance the shared clock: every caller asks at the same instant. */
    frozenSleep: async (ms: number) => {
      wakeUps.push(now + ms);
    },
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    advance(ms: number) {
      now += ms;
    },
    wakeUps,
    waits,
  };
}

it("never hands out two slots for one token closer than the interval, across two processes sharing one database", async () => {
  // GIVEN two limiters on two Prisma clients over the same SQLite file, and a frozen clock
  const time = fakeTime();
  const granted: number[] = [];
  const record = async (ms: number) => {
    granted.push(time.clock() + ms);
  };
  const a = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: record });
  const b = createRateLimiter({ prisma: secondProcess, clock: time.clock, sleep: record });

  // WHEN 40 workers ask at once, half through each process
  const acquires = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).acquire("token-1"));
  await Promise.all(acquires);

  // THEN the first caller goes now and every slot is at least 1000 ms after the previous one
  const slots = [time.clock(), ...granted].sort((x, y) => x - y);
  expect(slots).toHaveLength(40);
  for (let i = 1; i < slots.length; i++) expect(slots[i] - slots[i - 1]).toBeGreaterThanOrEqual(I);
  expect(slots[39] - slots[0]).toBe(39 * I);
});

it("lets a caller go at once when the token's previous slot is already in the past", async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.frozenSleep });

  await limiter.acquire("token-1");
  time.advance(5_000);
  await limiter.acquire("token-1");

  expect(time.wakeUps).toEqual([]);
});

it("keeps a separate pace for each token", async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.frozenSleep });

  await limiter.acquire("token-1");
  await limiter.acquire("token-2");
  await limiter.acquire("token-1");

  // Only token-1's second call waits, and only for one interval.
  expect(time.wakeUps).toEqual([time.clock() + I]);
});

it("spaces calls by the interval the calls-per-minute setting implies", async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({
    prisma: db.prisma,
    clock: time.clock,
    sleep: time.frozenSleep,
    callsPerMinute: 30,
  });

  await limiter.acquire("token-1");
  await limiter.acquire("token-1");

  expect(time.wakeUps).toEqual([time.clock() + paceIntervalMs(30)]);
});

it("holds every caller of a token back after a back-off, in every process", async () => {
  // GIVEN a 429 seen by one process
  const time = fakeTime();
  const a = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.frozenSleep });
  const b = createRateLimiter({ prisma: secondProcess, clock: time.clock, sleep: time.frozenSleep });
  await a.backOff("token-1", 60_000);

  // WHEN the other process asks for the same token, and for another token
  await b.acquire("token-1");
  await b.acquire("token-2");

  // THEN only the backed-off token waits, until the back-off ends
  expect(time.wakeUps).toEqual([time.clock() + 60_000]);
});

it("never shortens a pace that is already further out than the back-off", async () => {
  const time = fakeTime();
  const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.frozenSleep });
  await limiter.backOff("token-1", 60_000);
  await limiter.backOff("token-1", 1_000);

  await limiter.acquire("token-1");

  expect(time.wakeUps).toEqual([time.clock() + 60_000]);
});

it("stores the sha256 of the token as the bucket key, never the token itself", async () => {
  const time = fakeTime();
  const token = "secret-openlogi-token";
  const limiter = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.frozenSleep });

  await limiter.acquire(token);

  const rows = await db.prisma.rateLimitBucket.findMany();
  expect(rows.map((row) => row.key)).toEqual([createHash("sha256").update(token).digest("hex")]);
  expect(rateLimitKey(token)).toBe(rows[0].key);
  expect(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
    token
  );
});

it("keeps a margin under the limit: 60 calls take more than a minute, so a strict 60-per-60-s window never fills", () => {
  expect(PACE_MARGIN).toBeGreaterThan(0);
  expect(60 * I).toBeGreaterThanOrEqual(60_000 * (1 + PACE_MARGIN));
  // and no more than the margin: the drain target allows 5 %
  expect(I).toBeLessThanOrEqual(Math.ceil(1000 * (1 + PACE_MARGIN)));
});

it("skips a slot for every caller of the token when OpenLogi says the minute is full", async () => {
  const time = fakeTime();
  const a = createRateLimiter({ prisma: db.prisma, clock: time.clock, sleep: time.frozenSleep });
  const b = createRateLimiter({ prisma: secondProcess, clock: time.clock, sleep: time.frozenSleep });
  await a.acquire("token-1");
  // WHEN an answer says X-RateLimit-Remaining: 1, then another says 0
  await a.observeRemaining("token-1", 1);
  await a.observeRemaining("token-1", 0);
  // THEN the next call, from any process, waits two intervals instead of one
  await b.acquire("token-1");
  expect(time.wakeUps).toEqual([time.clock() + 2 * I]);
});

it("moves the pace on by how late a stalled caller went, past the margin a window can absorb", async () => {
  // GIVEN a caller whose sleep overran its slot by 5 s (a stalled process)
  const start = 1_700_000_000_000;
  let now = start;
  const stalled = createRateLimiter({ prisma: db.prisma, clock: () => now, sleep: async (ms) => void (now += ms + 5_000) });
  await stalled.acquire("token-1"); // at once, at `start`
  await stalled.acquire("token-1"); // slot start + I, sent 5 s late
  // THEN every later slot moved by the lateness less the window's slack (60 × the margin)
  const slack = 60 * I - 60_000;
  const [bucket] = await db.prisma.rateLimitBucket.findMany();
  expect(Number(bucket.nextSlotAt)).toBe(start + 2 * I + 5_000 - slack);
  // AND the call a window later still leaves a full window after the late one
  const sentLate = start + I + 5_000;
  expect(Number(bucket.nextSlotAt) + 59 * I - sentLate).toBeGreaterThanOrEqual(60_000);
});

it("leaves the pace alone when a caller is late by less than the window's slack", async () => {
  const start = 1_700_000_000_000;
  let now = start;
  const limiter = createRateLimiter({ prisma: db.prisma, clock: () => now, sleep: async (ms) => void (now += ms + 500) });
  await limiter.acquire("token-1");
  await limiter.acquire("token-1");
  const [bucket] = await db.prisma.rateLimitBucket.findMany();
  expect(Number(bucket.nextSlotAt)).toBe(start + 2 * I);
});

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
