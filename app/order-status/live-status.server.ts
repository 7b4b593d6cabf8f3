/**
 * What OpenLogi says of an order's shipments now, for the order page, without ever taking
 * OpenLogi's budget from the sync, nor reading Shopify on every view:
 *
 * - a check less than a minute old serves every view of the order, with no call at all;
 * - otherwise the order's facts (its key, whether OpenLogi ships it: order-facts.ts) come from
 *   the stored row while they hold for the order's version, else from Shopify (the worker's own
 *   read), and OpenLogi is asked once, by the order's key, only when the shared pace has a slot
 *   free *now* (RateLimiter.tryAcquire). When it has none, a worker or another view called
 *   within the last interval, or a 429 holds the pace back: the budget is tight, and the last
 *   known status is shown with its age instead.
 *
 * A view never waits for a slot and never reserves one ahead, so it can delay a worker's call
 * by at most one interval (1 s at 60 calls a minute), and only when the pace was idle.
 */
import type { PrismaClient } from "@prisma/client";
import type { Logger } from "../logger.server";
import { loadOrderVersionsSince, loadStatusRead, saveOrderFacts, saveStatusRead, type StatusRead } from "../models/order-status.server";
import type { ShopContext } from "../models/settings.server";
import type { OpenLogiClient } from "../openlogi/client.server";
import { scrubSecrets } from "../security/scrub-secrets";
import { shipmentsForKey } from "../sync/shipment-key";
import type { OrderSnapshot } from "../sync/types";
import type { ShipmentsRead } from "./lines";
import { factsHold, factsKeyOf, orderFactsOf, type FactsSettings, type OrderFacts } from "./order-facts";
import type { LiveState } from "./types";

/** A check younger than this serves the order's views without asking OpenLogi again. */
export const READ_FRESH_MS = 60_000;

/** A shop with no settings row yet has the schema's defaults: the order name, every location. */
const DEFAULT_FACTS_SETTINGS: FactsSettings = { shipmentKey: "name", locationId: null };

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
  const settings = context?.settings ?? DEFAULT_FACTS_SETTINGS;
  /** OpenLogi is not asked now: what was last read of it serves, with the order's facts as known. */
  const lastKnown = (state: LiveState, facts: OrderFacts | null, orderFound = true): LiveStatus => ({
    kind: "known",
    state,
    read: stored?.read ?? null,
    atLocation: facts?.atLocation ?? null,
    orderFound,
  });
  if (stored?.checkedAt && now.getTime() - stored.checkedAt.getTime() < READ_FRESH_MS) {
    const { read, facts } = stored;
    return { kind: "known", state: read ? "current" : "not_read", read, atLocation: facts.atLocation, orderFound: true };
  }
  let facts: OrderFacts;
  if (stored && (await storedFactsHold(deps, shop, orderId, stored, settings, now))) {
    facts = stored.facts;
  } else {
    let order: OrderSnapshot | null;
    try {
      order = await deps.readOrder(`gid://shopify/Order/${orderId}`);
    } catch (error) {
      deps.logger.warn({ shop, orderId, error: messageOf(error) }, "order page: Shopify order read failed");
      return lastKnown("unavailable", stored && stored.facts.settingsKey === factsKeyOf(settings) ? stored.facts : null);
    }
    if (order === null) return hasRecords || stored ? lastKnown("not_read", null, false) : { kind: "no_such_order" };
    facts = orderFactsOf(order, settings, now);
  }

  if (!facts.atLocation) {
    // Nothing to ask OpenLogi: remembered, so the next minute's views call nothing at all.
    await saveStatusRead(deps.prisma, shop, orderId, { facts, checkedAt: now, read: null });
    return { kind: "known", state: "not_read", read: null, atLocation: false, orderFound: true };
  }
  const openlogi = context && !context.connectionError && !context.uninstalled ? context.openlogi : null;
  if (!openlogi) return lastKnown("not_read", facts);
  if (!(await deps.tryAcquire(openlogi.token))) {
    // The facts are kept even so: the next view needs no Shopify read either.
    if (facts !== stored?.facts) await saveOrderFacts(deps.prisma, shop, orderId, facts);
    return lastKnown("last_known", facts);
  }

  try {
    const found = shipmentsForKey(await deps.openLogiFor(openlogi).findShipmentsByKeys([facts.shipmentKey]), facts.shipmentKey);
    const read = { shipments: found.map(({ id, status }) => ({ id, status })), at: now };
    await saveStatusRead(deps.prisma, shop, orderId, { facts, checkedAt: now, read });
    return { kind: "known", state: "current", read, atLocation: true, orderFound: true };
  } catch (error) {
    deps.logger.warn({ shop, orderId, error: scrubSecrets(messageOf(error), [openlogi.token]) }, "order page: OpenLogi read failed");
    if (facts !== stored?.facts) await saveOrderFacts(deps.prisma, shop, orderId, facts);
    return lastKnown("unavailable", facts);
  }
}

/** Stored facts serve while no webhook of a newer order version came in and the settings they depend on are the same. */
async function storedFactsHold(deps: LiveStatusDeps, shop: string, orderId: string, stored: StatusRead, settings: FactsSettings, now: Date) {
  const laterEvents = await loadOrderVersionsSince(deps.prisma, shop, orderId, stored.facts.readAt);
  return factsHold(stored.facts, { settings, laterEvents, now });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
