/**
 * What `GET /api/orders/:id/sync-status` and `POST /api/orders/:id/retry` answer: codes and
 * ISO times only, never words. The order page's block (extensions/order-sync-status) turns
 * them into the admin's language with its locale files, which come from app/i18n.
 */
import type { HistoryOutcome, OutcomeTone } from "../history/outcome-group";
import type { Preview } from "../sync/preview";
import type { RequestResult } from "../follow-up/settle-request";
import type { ShipmentStatus } from "../sync/types";

/** The shop's OpenLogi connection: never set up, working, or refused by OpenLogi. */
export type Connection = "not_connected" | "connected" | "broken";

/**
 * Retry on a record: offered; pending (a retry of the order is queued and has not recorded an
 * outcome yet); waiting (the record's own job runs again by itself once OpenLogi is connected);
 * or done (its retry has run: the outcome is a newer record).
 */
export type RetryState = "available" | "pending" | "waiting" | "done";

export interface LatestRecord {
  id: number;
  /** null: an outcome this version cannot name (a newer one wrote it); shown neutral. */
  outcome: HistoryOutcome | null;
  /** outcomeTone(): the badge's colour; neutral for an outcome this version cannot name. */
  tone: OutcomeTone | "neutral";
  actionRequired: boolean;
  /** When the record was written (ISO). */
  at: string;
  /** The record's page in the app ("/app/history/12"), which lists the order's other records too. */
  recordPath: string;
  /** null when the record is neither failed nor calls for action. */
  retry: RetryState | null;
}

/** What OpenLogi said of a shipment, and when. `code` null: OpenLogi no longer had it. */
export interface KnownStatus {
  code: ShipmentStatus | null;
  at: string;
}

/** One OpenLogi shipment of the order, or (shipmentId null) the order's latest record that reached none. */
export interface StatusLine {
  shipmentId: string | null;
  /** null: OpenLogi holds the shipment but the app has not synced it yet. */
  latest: LatestRecord | null;
  /** When the last billable request for this shipment was sent (ISO), or null. */
  billableSentAt: string | null;
  /**
   * That request's final result once the follow-up saw it (code and ISO time), or null while
   * pending. Always sent; optional so the block builds against answers from before it existed.
   */
  billableResult?: { result: RequestResult; at: string } | null;
  status: KnownStatus | null;
  /** What a cancellation or an edit would do now (sync/preview.ts), from `status`; null when unknown. */
  wouldDo: Preview | null;
}

/**
 * How fresh the statuses are. current: read from OpenLogi within the last minute. last_known:
 * older, because the shared pace had no free slot. unavailable: OpenLogi or Shopify failed just
 * now. not_read: nothing to ask (not connected, not an OpenLogi order, order gone).
 */
export type LiveState = "current" | "last_known" | "unavailable" | "not_read";

export interface OrderSyncStatus {
  orderId: string;
  connection: Connection;
  paused: boolean;
  /** Nothing in the order ships by carrier from the OpenLogi location. */
  notOpenLogiOrder: boolean;
  /** The history holds the order's cancellation (its cancel list), so no action would reach a shipment now. */
  orderCancelled: boolean;
  /** false: Shopify no longer returns the order (deleted, or past 60 days); its history remains. */
  orderFound: boolean;
  /** The app has recorded at least one decision for the order. */
  synced: boolean;
  live: LiveState;
  /**
   * OpenLogi's status for the order is not known at all: it could not be asked just now (it
   * failed, or the shared pace is busy) and nothing was ever read or synced for the order.
   */
  statusUnknown: boolean;
  /** A manual retry of the order is queued and has not recorded its outcome yet: the block asks again. */
  retryQueued: boolean;
  /** The newest record's page in the app: the order's history. null before the first sync. */
  historyPath: string | null;
  lines: StatusLine[];
}

export interface RetryAnswer {
  recordId: number;
  jobId: number;
  retry: "pending";
}
