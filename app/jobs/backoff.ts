/**
 * Delay before attempt `attempts + 1`, as graphile-worker does it: e^min(attempts, 10)
 * seconds (3 s, 7 s, 20 s, 55 s … capped near 6 hours). The 7 waits between the default
 * 8 attempts add up to about 29 minutes.
 */
export function backoffMs(attempts: number): number {
  return Math.round(Math.exp(Math.min(Math.max(attempts, 1), 10)) * 1000);
}
