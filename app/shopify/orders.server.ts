/**
 * Reads a Shopify order again through the Admin GraphQL API (2026-07) and turns it
 * into an {@link OrderSnapshot}. `orders/edited` carries only the edit's delta, so the
 * worker reads the whole order here (SPEC.md "Changes").
 *
 * The `#graphql` documents below are validated against the real Admin schema by
 * tests/contract/shopify/queries.contract.test.ts and typed by
 * scripts/graphql-codegen.ts into app/types/admin.generated.d.ts.
 */
import { ClientError, GraphQLClient } from "graphql-request";
import type { OrderSnapshot } from "../sync/types";
import type {
  FetchFulfillmentOrderLineItemsQuery,
  FetchFulfillmentOrderLineItemsQueryVariables,
  FetchOrderForSyncQuery,
  FetchOrderForSyncQueryVariables,
} from "../types/admin.generated";
import {
  ShopifyApiError,
  ShopifyAuthError,
  ShopifyRequestError,
  ShopifyServerError,
  ShopifyThrottledError,
} from "./errors";
import {
  normalizeOrder,
  type AdminFulfillmentOrder,
  type AdminFulfillmentOrderLineItem,
} from "./normalize-order";

export const ADMIN_API_VERSION = "2026-07";

/*
 * Page sizes keep each query's requested cost under Shopify's 1,000-point single-query
 * limit: a connection costs 2 + first × (cost of one node), an object 1, a scalar 0
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). 10 fulfillment
 * orders × (3 + 2 + 25 line items × 2) + 4 ≈ 554 points. Bigger orders are paged.
 */
export const FETCH_ORDER_FOR_SYNC = `#graphql
  query FetchOrderForSync($id: ID!, $fulfillmentOrdersAfter: String) {
    order(id: $id) {
      id
      legacyResourceId
      name
      number
      cancelledAt
      email
      shippingAddress {
        firstName
        lastName
        name
        company
        address1
        address2
        city
        province
        provinceCode
        zip
        countryCodeV2
        phone
      }
      fulfillmentOrders(first: 10, after: $fulfillmentOrdersAfter) {
        nodes {
          id
          status
          assignedLocation {
            location {
              id
            }
          }
          lineItems(first: 25) {
            nodes {
              id
              sku
              remainingQuantity
              lineItem {
                sku
                name
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/** The rest of one fulfillment order's line items, when the first 25 were not all. */
export const FETCH_FULFILLMENT_ORDER_LINE_ITEMS = `#graphql
  query FetchFulfillmentOrderLineItems($id: ID!, $after: String) {
    fulfillmentOrder(id: $id) {
      lineItems(first: 100, after: $after) {
        nodes {
          id
          sku
          remainingQuantity
          lineItem {
            sku
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/** A guard against a server that keeps answering `hasNextPage: true`. */
const MAX_PAGES = 100;

/** One Admin GraphQL endpoint (one shop, one token). Throws {@link ShopifyApiError}s. */
export interface AdminGraphqlClient {
  request<TData, TVariables extends Record<string, unknown>>(
    document: string,
    variables: TVariables,
  ): Promise<TData>;
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
  };
}

/**
 * Reads the order, following every page of fulfillment orders and of their line items.
 * Returns null when the order does not exist (or is outside the 60 days the app may read).
 */
export async function fetchOrderSnapshot(
  client: AdminGraphqlClient,
  orderGid: string,
): Promise<OrderSnapshot | null> {
  const first = await client.request<FetchOrderForSyncQuery, FetchOrderForSyncQueryVariables>(
    FETCH_ORDER_FOR_SYNC,
    { id: orderGid },
  );
  if (!first.order) return null;

  const { fulfillmentOrders: firstPage, ...header } = first.order;
  const fulfillmentOrders: AdminFulfillmentOrder[] = [];
  let page = firstPage;
  for (let pages = 1; ; pages++) {
    for (const node of page.nodes) {
      fulfillmentOrders.push({
        ...node,
        lineItems: await readAllLineItems(client, node.id, node.lineItems),
      });
    }
    const after = nextCursor(page.pageInfo, pages, `fulfillment orders of ${orderGid}`);
    if (after === null) break;
    const next = await client.request<FetchOrderForSyncQuery, FetchOrderForSyncQueryVariables>(
      FETCH_ORDER_FOR_SYNC,
      { id: orderGid, fulfillmentOrdersAfter: after },
    );
    // The order vanished between two pages: treat it as gone rather than half-read.
    if (!next.order) return null;
    page = next.order.fulfillmentOrders;
  }

  return normalizeOrder({ ...header, fulfillmentOrders });
}

type LineItemPage = {
  nodes: AdminFulfillmentOrderLineItem[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

async function readAllLineItems(
  client: AdminGraphqlClient,
  fulfillmentOrderId: string,
  firstPage: LineItemPage,
): Promise<AdminFulfillmentOrderLineItem[]> {
  const lineItems = [...firstPage.nodes];
  let page = firstPage;
  for (let pages = 1; ; pages++) {
    const after = nextCursor(page.pageInfo, pages, `line items of ${fulfillmentOrderId}`);
    if (after === null) return lineItems;
    const next = await client.request<
      FetchFulfillmentOrderLineItemsQuery,
      FetchFulfillmentOrderLineItemsQueryVariables
    >(FETCH_FULFILLMENT_ORDER_LINE_ITEMS, { id: fulfillmentOrderId, after });
    if (!next.fulfillmentOrder) {
      throw new ShopifyRequestError(
        `Fulfillment order ${fulfillmentOrderId} disappeared while its line items were read`,
        200,
      );
    }
    page = next.fulfillmentOrder.lineItems;
    lineItems.push(...page.nodes);
  }
}

function nextCursor(
  pageInfo: { hasNextPage: boolean; endCursor?: string | null },
  pagesRead: number,
  what: string,
): string | null {
  if (!pageInfo.hasNextPage) return null;
  if (!pageInfo.endCursor || pagesRead >= MAX_PAGES) {
    throw new ShopifyRequestError(`Could not page through the ${what}`, 200);
  }
  return pageInfo.endCursor;
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
