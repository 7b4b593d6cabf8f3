import { listReconcilableShops } from "../models/reconcile.server";
import { reconcileShop, type ReconcileDeps, type ReconcileSummary } from "./reconcile-shop.server";

/** Shops reconciled at once: each has its own Admin API bucket; the database is what they share. */
export const CONCURRENT_SHOPS = 8;

export type ShopCycle = { shop: string } & ({ ok: true; summary: ReconcileSummary | null } | { ok: false; error: string });

/** One cycle for every connected shop, several at a time; one shop's failure does not stop the others. */
export async function reconcileAllShops(deps: ReconcileDeps): Promise<ShopCycle[]> {
  const shops = await listReconcilableShops(deps.prisma);
  const results: ShopCycle[] = [];
  let next = 0;
  async function lane() {
    while (next < shops.length) {
      const shop = shops[next++];
      try {
        results.push({ shop, ok: true, summary: await reconcileShop(deps, shop) });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.error({ shop, err: message }, "reconciliation cycle failed");
        results.push({ shop, ok: false, error: message });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_SHOPS, shops.length) }, lane));
  return results.sort((a, b) => a.shop.localeCompare(b.shop));
}
