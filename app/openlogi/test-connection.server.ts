/**
 * The settings page's "Test connection": one read through the shared pace, answered in words
 * a merchant can act on. It changes nothing, not even a broken connection: saving does that.
 * The read takes a slot only when one is free now (RateLimiter.tryAcquire), never one ahead:
 * pressing the button can never make the sync wait, and while the sync uses the whole budget
 * the answer says so.
 */
import { OpenLogiAuthError, OpenLogiClientError, OpenLogiError, OpenLogiRateLimitedError, OpenLogiServerError } from "./errors";
import type { OpenLogiClient } from "./client.server";
import type { RateLimiter } from "./rate-limiter.server";

export type ConnectionTestResult =
  | { kind: "works" }
  /** 401, or a token no header can carry. */
  | { kind: "token_refused" }
  /** 403/404: the token is fine but not for this account code. */
  | { kind: "wrong_account" }
  /** No answer, a timeout or a 5xx. */
  | { kind: "unreachable" }
  /** The shared pace had no slot free now (the sync is using it), or OpenLogi answered 429. */
  | { kind: "busy" }
  /** Anything else OpenLogi said (402, …), in OpenLogi's words. */
  | { kind: "refused"; message: string };

/** The pace had no free slot: the test was not sent. */
class PaceBusyError extends Error {}

/** A limiter for the test's one call: a slot free now, or none (PaceBusyError); never a wait. */
export function freeSlotOnly(limiter: RateLimiter): Pick<RateLimiter, "acquire" | "backOff"> {
  return {
    async acquire(token) {
      if (!(await limiter.tryAcquire(token))) throw new PaceBusyError("no free OpenLogi slot now");
    },
    backOff: (token, ms) => limiter.backOff(token, ms),
  };
}

/** A key no order has: the lookup proves the token and the account without reading anything real. */
const PROBE_KEY = "openlogi-order-sync-connection-test";

export async function testOpenLogiConnection(client: Pick<OpenLogiClient, "findShipmentsByKeys">): Promise<ConnectionTestResult> {
  try {
    await client.findShipmentsByKeys([PROBE_KEY]);
    return { kind: "works" };
  } catch (error) {
    if (error instanceof PaceBusyError || error instanceof OpenLogiRateLimitedError) return { kind: "busy" };
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
