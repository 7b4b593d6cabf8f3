/**
 * The reconciliation's read: orders updated after a moment, oldest change first, one page at a
 * time, with what each page cost. Only what the plan needs is selected, so a page of 250 is
 * 252 requested points (2 + 250 × 1: the node is an object, its fields are scalars).
 * https://shopify.dev/docs/api/admin-graphql/2026-07/queries/orders
 */
import type { ReconcileOrdersQuery, ReconcileOrdersQueryVariables } from "../types/admin.generated";
import type { AdminGraphqlClient, QueryCost } from "./admin-client.server";

export const RECONCILE_ORDERS = `#graphql
  query ReconcileOrders($first: Int!, $after: String, $query: String!) {
    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      nodes {
        legacyResourceId
        createdAt
        updatedAt
        cancelledAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Shopify's largest page. */
export const ORDERS_PAGE_SIZE = 250;

/** What the reconciliation knows of an updated order: ids as the webhooks carry them. */
export interface UpdatedOrderSnapshot {
  /** The numeric id, as `orders/*` webhooks carry it. */
  id: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

export interface UpdatedOrdersPage {
  orders: UpdatedOrderSnapshot[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
  cost: QueryCost | null;
}

/** Shopify's search syntax: a quoted ISO 8601 instant. https://shopify.dev/docs/api/usage/search-syntax */
export function updatedAfterQuery(since: Date): string {
  return `updated_at:>'${since.toISOString()}'`;
}

export async function fetchUpdatedOrdersPage(
  client: AdminGraphqlClient,
  since: Date,
  after: string | null,
  first: number = ORDERS_PAGE_SIZE,
): Promise<UpdatedOrdersPage> {
  const { data, cost } = await client.requestWithCost<ReconcileOrdersQuery, ReconcileOrdersQueryVariables>(RECONCILE_ORDERS, {
    first,
    after,
    query: updatedAfterQuery(since),
  });
  return {
    orders: data.orders.nodes.map((node) => ({
      id: node.legacyResourceId,
      createdAt: new Date(node.createdAt),
      updatedAt: new Date(node.updatedAt),
      cancelledAt: node.cancelledAt ? new Date(node.cancelledAt) : null,
    })),
    nextCursor: data.orders.pageInfo.hasNextPage ? (data.orders.pageInfo.endCursor ?? null) : null,
    cost,
  };
}
