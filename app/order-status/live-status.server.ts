/**
 * What OpenLogi says of an order's shipments now, for the order page, without ever taking
 * OpenLogi's budget from the sync:
 *
 * - a read less than a minute old serves every view of the order, with no call at all;
 * - otherwise the order is read again from Shopify (its key, its location, whether it is
 *   cancelled: the worker's own read), and OpenLogi is asked once, by the order's key, only
 *   when the shared pace has a slot free *now* (RateLimiter.tryAcquire). When it has none,
 *   a worker or another view called within the last interval, or a 429 holds the pace back:
 *   the budget is tight, and the last known status is shown with its age instead.
 *
 * A view never waits for a slot and never reserves one ahead, so it can delay a worker's call
 * by at most one interval (1 s at 60 calls a minute), and only when the pace was idle.
 */
import type { PrismaClient } from "@prisma/client";
import type { Logger } from "../logger.server";
import { loadStatusRead, saveStatusRead } from "../models/order-status.server";
import type { ShopContext } from "../models/settings.server";
import type { OpenLogiClient } from "../openlogi/client.server";
import { scrubSecrets } from "../security/scrub-secrets";
import { itemsAtLocation } from "../sync/items";
import { shipmentKeyOf, shipmentsForKey } from "../sync/shipment-key";
import type { OrderSnapshot } from "../sync/types";
import type { ShipmentsRead } from "./lines";
import type { LiveState } from "./types";

/** A read younger than this serves the order's views without asking OpenLogi again. */
export const READ_FRESH_MS = 60_000;

export interface LiveStatusDeps {
  prisma: PrismaClient;
  clock: () => Date;
  logger: Logger;
  /** The shared pace: a slot if one is free now, never a wait. */
  tryAcquire(token: string): Promise<boolean>;
  /** An OpenLogi client for the one call a slot taken by tryAcquire allows. */
  openLogiFor(openlogi: NonNullable<ShopContext["openlogi"]>): Pick<OpenLogiClient, "findShipmentsByKeys">;
  /** The order as the worker reads it (Admin API, the shop's offline session); null when Shopify has none. */
  readOrder(orderGid: string): Promise<OrderSnapshot | null>;
}

export type LiveStatus =
  /** Shopify has no such order, and the shop has no record of it: as if it never existed. */
  | { kind: "no_such_order" }
  | {
      kind: "known";
      state: LiveState;
      /** The newest read of OpenLogi for the order, however old; null when there was none or the order is not OpenLogi's. */
      read: ShipmentsRead | null;
      /** null when unknown (Shopify could not be read and nothing is stored). */
      atLocation: boolean | null;
      cancelled: boolean | null;
      orderFound: boolean;
    };

export async function readLiveStatus(
  deps: LiveStatusDeps,
  shop: string,
  context: ShopContext | null,
  orderId: string,
  hasRecords: boolean,
): Promise<LiveStatus> {
  const now = deps.clock();
  const stored = await loadStatusRead(deps.prisma, shop, orderId);
  /** OpenLogi is not asked now: what was last read of it serves, with the order's facts as known. */
  const lastKnown = (state: LiveState, facts: OrderFacts | null, orderFound = true): LiveStatus => ({
    kind: "known",
    state,
    read: stored?.read ?? null,
    atLocation: facts?.atLocation ?? null,
    cancelled: facts?.cancelled ?? null,
    orderFound,
  });
  if (stored && now.getTime() - stored.checkedAt.getTime() < READ_FRESH_MS) {
    const { read, atLocation, cancelled } = stored;
    return { kind: "known", state: read ? "current" : "not_read", read, atLocation, cancelled, orderFound: true };
  }

  let order: OrderSnapshot | null;
  try {
    order = await deps.readOrder(`gid://shopify/Order/${orderId}`);
  } catch (error) {
    deps.logger.warn({ shop, orderId, error: messageOf(error) }, "order page: Shopify order read failed");
    return lastKnown("unavailable", stored);
  }
  if (order === null) return hasRecords || stored ? lastKnown("not_read", stored, false) : { kind: "no_such_order" };

  const settings = context?.settings;
  const facts: OrderFacts = {
    atLocation: itemsAtLocation(order, settings?.locationId ?? null).atLocation,
    cancelled: order.cancelledAt !== null,
  };
  if (!facts.atLocation) {
    // Nothing to ask OpenLogi: remembered, so the next minute's views call nothing at all.
    await saveStatusRead(deps.prisma, shop, orderId, { ...facts, checkedAt: now, read: null });
    return { kind: "known", state: "not_read", read: null, ...facts, orderFound: true };
  }
  const openlogi = context && !context.connectionError && !context.uninstalled ? context.openlogi : null;
  if (!settings || !openlogi) return lastKnown("not_read", facts);
  if (!(await deps.tryAcquire(openlogi.token))) return lastKnown("last_known", facts);

  try {
    const key = shipmentKeyOf(order, settings.shipmentKey);
    const found = shipmentsForKey(await deps.openLogiFor(openlogi).findShipmentsByKeys([key]), key);
    const read = { shipments: found.map(({ id, status }) => ({ id, status })), at: now };
    await saveStatusRead(deps.prisma, shop, orderId, { ...facts, checkedAt: now, read });
    return { kind: "known", state: "current", read, ...facts, orderFound: true };
  } catch (error) {
    deps.logger.warn({ shop, orderId, error: scrubSecrets(messageOf(error), [openlogi.token]) }, "order page: OpenLogi read failed");
    return lastKnown("unavailable", facts);
  }
}

interface OrderFacts {
  atLocation: boolean;
  cancelled: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
