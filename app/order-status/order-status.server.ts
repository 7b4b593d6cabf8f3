/**
 * `GET /api/orders/:id/sync-status`: what the order page's block shows, for one order of one
 * shop. Everything is read within the shop: another shop's order is answered exactly like an
 * order that does not exist.
 */
import { isRetryable, type HistoryOutcome } from "../history/outcome-group";
import {
  loadBillableRecords,
  loadOrderRecords,
  loadRetryJobs,
} from "../models/order-status.server";
import { loadShopContext, type ShopContext } from "../models/settings.server";
import type { TokenCipher } from "../security/token-cipher.server";
import { recordPath } from "./app-paths";
import { buildLines } from "./lines";
import { readLiveStatus, type LiveStatusDeps } from "./live-status.server";
import type { Connection, OrderSyncStatus } from "./types";

export interface OrderStatusDeps extends LiveStatusDeps {
  cipher: TokenCipher;
}

/** null when the shop has neither a record of the order nor Shopify the order. */
export async function loadOrderSyncStatus(deps: OrderStatusDeps, shop: string, orderId: string): Promise<OrderSyncStatus | null> {
  const { prisma } = deps;
  const context = await loadShopContext(prisma, deps.cipher, shop);
  const records = await loadOrderRecords(prisma, shop, orderId);
  const live = await readLiveStatus(deps, shop, context, orderId, records.length > 0);
  if (live.kind === "no_such_order") return null;

  const retryable = records.filter((record) => isRetryable(record.outcome as HistoryOutcome, record.actionRequired));
  const [billable, retryJobs] = await Promise.all([
    loadBillableRecords(prisma, shop, orderId),
    loadRetryJobs(prisma, shop, orderId, retryable.map((record) => record.id)),
  ]);
  const newest = records[0];
  const notOpenLogiOrder = live.atLocation === null ? newest?.outcome === "not_openlogi_order" : !live.atLocation;
  const orderCancelled = live.cancelled ?? false;
  // Once the order is cancelled, or nothing in it is OpenLogi's, no action would reach a shipment.
  const previewSettings = notOpenLogiOrder || orderCancelled ? null : (context?.settings ?? null);
  return {
    orderId,
    connection: connectionOf(context),
    paused: context?.settings.paused ?? false,
    notOpenLogiOrder,
    orderCancelled,
    orderFound: live.orderFound,
    synced: records.length > 0,
    live: live.state,
    historyPath: newest ? recordPath(newest.id) : null,
    lines: buildLines({ records, billable, retryJobs, read: live.read, settings: previewSettings }),
  };
}

function connectionOf(context: ShopContext | null): Connection {
  if (!context || (!context.openlogi && !context.tokenUnreadable)) return "not_connected";
  return context.connectionError || context.tokenUnreadable ? "broken" : "connected";
}
