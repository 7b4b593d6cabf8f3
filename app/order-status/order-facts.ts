/**
 * What the order page needs from Shopify's order: the key its OpenLogi shipments are found by,
 * and whether anything in it ships from the OpenLogi location. Kept with the order's version
 * (Shopify's `updatedAt`), so views read Shopify again only when the order changed since (a
 * webhook of a newer version arrived), the settings they depend on changed, or an hour passed
 * (a change no webhook announced). Pure: the shell reads and stores.
 */
import { itemsAtLocation } from "../sync/items";
import { shipmentKeyOf } from "../sync/shipment-key";
import type { OrderSnapshot, SyncSettings } from "../sync/types";

/** Facts older than this are read again even if no webhook announced a change. */
export const FACTS_MAX_AGE_MS = 60 * 60_000;

export interface OrderFacts {
  shipmentKey: string;
  atLocation: boolean;
  /** The settings the facts were worked out under (factsKeyOf). */
  settingsKey: string;
  /** Shopify's `updatedAt` of the order version they came from. */
  orderUpdatedAt: string;
  readAt: Date;
}

/** The settings the facts depend on: the shipment key kind and the OpenLogi location. */
export type FactsSettings = Pick<SyncSettings, "shipmentKey" | "locationId">;

export function factsKeyOf(settings: FactsSettings): string {
  return `${settings.shipmentKey}|${settings.locationId ?? ""}`;
}

export function orderFactsOf(order: OrderSnapshot, settings: FactsSettings, now: Date): OrderFacts {
  return {
    shipmentKey: shipmentKeyOf(order, settings.shipmentKey),
    atLocation: itemsAtLocation(order, settings.locationId).atLocation,
    settingsKey: factsKeyOf(settings),
    orderUpdatedAt: order.updatedAt,
    readAt: now,
  };
}

/**
 * Whether stored facts still describe the order. `laterEvents` are the `updated_at` of the
 * order's webhooks received since the facts were read: one of a newer version means the order
 * changed (null: a webhook that carries no version, such as orders/edited, counts as a change).
 */
export function factsHold(
  facts: OrderFacts,
  { settings, laterEvents, now }: { settings: FactsSettings; laterEvents: readonly (string | null)[]; now: Date },
): boolean {
  if (facts.settingsKey !== factsKeyOf(settings)) return false;
  if (now.getTime() - facts.readAt.getTime() >= FACTS_MAX_AGE_MS) return false;
  const held = Date.parse(facts.orderUpdatedAt);
  return laterEvents.every((updatedAt) => updatedAt !== null && Date.parse(updatedAt) <= held);
}

/** The order version a stored webhook body carries (`updated_at`), or null when it carries none. */
export function updatedAtOf(payload: string): string | null {
  try {
    const value: unknown = JSON.parse(payload);
    const updatedAt = (value as { updated_at?: unknown } | null)?.updated_at;
    return typeof updatedAt === "string" && !Number.isNaN(Date.parse(updatedAt)) ? updatedAt : null;
  } catch {
    return null;
  }
}
