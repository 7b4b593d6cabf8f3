/**
 * The one door to OpenLogi's shipment API (contract: ./contract/openlogi-shipments.openapi.json).
 * It paces every call through the shared limiter, maps every failure to an error from
 * ./errors, and hands callers ShipmentSnapshots, never raw JSON. It does not retry:
 * after a 5xx the job runner GETs the shipment first, because OpenLogi may have done
 * the work (info.description, "エラーについて").
 */
import createClient, { type Middleware } from "openapi-fetch";
import {
  SHIPMENT_STATUSES,
  type ModifyShipmentWireBody,
  type ShipmentRequestBody,
  type ShipmentResponse,
  type ShipmentSnapshot,
  type ShipmentStatus,
  type ShipmentUpdateBody,
} from "../sync/types";
import type { OpenLogiEnvironment } from "../models/settings-input";
import type { paths } from "./contract/contract";
import {
  OpenLogiAuthError,
  OpenLogiClientError,
  OpenLogiError,
  OpenLogiRateLimitedError,
  OpenLogiServerError,
} from "./errors";
import type { RateLimiter } from "./rate-limiter.server";
import { isSendableToken } from "../security/openlogi-token";
import { scrubSecrets } from "../security/scrub-secrets";


/** Base URLs from info.description, "ベースURL". `override` comes from OPENLOGI_API_BASE_URL. */
export function openLogiBaseUrl(environment: OpenLogiEnvironment, override?: string): string {
  if (override) return override.replace(/\/+$/, "");
  return environment === "demo" ? "https://api-demo.openlogi.com/api" : "https://api.openlogi.com/api";
}

export interface OpenLogiClientOptions {
  baseUrl: string;
  token: string;
  /** アカウントコード, e.g. "TS001": the list endpoint's `account_id`. */
  accountCode: string;
  limiter: Pick<RateLimiter, "acquire" | "backOff"> & Partial<Pick<RateLimiter, "observeRemaining">>;
  fetch?: (input: Request) => Promise<Response>;
  /** Per request, body included. */
  timeoutMs?: number;
}

export interface OpenLogiClient {
  /** Shipments whose identifier (or, lacking one, order_no) is one of `keys`. */
  findShipmentsByKeys(keys: string[]): Promise<ShipmentSnapshot[]>;
  /** The shipments with these ids, shipped ones included; an id OpenLogi no longer has is left out. */
  findShipmentsByIds(ids: string[]): Promise<ShipmentSnapshot[]>;
  /** null when OpenLogi has no such shipment (404). */
  getShipment(id: string): Promise<ShipmentSnapshot | null>;
  /** PUT replaces the whole request: `body` must carry every field to keep. */
  updateShipment(id: string, body: ShipmentUpdateBody): Promise<ShipmentSnapshot>;
  deleteShipment(id: string): Promise<void>;
  /** Billable キャンセル依頼. */
  requestBillableCancel(id: string): Promise<ShipmentSnapshot>;
  /** Billable 出荷依頼修正リクエスト; `body` comes from sync/shipment-body.ts. */
  requestBillableModify(id: string, body: ModifyShipmentWireBody): Promise<ShipmentSnapshot>;
}

/** The list endpoint takes at most 100 identifiers a call (`identifier` parameter). */
export const MAX_KEYS_PER_LOOKUP = 100;
/** Used when a 429 says nothing about when the window resets: the window is one minute. */
const DEFAULT_RETRY_AFTER_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

