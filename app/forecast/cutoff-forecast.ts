/**
 * How long the queue takes at OpenLogi's pace, and whether it is through before the warehouse's
 * next cut-off. Pure: queue size, pace and clock are inputs.
 */
import { cutoffAtOrAfter, nextCutoff } from "./warehouse-calendar";

/** One `GET /shipments/{account}?identifier=…` serves up to 100 keys (the worker's batch). */
export const KEYS_PER_LOOKUP = 100;
/**
 * OpenLogi calls one job can make besides its share of the lookup: a cancellation is one
 * DELETE, a change a fresh GET and then the PUT (README "Re-decide on a stale view").
 * The forecast takes the larger, so it warns early rather than late.
 */
export const CALLS_PER_JOB = 2;

export interface CutoffForecastInput {
  /** Jobs of the shop waiting or running: each still needs its calls. */
  queued: number;
  /** The pace per token (OPENLOGI_CALLS_PER_MINUTE, 60 by default). */
  callsPerMinute: number;
  now: Date;
}

export interface CutoffForecast {
  /** OpenLogi calls the queue still needs. */
  calls: number;
  /** How long those calls take at the pace; 0 for an empty queue. */
  drainMs: number;
  drainsAt: Date;
  /** The warehouse's next import. */
  nextCutoff: Date;
  /** Work is queued and will not all reach OpenLogi before `nextCutoff`. */
  missesCutoff: boolean;
  /** The first cut-off after the queue is through (equal to `nextCutoff` when it is not missed). */
  cutoffMade: Date;
}

/** The limiter's spacing between two calls of one token (app/openlogi/rate-limiter.server.ts). */
export function callIntervalMs(callsPerMinute: number): number {
  return Math.ceil(60_000 / callsPerMinute);
}

export function callsToDrain(queued: number): number {
  if (queued <= 0) return 0;
  return Math.ceil(queued / KEYS_PER_LOOKUP) + queued * CALLS_PER_JOB;
}

export function forecastCutoff({ queued, callsPerMinute, now }: CutoffForecastInput): CutoffForecast {
  const calls = callsToDrain(queued);
  // Each call takes one slot of the token's pace: 60 calls take a minute at 60 a minute.
  const drainMs = calls * callIntervalMs(callsPerMinute);
  const drainsAt = new Date(now.getTime() + drainMs);
  const next = nextCutoff(now);
  const missesCutoff = calls > 0 && drainsAt.getTime() > next.getTime();
  return {
    calls,
    drainMs,
    drainsAt,
    nextCutoff: next,
    missesCutoff,
    cutoffMade: missesCutoff ? cutoffAtOrAfter(drainsAt.getTime()) : next,
  };
}
