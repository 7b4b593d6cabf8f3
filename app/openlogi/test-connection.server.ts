/**
 * The settings page's "Test connection": one read through the shared pace, answered in words
 * a merchant can act on. It changes nothing, not even a broken connection: saving does that.
 */
import { OpenLogiAuthError, OpenLogiClientError, OpenLogiError, OpenLogiServerError } from "./errors";
import type { OpenLogiClient } from "./client.server";

export type ConnectionTestResult =
  | { kind: "works" }
  /** 401, or a token no header can carry. */
  | { kind: "token_refused" }
  /** 403/404: the token is fine but not for this account code. */
  | { kind: "wrong_account" }
  /** No answer, a timeout or a 5xx. */
  | { kind: "unreachable" }
  /** Anything else OpenLogi said (402, 429, …), in OpenLogi's words. */
  | { kind: "refused"; message: string };

/** A key no order has: the lookup proves the token and the account without reading anything real. */
const PROBE_KEY = "openlogi-order-sync-connection-test";

export async function testOpenLogiConnection(client: Pick<OpenLogiClient, "findShipmentsByKeys">): Promise<ConnectionTestResult> {
  try {
    await client.findShipmentsByKeys([PROBE_KEY]);
    return { kind: "works" };
  } catch (error) {
    if (error instanceof OpenLogiAuthError) {
      if (error.status === 401 || error.status === null) return { kind: "token_refused" };
      if (error.status === 403) return { kind: "wrong_account" };
    }
    if (error instanceof OpenLogiClientError && error.status === 404) return { kind: "wrong_account" };
    if (error instanceof OpenLogiServerError) return { kind: "unreachable" };
    if (error instanceof OpenLogiError) return { kind: "refused", message: error.message };
    throw error;
  }
}