export function createOpenLogiClient(options: OpenLogiClientOptions): OpenLogiClient {
  const { token, accountCode, limiter, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    fetch: options.fetch,
    headers: {
      Authorization: `Bearer ${token}`,
      "X-Api-Version": "1.5",
      Accept: "application/json",
    },
  });
  api.use(failuresAsErrors);

  /** Paces, times out and classifies one request; 429 also holds back every worker. */
  async function send(
    request: (signal: AbortSignal) => Promise<{ data?: unknown; response: Response }>
  ): Promise<unknown> {
    // fetch would refuse such a token with an error that quotes the whole header; asking
    // again cannot help, so the shop's connection is broken until the token is entered again.
    if (!isSendableToken(token)) throw new OpenLogiAuthError(null, "invalid_token", MALFORMED_TOKEN);
    await limiter.acquire(token);
    try {
      const { data, response } = await request(AbortSignal.timeout(timeoutMs));
      const remaining = response.headers.get("X-RateLimit-Remaining");
      if (remaining !== null && /^\d+$/.test(remaining.trim())) await limiter.observeRemaining?.(token, Number(remaining));
      return data;
    } catch (e) {
      if (e instanceof OpenLogiRateLimitedError) await limiter.backOff(token, e.retryAfterMs);
      throw asOpenLogiError(e, token);
    }
  }

  async function getShipment(id: string): Promise<ShipmentSnapshot | null> {
    try {
      const data = await send((signal) => api.GET("/shipments/{id}", { params: { path: { id } }, signal }));
      return toSnapshot(data);
    } catch (e) {
      if (e instanceof OpenLogiClientError && e.status === 404) return null;
      throw e;
    }
  }

  /** A batched read: each distinct value once, up to 100 a call, each shipment once. */
  async function lookUpInChunks(
    values: string[],
    get: (chunk: string[], signal: AbortSignal) => Promise<{ data?: unknown; response: Response }>,
  ): Promise<ShipmentSnapshot[]> {
    const unique = [...new Set(values.filter((value) => value !== ""))];
    const found = new Map<string, ShipmentSnapshot>();
    for (let i = 0; i < unique.length; i += MAX_KEYS_PER_LOOKUP) {
      const chunk = unique.slice(i, i + MAX_KEYS_PER_LOOKUP);
      const data = await send((signal) => get(chunk, signal));
      for (const shipment of shipmentList(data)) found.set(shipment.id, shipment);
    }
    return [...found.values()];
  }

  return {
    findShipmentsByKeys: (keys) =>
      lookUpInChunks(keys, (chunk, signal) =>
        api.GET("/shipments/{account_id}", {
          params: { path: { account_id: accountCode }, query: { identifier: chunk.join(",") } },
          // style: form, explode: false — the commas separate keys, so they stay literal.
          querySerializer: () => `identifier=${chunk.map(encodeURIComponent).join(",")}`,
          signal,
        }),
      ),

    findShipmentsByIds: (ids) =>
      lookUpInChunks(ids, (chunk, signal) =>
        api.GET("/shipments", {
          params: { query: { id: chunk.join(",") } },
          querySerializer: () => `id=${chunk.map(encodeURIComponent).join(",")}`,
          signal,
        }),
      ),

    getShipment,

    async updateShipment(id, body) {
      // The generated type makes defaulted fields required; leaving one out means its default.
      const request = body as unknown as ShipmentRequestBody;
      const data = await send((signal) => api.PUT("/shipments/{id}", { params: { path: { id } }, body: request, signal }));
      return toSnapshot(data);
    },

    async deleteShipment(id) {
      await send((signal) => api.DELETE("/shipments/{id}", { params: idInPathAndQuery(id), signal }));
    },

    async requestBillableCancel(id) {
      const data = await send((signal) => api.POST("/shipments/{id}/cancel", { params: idInPathAndQuery(id), signal }));
      return toSnapshot(data);
    },

    async requestBillableModify(id, body) {
      const data = await send((signal) =>
        api.POST("/shipments/{id}/modify", { params: idInPathAndQuery(id), body, signal })
      );
      return toSnapshot(data);
    },
  };
}

/**
 * Turns every non-2xx answer into an OpenLogiError before openapi-fetch reads the
 * body, so an HTML 503/504 (注1) is never parsed as JSON.
 */
const failuresAsErrors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await errorFor(response);
    if (isJson(response)) return undefined;
    // An empty 2xx (e.g. a DELETE answered 204) is a success with nothing to read.
    const text = await response.clone().text();
    if (text.trim() === "") return undefined;
    throw new OpenLogiServerError(response.status, text, { reason: "not JSON" });
  },
};

async function errorFor(response: Response): Promise<OpenLogiError> {
  const { status } = response;
  if (status === 429) return new OpenLogiRateLimitedError(retryAfterMs(response.headers));
  if (status >= 500) return new OpenLogiServerError(status, await response.text());
  const body = isJson(response)
    ? parseErrorBody(await response.text())
    : { error: null, description: null, errors: null };
  if (status === 401 || status === 402 || status === 403) {
    return new OpenLogiAuthError(status, body.error, body.description);
  }
  return new OpenLogiClientError(status, body.error, body.description, body.errors);
}

