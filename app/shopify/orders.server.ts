/**
 * Reads a Shopify order again through the Admin GraphQL API (2026-07) and turns it
 * into an {@link OrderSnapshot}. `orders/edited` carries only the edit's delta, so the
 * worker reads the whole order here (SPEC.md "Changes").
 */
import type { OrderSnapshot } from "../sync/types";
import type {
  FetchFulfillmentOrderLineItemsQuery,
  FetchFulfillmentOrderLineItemsQueryVariables,
  FetchOrderForSyncQuery,
  FetchOrderForSyncQueryVariables,
  FetchOrderFulfillmentOrdersQuery,
  FetchOrderFulfillmentOrdersQueryVariables,
  FetchOrderLineItemsQuery,
  FetchOrderLineItemsQueryVariables,
} from "../types/admin.generated";
import type { AdminGraphqlClient } from "./admin-client.server";
import { ShopifyRequestError } from "./errors";
import {
  normalizeOrder,
  type AdminFulfillmentOrder,
  type AdminFulfillmentOrderLineItem,
  type AdminFulfillmentOrderNode,
  type AdminOrderLineItem,
} from "./normalize-order";
import {
  FETCH_FULFILLMENT_ORDER_LINE_ITEMS,
  FETCH_ORDER_FOR_SYNC,
  FETCH_ORDER_FULFILLMENT_ORDERS,
  FETCH_ORDER_LINE_ITEMS,
} from "./order-queries.server";

/** A guard against a server that keeps answering `hasNextPage: true`. */
const MAX_PAGES = 100;

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Reads the order, following every page of its lines, of its fulfillment orders and of
 * their line items. Returns null when the order does not exist (or is outside the 60 days
 * the app may read), or vanished between two pages: never half an order.
 */
export async function fetchOrderSnapshot(client: AdminGraphqlClient, orderGid: string): Promise<OrderSnapshot | null> {
  const first = await client.request<FetchOrderForSyncQuery, FetchOrderForSyncQueryVariables>(FETCH_ORDER_FOR_SYNC, {
    id: orderGid,
  });
  if (!first.order) return null;
  const { lineItems: firstLines, fulfillmentOrders: firstFulfillmentOrders, ...header } = first.order;

  const lineItems = await readPages<AdminOrderLineItem>(firstLines, `lines of ${orderGid}`, async (after) => {
    const next = await client.request<FetchOrderLineItemsQuery, FetchOrderLineItemsQueryVariables>(
      FETCH_ORDER_LINE_ITEMS,
      { id: orderGid, after },
    );
    return next.order?.lineItems ?? null;
  });
  const nodes = await readPages<AdminFulfillmentOrderNode>(
    firstFulfillmentOrders,
    `fulfillment orders of ${orderGid}`,
    async (after) => {
      const next = await client.request<FetchOrderFulfillmentOrdersQuery, FetchOrderFulfillmentOrdersQueryVariables>(
        FETCH_ORDER_FULFILLMENT_ORDERS,
        { id: orderGid, after },
      );
      return next.order?.fulfillmentOrders ?? null;
    },
  );
  if (lineItems === null || nodes === null) return null;

  const fulfillmentOrders: AdminFulfillmentOrder[] = [];
  for (const node of nodes) {
    const lines = await readPages<AdminFulfillmentOrderLineItem>(node.lineItems, `line items of ${node.id}`, async (after) => {
      const next = await client.request<
        FetchFulfillmentOrderLineItemsQuery,
        FetchFulfillmentOrderLineItemsQueryVariables
      >(FETCH_FULFILLMENT_ORDER_LINE_ITEMS, { id: node.id, after });
      return next.fulfillmentOrder?.lineItems ?? null;
    });
    if (lines === null) {
      throw new ShopifyRequestError(`Fulfillment order ${node.id} disappeared while its line items were read`, 200);
    }
    fulfillmentOrders.push({ ...node, lineItems: lines });
  }
  return normalizeOrder({ ...header, lineItems, fulfillmentOrders });
}

/** Every node of a connection, from its first page on; null when a later page is gone. */
async function readPages<T>(
  firstPage: Page<T>,
  what: string,
  readAfter: (cursor: string) => Promise<Page<T> | null>,
): Promise<T[] | null> {
  const nodes = [...firstPage.nodes];
  let page = firstPage;
  for (let pages = 1; page.pageInfo.hasNextPage; pages++) {
    if (!page.pageInfo.endCursor || pages >= MAX_PAGES) {
      throw new ShopifyRequestError(`Could not page through the ${what}`, 200);
    }
    const next = await readAfter(page.pageInfo.endCursor);
    if (next === null) return null;
    nodes.push(...next.nodes);
    page = next;
  }
  return nodes;
}
