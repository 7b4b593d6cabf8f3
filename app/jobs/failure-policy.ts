/**
 * What happens to a job whose run threw: a pure function of the error's declared traits
 * and the job's attempts, tested like backoff. The runner carries it out.
 */
import { backoffMs } from "./backoff";

/** What the policy reads of an error; every adapter error declares these. */
export interface FailureTraits {
  /** Whether trying again later can succeed. */
  retryable: boolean;
  /** False for waits that are not failures (429, Shopify's throttle): the attempt is given back. */
  consumesAttempt?: boolean;
  /** How long the service asked us to wait. */
  retryAfterMs?: number;
  /** A 5xx or a timeout after a write: the service may have done it, so read before retrying. */
  workMayHaveBeenDone?: boolean;
  /** The service refused the request outright (a 4xx): nothing was done, nothing charged. */
  refused?: boolean;
  /** The refusal is the connection's (OpenLogi 401/402/403): every call of the shop would meet it. */
  breaksConnection?: boolean;
}

const declared = (error: unknown) => (error ?? {}) as Partial<FailureTraits>;

/** Whether the service refused the request outright: nothing was done, and nothing charged. */
export function wasRefused(error: unknown): boolean {
  return declared(error).refused === true;
}

/** Whether the error is the connection's: the shop's jobs wait until the merchant fixes it. */
export function breaksConnection(error: unknown): boolean {
  return declared(error).breaksConnection === true;
}

/** Whether a failed write must be read back before it is tried again. */
export function workMayHaveBeenDone(error: unknown): boolean {
  return declared(error).workMayHaveBeenDone === true;
}

export type FailurePlan =
  /** Being paced: run again after the service's wait, without using an attempt. */
  | { kind: "defer"; delayMs: number }
  /** Run again after the backoff; the attempt counts. */
  | { kind: "retry"; delayMs: number }
  /** Retrying cannot help, or the attempts are used up. */
  | { kind: "fail" };

/** An error that declares nothing (a bug, a database hiccup) is retried with backoff. */
export function planFailure(error: unknown, attempts: number, maxAttempts: number): FailurePlan {
  const traits = traitsOf(error);
  if (traits.consumesAttempt === false) return { kind: "defer", delayMs: traits.retryAfterMs ?? backoffMs(attempts) };
  if (!traits.retryable || attempts >= maxAttempts) return { kind: "fail" };
  return { kind: "retry", delayMs: backoffMs(attempts) };
}

function traitsOf(error: unknown): FailureTraits {
  const traits = declared(error);
  return {
    retryable: traits.retryable ?? true,
    consumesAttempt: traits.consumesAttempt,
    retryAfterMs: typeof traits.retryAfterMs === "number" ? traits.retryAfterMs : undefined,
  };
}
