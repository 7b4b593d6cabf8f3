/** The shop's locations and time zone, read through the Admin API for the admin pages. */
import type {
  LocationByIdQuery,
  LocationByIdQueryVariables,
  ShopLocationsQuery,
  ShopLocationsQueryVariables,
  ShopTimeZoneQuery,
  ShopTimeZoneQueryVariables,
} from "../types/admin.generated";
import type { AdminGraphqlClient } from "./admin-client.server";
import { LOCATION_BY_ID, SHOP_LOCATIONS, SHOP_TIME_ZONE } from "./shop-queries.server";

export interface ShopLocation {
  id: string;
  name: string;
  isFulfillmentService: boolean;
}

/** A shop has at most a few hundred locations; the pages stop well past that. */
const MAX_PAGES = 10;

export async function fetchShopLocations(
  client: AdminGraphqlClient,
): Promise<{ locations: ShopLocation[]; timeZone: string }> {
  const locations: ShopLocation[] = [];
  let after: string | null = null;
  let timeZone = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: ShopLocationsQuery = await client.request<ShopLocationsQuery, ShopLocationsQueryVariables>(SHOP_LOCATIONS, { after });
    timeZone = data.shop.ianaTimezone;
    locations.push(...data.locations.nodes);
    if (!data.locations.pageInfo.hasNextPage) break;
    after = data.locations.pageInfo.endCursor ?? null;
  }
  return { locations, timeZone };
}

export async function fetchShopTimeZone(client: AdminGraphqlClient): Promise<string> {
  const data = await client.request<ShopTimeZoneQuery, ShopTimeZoneQueryVariables>(SHOP_TIME_ZONE, {});
  return data.shop.ianaTimezone;
}

/** True when the GID names an active location of the shop. */
export async function isShopLocation(client: AdminGraphqlClient, id: string): Promise<boolean> {
  const data = await client.request<LocationByIdQuery, LocationByIdQueryVariables>(LOCATION_BY_ID, { id });
  return data.location?.isActive === true;
}