function isJson(response: Response): boolean {
  return /\bjson\b/i.test(response.headers.get("Content-Type") ?? "");
}

function parseErrorBody(text: string): {
  error: string | null;
  description: string | null;
  errors: Record<string, string> | null;
} {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: null, description: text.slice(0, 200) || null, errors: null };
  }
  const record = (body ?? {}) as Record<string, unknown>;
  const errors =
    record.errors && typeof record.errors === "object"
      ? Object.fromEntries(Object.entries(record.errors).map(([field, message]) => [field, flatten(message)]))
      : null;
  return {
    error: typeof record.error === "string" ? record.error : null,
    description: typeof record.error_description === "string" ? record.error_description : null,
    errors,
  };
}

/** The contract says one string per field; Laravel-style arrays are joined rather than lost. */
function flatten(message: unknown): string {
  return Array.isArray(message) ? message.map(String).join(" ") : String(message);
}

/** 429 carries no documented reset time; honour Retry-After or X-RateLimit-Reset when present. */
function retryAfterMs(headers: Headers): number {
  const retryAfter = headers.get("Retry-After");
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  if (retryAfter && !Number.isNaN(Date.parse(retryAfter))) return Math.max(0, Date.parse(retryAfter) - Date.now());
  const reset = Number(headers.get("X-RateLimit-Reset"));
  if (reset > 0) return Math.max(0, reset * 1000 - Date.now());
  return DEFAULT_RETRY_AFTER_MS;
}

const MALFORMED_TOKEN =
  "The OpenLogi token holds a character an HTTP header cannot carry (whitespace, a control character or non-ASCII): enter it again";

/** Timeouts and dropped connections are 5xx-like: the work may have been done. */
function asOpenLogiError(e: unknown, token: string): OpenLogiError {
  if (e instanceof OpenLogiError) return e;
  if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return new OpenLogiServerError(null, "", { cause: e, timedOut: true });
  }
  if (e instanceof TypeError && e.message === "fetch failed") {
    const cause = e.cause instanceof Error ? scrubSecrets(e.cause.message, [token]) : undefined;
    return new OpenLogiServerError(null, "", { cause: e, reason: cause });
  }
  // A 2xx whose JSON does not parse: the work may still have been done.
  if (e instanceof SyntaxError) return new OpenLogiServerError(200, "", { cause: e, reason: "invalid JSON" });
  // Anything else (a header or body fetch refuses, a fault in fetch itself) is unexpected, and
  // whether the request left is unknown: retryable, GET before writing again, like a 5xx. Its
  // text may quote the Authorization header, so it is scrubbed and the original is not kept.
  const name = e instanceof Error ? e.name : typeof e;
  const message = e instanceof Error ? e.message : String(e);
  return new OpenLogiServerError(null, "", { reason: `unexpected ${name}: ${scrubSecrets(message, [token])}` });
}

/**
 * DELETE, modify and cancel declare `id` as a query parameter although it is in the
 * path: it goes in both, so either reading of the contract finds it. The generated
 * types only know the query reading, hence the cast.
 */
function idInPathAndQuery(id: string): { query: { id: string } } {
  return { query: { id }, path: { id } } as { query: { id: string } };
}

function shipmentList(data: unknown): ShipmentSnapshot[] {
  const shipments = (data as { shipments?: unknown } | undefined)?.shipments;
  if (!Array.isArray(shipments)) throw new OpenLogiServerError(200, "", { reason: "no shipments list in the answer" });
  return shipments.map(toSnapshot);
}

const KNOWN_STATUSES = new Set<string>(SHIPMENT_STATUSES);

function toSnapshot(data: unknown): ShipmentSnapshot {
  const raw = data as Partial<ShipmentResponse> | undefined;
  if (!raw || typeof raw.id !== "string" || typeof raw.status !== "string" || !KNOWN_STATUSES.has(raw.status)) {
    throw new OpenLogiServerError(200, "", { reason: "the answer is not a shipment with an id and a known status" });
  }
  return {
    id: raw.id,
    identifier: raw.identifier ?? null,
    orderNo: raw.order_no ?? null,
    status: raw.status as ShipmentStatus,
    raw: raw as ShipmentResponse,
  };
}
