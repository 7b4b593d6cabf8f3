/**
 * OpenLogi allows 60 requests a minute per token (info.description, "レートリミット").
 * Every worker in every process takes its turn from one bucket per token in the
 * database, spaced evenly, so bursts from several workers never add up past the limit.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { deferBucket, reserveFreeSlot, reserveSlot } from "../models/rate-limit.server";

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
}

export interface RateLimiterOptions {
  prisma: Pick<PrismaClient, "$queryRaw" | "$executeRaw">;
  /** Epoch milliseconds. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  callsPerMinute?: number;
}

/** The bucket key for a token: its sha256, so the database never holds the token. */
export function rateLimitKey(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function createRateLimiter({
  prisma,
  clock = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  callsPerMinute = 60,
}: RateLimiterOptions): RateLimiter {
  const intervalMs = Math.ceil(60_000 / callsPerMinute);
  return {
    async acquire(token) {
      const slot = await reserveSlot(prisma, rateLimitKey(token), clock(), intervalMs);
      const wait = slot - clock();
      if (wait > 0) await sleep(wait);
    },
    async backOff(token, ms) {
      await deferBucket(prisma, rateLimitKey(token), clock() + ms);
    },
    tryAcquire(token) {
      return reserveFreeSlot(prisma, rateLimitKey(token), clock(), intervalMs);
    },
  };
}
