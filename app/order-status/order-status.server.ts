/**
 * `GET /api/orders/:id/sync-status`: what the order page's block shows, for one order of one
 * shop. Everything is read within the shop: another shop's order is answered exactly like an
 * order that does not exist.
 */
import { loadBillableRecords, loadOrderJobs, loadOrderRecords } from "../models/order-status.server";
import { loadShopContext, type ShopContext } from "../models/settings.server";
import type { TokenCipher } from "../security/token-cipher.server";
import { recordPath } from "./app-paths";
import { buildLines, isOrderCancelled, retryFacts } from "./lines";
import { readLiveStatus, type LiveStatusDeps } from "./live-status.server";
import type { Connection, OrderSyncStatus } from "./types";

export interface OrderStatusDeps extends LiveStatusDeps {
  cipher: TokenCipher;
}

/** null when the shop has neither a record of the order nor Shopify the order. */
export async function loadOrderSyncStatus(deps: OrderStatusDeps, shop: string, orderId: string): Promise<OrderSyncStatus | null> {
  const { prisma } = deps;
  const [context, records] = await Promise.all([loadShopContext(prisma, deps.cipher, shop), loadOrderRecords(prisma, shop, orderId)]);
  const live = await readLiveStatus(deps, shop, context, orderId, records.length > 0);
  if (live.kind === "no_such_order") return null;

  const [billable, jobs] = await Promise.all([loadBillableRecords(prisma, shop, orderId), loadOrderJobs(prisma, shop, orderId)]);
  const orderCancelled = isOrderCancelled(records);
  const newest = records[0];
  const notOpenLogiOrder = live.atLocation === null ? newest?.outcome === "not_openlogi_order" : !live.atLocation;
  // Once the order is cancelled, or nothing in it is OpenLogi's, no action would reach a shipment.
  const previewSettings = notOpenLogiOrder || orderCancelled ? null : (context?.settings ?? null);
  const lines = buildLines({ records, billable, jobs, read: live.read, settings: previewSettings });
  const connection = connectionOf(context);
  return {
    orderId,
    connection,
    paused: context?.settings.paused ?? false,
    notOpenLogiOrder,
    orderCancelled,
    orderFound: live.orderFound,
    synced: records.length > 0,
    live: live.state,
    // Asked and not answered (failed, or the pace busy), with nothing read or synced to show instead.
    statusUnknown:
      connection === "connected" && !notOpenLogiOrder && (live.state === "unavailable" || live.state === "last_known") &&
      live.read === null && lines.every((line) => line.status === null),
    retryQueued: retryFacts(records, jobs).queued,
    historyPath: newest ? recordPath(newest.id) : null,
    lines,
  };
}

function connectionOf(context: ShopContext | null): Connection {
  if (!context || (!context.openlogi && !context.tokenUnreadable)) return "not_connected";
  return context.connectionError || context.tokenUnreadable ? "broken" : "connected";
}
