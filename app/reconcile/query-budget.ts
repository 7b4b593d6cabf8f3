/**
 * Paging within the shop's Admin API budget. The worker reads orders from the same bucket
 * (about 800 points a read), so the cycle leaves a reserve and waits for the bucket to
 * refill rather than be throttled. https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
import type { QueryCost } from "../shopify/admin-client.server";

/** Kept free for the worker's order reads: one query can ask for at most 1,000 points. */
export const RESERVE_POINTS = 1000;

/** How long to wait before asking `nextRequested` points, given the bucket after the last page. */
export function budgetWaitMs(cost: QueryCost | null, nextRequested: number): number {
  if (!cost) return 0;
  const { currentlyAvailable, restoreRate, maximumAvailable } = cost.throttleStatus;
  const needed = Math.min(maximumAvailable, nextRequested + RESERVE_POINTS);
  if (currentlyAvailable >= needed || restoreRate <= 0) return 0;
  return Math.ceil(((needed - currentlyAvailable) / restoreRate) * 1000);
}
