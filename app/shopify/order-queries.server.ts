/**
 * The Admin GraphQL documents that read an order for the sync, validated against the real
 * Admin schema by tests/contract/shopify/queries.contract.test.ts and typed by
 * scripts/graphql-codegen.ts into app/types/admin.generated.d.ts.
 */

/*
 * Page sizes keep each query's requested cost under Shopify's 1,000-point single-query
 * limit: a connection costs 2 + first × (cost of one node), an object 1, a scalar 0
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). The first read
 * is about 800 points: 7 money bags, 50 lines × 4, 10 fulfillment orders × (4 + 25 × 2).
 * Bigger orders are paged by the three queries after it.
 */
export const FETCH_ORDER_FOR_SYNC = `#graphql
  query FetchOrderForSync($id: ID!) {
    order(id: $id) {
      id
      legacyResourceId
      name
      number
      updatedAt
      cancelledAt
      email
      taxesIncluded
      presentmentCurrencyCode
      currentSubtotalPriceSet {
        presentmentMoney {
          amount
        }
      }
      currentTotalDiscountsSet {
        presentmentMoney {
          amount
        }
      }
      currentShippingPriceSet {
        presentmentMoney {
          amount
        }
      }
      currentTotalTaxSet {
        presentmentMoney {
          amount
        }
      }
      currentTotalPriceSet {
        presentmentMoney {
          amount
        }
      }
      totalOutstandingSet {
        presentmentMoney {
          amount
        }
      }
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
      lineItems(first: 50) {
        nodes {
          id
          sku
          name
          currentQuantity
          requiresShipping
          originalUnitPriceSet {
            presentmentMoney {
              amount
            }
          }
          taxLines {
            rate
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      fulfillmentOrders(first: 10) {
        nodes {
          id
          status
          assignedLocation {
            location {
              id
            }
          }
          deliveryMethod {
            methodType
          }
          lineItems(first: 25) {
            nodes {
              id
              sku
              totalQuantity
              remainingQuantity
              lineItem {
                id
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

/** The rest of the order's lines, when the first 50 were not all. */
export const FETCH_ORDER_LINE_ITEMS = `#graphql
  query FetchOrderLineItems($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 100, after: $after) {
        nodes {
          id
          sku
          name
          currentQuantity
          requiresShipping
          originalUnitPriceSet {
            presentmentMoney {
              amount
            }
          }
          taxLines {
            rate
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

/** The rest of the order's fulfillment orders, when the first 10 were not all. */
export const FETCH_ORDER_FULFILLMENT_ORDERS = `#graphql
  query FetchOrderFulfillmentOrders($id: ID!, $after: String) {
    order(id: $id) {
      fulfillmentOrders(first: 10, after: $after) {
        nodes {
          id
          status
          assignedLocation {
            location {
              id
            }
          }
          deliveryMethod {
            methodType
          }
          lineItems(first: 25) {
            nodes {
              id
              sku
              totalQuantity
              remainingQuantity
              lineItem {
                id
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
          totalQuantity
          remainingQuantity
          lineItem {
            id
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
