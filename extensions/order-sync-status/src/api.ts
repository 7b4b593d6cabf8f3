/**
 * The app's endpoints for this block. A relative URL resolves against the app's URL, and the
 * admin adds the user's ID token to every request (app/order-status/extension-auth.server.ts).
 */
import type { OrderSyncStatus, RetryAnswer } from "../../../app/order-status/types";

/** The order's numeric id from the admin's GID, or null when the selection is not an order. */
export function orderIdOf(gid: string | undefined): string | null {
  return /^gid:\/\/shopify\/Order\/(\d+)$/.exec(gid ?? "")?.[1] ?? null;
}

/** null: neither the app nor Shopify knows the order (one older than the app may read, with no history). */
export async function fetchSyncStatus(orderId: string): Promise<OrderSyncStatus | null> {
  const response = await fetch(`/api/orders/${orderId}/sync-status`);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`sync-status answered ${response.status}`);
  return (await response.json()) as OrderSyncStatus;
}

export async function requestRetry(orderId: string, recordId: number): Promise<RetryAnswer> {
  const response = await fetch(`/api/orders/${orderId}/retry`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ recordId }),
  });
  if (!response.ok) throw new Error(`retry answered ${response.status}`);
  return (await response.json()) as RetryAnswer;
}
