/**
 * OpenLogi allows 60 requests a minute per token (info.description, "レートリミット").
 * Every worker in every process takes its turn from one bucket per token in the
 * database, spaced evenly and a little wider than the limit, so bursts from several
 * workers never add up past it, and a request that reaches OpenLogi a few milliseconds
 * late never finds the previous minute still full.
 */
import { sha256Hex } from "../security/sha256";
import { performance } from "node:perf_hooks";
import { deferBucket, reserveFreeSlot, reserveSlot, shiftBucket } from "../models/rate-limit.server";
import type { RawClient } from "../models/sql-dialect.server";

export interface RateLimiter {
  /** Resolves when this caller may send its next request with `token`. */
  acquire(token: string): Promise<void>;
  /** Holds every caller of `token` back for `ms` (after a 429). */
  backOff(token: string, ms: number): Promise<void>;
  /**
   * Takes a slot only if one is free now, and never waits: for callers that can do without the
   * call (an order-page view), so the sync never queues behind them.
   */
  tryAcquire(token: string): Promise<boolean>;
  /**
   * What OpenLogi's X-RateLimit-Remaining said after a call. At 0 the minute is full —
   * another app shares the token, or requests bunched up — so every caller skips a slot.
   */
  observeRemaining(token: string, remaining: number): Promise<void>;
}

export interface RateLimiterOptions {
  prisma: RawClient;
  /** Epoch milliseconds; the database's clock when left out (what production uses). */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  callsPerMinute?: number;
}

/**
 * 2 % wider than the limit: 58.8 calls a minute at 60. OpenLogi counts a request when it
 * arrives, and arrivals jitter by the network's and the event loop's delays; 1.2 s of slack a
 * minute covers that, and costs 2 % of drain time.
 */
export const PACE_MARGIN = 0.02;

/** The spacing between two calls with one token. */
export function paceIntervalMs(callsPerMinute: number): number {
  return Math.ceil((60_000 / callsPerMinute) * (1 + PACE_MARGIN));
}

/** The bucket key for a token: its sha256, so the database never holds the token. */
export function rateLimitKey(token: string): string {
  return sha256Hex(token);
}

export function createRateLimiter({
  prisma,
  clock,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  callsPerMinute = 60,
}: RateLimiterOptions): RateLimiter {
  const intervalMs = paceIntervalMs(callsPerMinute);
  // A call may reach OpenLogi this late after its slot and still leave the minute before it:
  // the margin summed over one window (1.2 s at 60 a minute).
  const slackMs = callsPerMinute * intervalMs - 60_000;
  return {
    async acquire(token) {
      const key = rateLimitKey(token);
      const { slotMs, nowMs } = await reserveSlot(prisma, key, intervalMs, clock?.());
      const wait = slotMs - nowMs;
      const asked = performance.now();
      if (wait > 0) await sleep(wait);
      // A stalled process (a GC pause, a starved CPU) sends late; later slots move with it, so the
      // call a window after this one still finds it out of the window.
      const late = clock ? clock() - slotMs : performance.now() - asked - Math.max(0, wait);
      if (late > slackMs) await shiftBucket(prisma, key, late - slackMs);
    },
    async backOff(token, ms) {
      await deferBucket(prisma, rateLimitKey(token), ms, clock?.());
    },
    tryAcquire(token) {
      return reserveFreeSlot(prisma, rateLimitKey(token), intervalMs, clock?.());
    },
    async observeRemaining(token, remaining) {
      if (remaining <= 0) await deferBucket(prisma, rateLimitKey(token), 2 * intervalMs, clock?.());
    },
  };
}
