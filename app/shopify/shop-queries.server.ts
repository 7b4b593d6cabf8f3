/**
 * The Admin GraphQL documents the admin pages read: the shop's time zone and its locations
 * (the settings page's OpenLogi location picker). Checked against the real Admin schema and
 * its cost rules by tests/contract/shopify/queries.contract.test.ts; typed by
 * scripts/graphql-codegen.ts. A page of 100 locations costs 2 + 100 × 1 points, far under
 * the 1,000-point single-query limit (order-queries.server.ts explains the rules).
 */

export const SHOP_TIME_ZONE = `#graphql
  query ShopTimeZone {
    shop {
      ianaTimezone
    }
  }
`;

/**
 * Legacy locations are fulfilment services' own (OpenLogi's Shopify import may ship from
 * one); inactive ones cannot fulfil, so they are left out.
 */
export const SHOP_LOCATIONS = `#graphql
  query ShopLocations($after: String) {
    shop {
      ianaTimezone
    }
    locations(first: 100, after: $after, includeLegacy: true, includeInactive: false, sortKey: NAME) {
      nodes {
        id
        name
        isFulfillmentService
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Whether a location GID is one of the shop's (the settings form refuses any other). */
export const LOCATION_BY_ID = `#graphql
  query LocationById($id: ID!) {
    location(id: $id) {
      id
      isActive
    }
  }
`;
