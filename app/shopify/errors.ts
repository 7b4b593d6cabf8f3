/**
 * Errors of the Shopify Admin GraphQL adapter. Each carries `retryable` and
 * `consumesAttempt` (all jobs/failure-policy.ts reads) so the job runner can choose
 * between rescheduling, backing off and failing for good without knowing HTTP or
 * GraphQL details (STYLE.md "Errors").
 */
export abstract class ShopifyApiError extends Error {
  abstract readonly retryable: boolean;
  /** Whether a retry counts against the job's attempts. */
  readonly consumesAttempt: boolean = true;
  /** HTTP status of the response, or null when none arrived (network failure). */
  readonly status: number | null;

  constructor(message: string, status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
  }
}

/**
 * 401 or 403: the offline access token is invalid, revoked, or the app was
 * uninstalled. Retrying cannot help; the shop must be reconnected.
 */
export class ShopifyAuthError extends ShopifyApiError {
  readonly retryable = false;
}

/** A retry sooner than this would only be throttled again. */
export const MIN_THROTTLE_RETRY_MS = 1_000;
/** Without a hint: about what a 550-point query needs at the Standard plan's 100 points/s. */
export const DEFAULT_THROTTLE_RETRY_MS = 6_000;

/**
 * The GraphQL `THROTTLED` error (HTTP 200) or HTTP 429: Shopify is pacing the app, the
 * query did not fail. Retry after `retryAfterMs`.
 * https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
export class ShopifyThrottledError extends ShopifyApiError {
  readonly retryable = true;
  override readonly consumesAttempt = false;
  /**
   * How long until the bucket holds the query's cost again, from
   * `extensions.cost.throttleStatus` or a `Retry-After` header, never less than
   * {@link MIN_THROTTLE_RETRY_MS}; {@link DEFAULT_THROTTLE_RETRY_MS} when Shopify gave neither.
   */
  readonly retryAfterMs: number;

  constructor(message: string, status: number, retryAfterMs: number | null) {
    super(message, status);
    this.retryAfterMs = Math.max(MIN_THROTTLE_RETRY_MS, retryAfterMs ?? DEFAULT_THROTTLE_RETRY_MS);
  }
}

/** 5xx, a timeout or a network failure: Shopify may answer the same query later. */
export class ShopifyServerError extends ShopifyApiError {
  readonly retryable = true;
}

/**
 * Any other refusal: another 4xx (402 frozen shop, 404 unknown shop, 423 locked shop)
 * or GraphQL errors such as `ACCESS_DENIED` or a query the schema rejects. The same
 * request will fail the same way, so it is not retried.
 */
export class ShopifyRequestError extends ShopifyApiError {
  readonly retryable = false;
  /** GraphQL `extensions.code` values, e.g. ["ACCESS_DENIED"]; empty for HTTP-level errors. */
  readonly codes: string[];

  constructor(message: string, status: number | null, codes: string[] = []) {
    super(message, status);
    this.codes = codes;
  }
}
