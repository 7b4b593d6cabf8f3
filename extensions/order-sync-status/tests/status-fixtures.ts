/** Answers of the app's endpoints, shaped by the server's own types. */
import type { LatestRecord, OrderSyncStatus, StatusLine } from "../../../app/order-status/types";

export const ORDER_GID = "gid://shopify/Order/450789469";
export const ORDER_ID = "450789469";

export function syncStatus(overrides: Partial<OrderSyncStatus> = {}): OrderSyncStatus {
  return {
    orderId: ORDER_ID,
    connection: "connected",
    paused: false,
    notOpenLogiOrder: false,
    orderCancelled: false,
    orderFound: true,
    synced: true,
    live: "current",
    statusUnknown: false,
    retryQueued: false,
    historyPath: "/app/history/12",
    lines: [],
    ...overrides,
  };
}

export function latest(overrides: Partial<LatestRecord> = {}): LatestRecord {
  return {
    id: 12,
    outcome: "deleted",
    tone: "success",
    actionRequired: false,
    at: "2026-11-20T01:02:00.000Z",
    recordPath: "/app/history/12",
    retry: null,
    ...overrides,
  };
}

export function line(overrides: Partial<StatusLine> = {}): StatusLine {
  return {
    shipmentId: "TS001-S000123",
    latest: latest(),
    billableSentAt: null,
    status: { code: "waiting", at: new Date().toISOString() },
    wouldDo: { cancel: "deleted", addressEdit: "updated", itemEdit: "updated" },
    ...overrides,
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
