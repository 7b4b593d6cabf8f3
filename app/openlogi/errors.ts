/**
 * What can go wrong when calling OpenLogi, as small named errors with a category.
 * The mapping follows the contract's info.description, section
 * "HTTPステータスコードとエラー内容" (openlogi-api-1.5.openapi.json).
 */

export type OpenLogiErrorCategory = "rate_limited" | "server" | "client" | "auth";

/** OpenLogi's own error fields, kept as they came so the history can show them. */
export interface OpenLogiErrorDescription {
  status: number | null;
  error: string | null;
  errorDescription: string | null;
  errors: Record<string, string> | null;
}

export abstract class OpenLogiError extends Error {
  abstract readonly category: OpenLogiErrorCategory;
  /** Whether trying again later can succeed. */
  abstract readonly retryable: boolean;
  /** Whether a retry counts against the job's attempts. */
  readonly consumesAttempt: boolean = true;

  constructor(message: string, readonly status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** 429: OpenLogi is pacing us, not failing. Waiting is the whole remedy. */
export class OpenLogiRateLimitedError extends OpenLogiError {
  readonly category = "rate_limited";
  readonly retryable = true;
  override readonly consumesAttempt = false;

  constructor(readonly retryAfterMs: number) {
    super(`OpenLogi rate limit reached; retry in ${Math.ceil(retryAfterMs / 1000)} s`, 429);
  }
}

/**
 * 5xx, a timeout, or a connection that failed. The description warns that the
 * server may have finished the work anyway: GET the shipment before retrying a write.
 * `status` is null when no response arrived.
 */
export class OpenLogiServerError extends OpenLogiError {
  readonly category = "server";
  readonly retryable = true;
  readonly workMayHaveBeenDone = true;
  readonly timedOut: boolean;

  constructor(
    status: number | null,
    /** The body as text: 503 and 504 may answer in HTML (注1), so it is never parsed. */
    readonly bodyText: string,
    options?: { cause?: unknown; timedOut?: boolean; reason?: string }
  ) {
    super(serverMessage(status, bodyText, options?.timedOut ?? false, options?.reason), status, options);
    this.timedOut = options?.timedOut ?? false;
  }
}

/** 400, 404, 422: the request itself is wrong or refused; retrying will not help. */
export class OpenLogiClientError extends OpenLogiError {
  readonly category = "client";
  readonly retryable = false;
  readonly refused = true;

  constructor(
    status: number,
    readonly error: string | null,
    readonly errorDescription: string | null,
    readonly errors: Record<string, string> | null
  ) {
    super(clientMessage(status, error, errorDescription, errors), status);
  }
}

/**
 * 401, 402, 403: the connection is broken; the caller pauses the shop until it is fixed.
 * `status` is null when the client refused to send the token at all (it cannot be a header).
 */
export class OpenLogiAuthError extends OpenLogiError {
  readonly category = "auth";
  readonly retryable = false;
  readonly refused = true;
  readonly breaksConnection = true;

  constructor(status: 401 | 402 | 403 | null, readonly error: string | null, readonly errorDescription: string | null) {
    super(clientMessage(status, error, errorDescription, null), status);
  }
}

/** The fields a history record keeps for a failed call. */
export function describeOpenLogiError(e: unknown): OpenLogiErrorDescription {
  if (e instanceof OpenLogiClientError) {
    return { status: e.status, error: e.error, errorDescription: e.errorDescription, errors: e.errors };
  }
  if (e instanceof OpenLogiAuthError) {
    return { status: e.status, error: e.error, errorDescription: e.errorDescription, errors: null };
  }
  if (e instanceof OpenLogiRateLimitedError) {
    return { status: 429, error: "Too Many Attempts.", errorDescription: e.message, errors: null };
  }
  if (e instanceof OpenLogiServerError) {
    return { status: e.status, error: null, errorDescription: e.message, errors: null };
  }
  return { status: null, error: null, errorDescription: e instanceof Error ? e.message : String(e), errors: null };
}

function clientMessage(
  status: number | null,
  error: string | null,
  errorDescription: string | null,
  errors: Record<string, string> | null
): string {
  const head = [error, errorDescription].filter(Boolean).join(": ") || `HTTP ${status}`;
  const fields = Object.entries(errors ?? {}).map(([field, message]) => `${field}: ${message}`);
  return fields.length > 0 ? `${head} (${fields.join("; ")})` : head;
}

function serverMessage(status: number | null, bodyText: string, timedOut: boolean, reason?: string): string {
  if (status === null)
    return timedOut ? "OpenLogi did not answer in time" : `OpenLogi could not be reached${reason ? `: ${reason}` : ""}`;
  const text = plainText(bodyText);
  return [`OpenLogi answered ${status}`, reason, text].filter(Boolean).join(": ");
}

/** A short, tag-free excerpt of an HTML or JSON body for people to read. */
function plainText(body: string): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
