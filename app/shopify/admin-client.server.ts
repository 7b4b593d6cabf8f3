/**
 * One Admin GraphQL endpoint (one shop, one offline token) over graphql-request, mapping
 * every failure onto the adapter's error classes (./errors).
 */
import { ClientError, GraphQLClient } from "graphql-request";
import {
  ShopifyApiError,
  ShopifyAuthError,
  ShopifyRequestError,
  ShopifyServerError,
  ShopifyThrottledError,
} from "./errors";

export const ADMIN_API_VERSION = "2026-07";

/** One Admin GraphQL endpoint (one shop, one token). Throws {@link ShopifyApiError}s. */
export interface AdminGraphqlClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: string,
    variables: TVariables,
  ): Promise<TData>;
  /** The same, with what the query cost and what the shop's bucket holds now (`extensions.cost`). */
  requestWithCost<TData, TVariables extends Record<string, unknown>>(
    document: string,
    variables: TVariables,
  ): Promise<{ data: TData; cost: QueryCost | null }>;
}

/** `extensions.cost` of an Admin API answer. https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits */
export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface AdminGraphqlClientOptions {
  /** The shop's myshopify domain, e.g. "example.myshopify.com". */
  shop: string;
  /** The offline access token. */
  accessToken: string;
  /** Overrides `https://{shop}`, e.g. a test double's `http://127.0.0.1:PORT`. */
  origin?: string;
  apiVersion?: string;
  fetch?: typeof globalThis.fetch;
  /** Abort a request after this long and report it as a server error. Default 30 s. */
  timeoutMs?: number;
}

export function createAdminGraphqlClient(options: AdminGraphqlClientOptions): AdminGraphqlClient {
  const origin = (options.origin ?? `https://${options.shop}`).replace(/\/+$/, "");
  const endpoint = `${origin}/admin/api/${options.apiVersion ?? ADMIN_API_VERSION}/graphql.json`;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const client = new GraphQLClient(endpoint, {
    headers: { "X-Shopify-Access-Token": options.accessToken },
    fetch: (input, init) => baseFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });

  return {
    async request<TData, TVariables extends Record<string, unknown>>(
      document: string,
      variables: TVariables,
    ): Promise<TData> {
      try {
        return await client.request<TData>({ document, variables });
      } catch (error) {
        throw toShopifyApiError(error, options.shop);
      }
    },
    async requestWithCost<TData, TVariables extends Record<string, unknown>>(
      document: string,
      variables: TVariables,
    ): Promise<{ data: TData; cost: QueryCost | null }> {
      try {
        const response = await client.rawRequest<TData>(document, variables);
        const cost = (response.extensions as { cost?: QueryCost } | undefined)?.cost ?? null;
        return { data: response.data, cost };
      } catch (error) {
        throw toShopifyApiError(error, options.shop);
      }
    },
  };
}

/** Maps whatever graphql-request or fetch threw onto the adapter's error classes. */
function toShopifyApiError(error: unknown, shop: string): ShopifyApiError {
  if (error instanceof ShopifyApiError) return error;
  if (!(error instanceof ClientError)) {
    // fetch rejected (DNS, connection refused or reset, our timeout) or the body was not JSON.
    const reason = error instanceof Error ? error.message : String(error);
    return new ShopifyServerError(`Shopify Admin API unreachable for ${shop}: ${reason}`, null, {
      cause: error,
    });
  }

  const { status, headers } = error.response;
  const errors = Array.isArray(error.response.errors) ? error.response.errors : [];
  const codes = errors
    .map((e) => (e.extensions as { code?: unknown } | undefined)?.code)
    .filter((code): code is string => typeof code === "string");
  const messages = errors.map((e) => e.message).join("; ");

  if (status === 401 || status === 403) {
    return new ShopifyAuthError(
      `Shopify rejected the access token for ${shop} (HTTP ${status}): reconnect the shop`,
      status,
    );
  }
  if (status === 429 || codes.includes("THROTTLED")) {
    return new ShopifyThrottledError(
      `Shopify throttled the query for ${shop}`,
      status,
      throttleDelayMs(error.response.extensions) ?? retryAfterHeaderMs(headers),
    );
  }
  if (status >= 500) {
    return new ShopifyServerError(`Shopify Admin API answered HTTP ${status} for ${shop}`, status);
  }
  if (codes.includes("INTERNAL_SERVER_ERROR")) {
    return new ShopifyServerError(`Shopify Admin API failed for ${shop}: ${messages}`, status);
  }
  return new ShopifyRequestError(
    `Shopify Admin API refused the query for ${shop} (HTTP ${status})${messages ? `: ${messages}` : ""}`,
    status,
    codes,
  );
}

/**
 * Time until the bucket holds the query's requested cost again:
 * (requestedQueryCost − currentlyAvailable) / restoreRate seconds.
 */
function throttleDelayMs(extensions: unknown): number | null {
  const cost = (extensions as { cost?: unknown } | undefined)?.cost as
    | {
        requestedQueryCost?: unknown;
        throttleStatus?: { currentlyAvailable?: unknown; restoreRate?: unknown };
      }
    | undefined;
  const requested = cost?.requestedQueryCost;
  const available = cost?.throttleStatus?.currentlyAvailable;
  const restoreRate = cost?.throttleStatus?.restoreRate;
  if (typeof requested !== "number" || typeof available !== "number") return null;
  if (typeof restoreRate !== "number" || restoreRate <= 0) return null;
  return Math.max(0, Math.ceil(((requested - available) / restoreRate) * 1000));
}

function retryAfterHeaderMs(headers: Headers): number | null {
  const value = headers.get("retry-after");
  if (value === null) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : null;
}
