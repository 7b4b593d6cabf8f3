/**
 * One reconciliation cycle for one shop: read the orders updated since its checkpoint (less
 * the overlap), oldest change first, page by page within the Admin API budget; queue what no
 * webhook covered; move the checkpoint after each page, so a cycle cut short loses nothing.
 */
import type { SyncDeps } from "../jobs/sync-deps.server";
import { enqueueReconciledJobs, loadHandledAt, loadReconcileStart, saveCheckpoint } from "../models/reconcile.server";
import { fetchUpdatedOrdersPage, ORDERS_PAGE_SIZE } from "../shopify/updated-orders.server";
import { nextCheckpoint, planReconcile, readSince } from "./plan-reconcile";
import { budgetWaitMs } from "./query-budget";

/** 40 pages of 250: a shop with more changes than this in one cycle catches up over the next ones. */
export const MAX_PAGES_PER_CYCLE = 40;

export type ReconcileDeps = Pick<SyncDeps, "prisma" | "clock" | "logger" | "adminClientFor" | "sleep">;

export interface ReconcileSummary {
  shop: string;
  since: Date;
  checkpoint: Date;
  pages: number;
  seen: number;
  queued: number;
  /** Admin API points, as Shopify counted them (actual cost, else requested). */
  points: number;
  /** false: the page limit stopped the cycle before the last page. */
  complete: boolean;
}

/** Runs a cycle; null when the app is not installed on the shop. */
export async function reconcileShop(deps: ReconcileDeps, shop: string): Promise<ReconcileSummary | null> {
  const { prisma, clock } = deps;
  const start = await loadReconcileStart(prisma, shop);
  if (!start) return null;
  const since = readSince(start.checkpoint, start.installedAt);
  const client = await deps.adminClientFor(shop);
  const summary: ReconcileSummary = { shop, since, checkpoint: start.checkpoint ?? start.installedAt, pages: 0, seen: 0, queued: 0, points: 0, complete: true };

  let after: string | null = null;
  do {
    const page = await fetchUpdatedOrdersPage(client, since, after);
    summary.pages++;
    summary.seen += page.orders.length;
    summary.points += page.cost?.actualQueryCost ?? page.cost?.requestedQueryCost ?? 0;
    const handled = await loadHandledAt(prisma, shop, page.orders.map((order) => order.id));
    summary.queued += await enqueueReconciledJobs(prisma, shop, planReconcile(shop, since, page.orders, handled), clock());
    summary.checkpoint = nextCheckpoint(summary.checkpoint, start.installedAt, page.orders);
    await saveCheckpoint(prisma, shop, { updatedSince: summary.checkpoint, at: clock(), seen: summary.seen, queued: summary.queued, points: summary.points });
    after = page.nextCursor;
    if (after && summary.pages >= MAX_PAGES_PER_CYCLE) {
      summary.complete = false;
      break;
    }
    if (after) {
      const wait = budgetWaitMs(page.cost, page.cost?.requestedQueryCost ?? ORDERS_PAGE_SIZE + 2);
      if (wait > 0) await deps.sleep(wait);
    }
  } while (after);

  deps.logger.info(
    { shop, pages: summary.pages, seen: summary.seen, queued: summary.queued, points: summary.points, complete: summary.complete },
    "reconciliation cycle finished",
  );
  return summary;
}
