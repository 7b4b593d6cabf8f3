/**
 * Pure mapping from the Admin GraphQL order (every page already read) to the sync
 * core's {@link OrderSnapshot}. No I/O: orders.server.ts does the reading.
 */
import type {
  FetchOrderForSyncQuery,
  FulfillmentOrderStatus as AdminFulfillmentOrderStatus,
} from "../types/admin.generated";
import type {
  FulfillmentOrderLineSnapshot,
  FulfillmentOrderSnapshot,
  FulfillmentOrderStatus,
  MailingAddressSnapshot,
  OrderSnapshot,
} from "../sync/types";

type OrderNode = NonNullable<FetchOrderForSyncQuery["order"]>;
type FulfillmentOrderNode = OrderNode["fulfillmentOrders"]["nodes"][number];

/** One fulfillment order line item as the `#graphql` documents select it. */
export type AdminFulfillmentOrderLineItem = FulfillmentOrderNode["lineItems"]["nodes"][number];

/** A fulfillment order with all of its line items. */
export type AdminFulfillmentOrder = Omit<FulfillmentOrderNode, "lineItems"> & {
  lineItems: AdminFulfillmentOrderLineItem[];
};

/** The order with all of its fulfillment orders. */
export type AdminOrder = Omit<OrderNode, "fulfillmentOrders"> & {
  fulfillmentOrders: AdminFulfillmentOrder[];
};

export type AdminMailingAddress = NonNullable<OrderNode["shippingAddress"]>;

/*
 * The schema's enum and the core's union must stay identical: if Shopify adds a status
 * in a later API version, regenerating the types makes this line fail to compile.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<AdminFulfillmentOrderStatus, FulfillmentOrderStatus> = true;
void statusesMatch;

export function normalizeOrder(order: AdminOrder): OrderSnapshot {
  return {
    id: order.id,
    legacyId: String(order.legacyResourceId),
    name: order.name,
    number: order.number,
    cancelledAt: order.cancelledAt ?? null,
    email: order.email ?? null,
    shippingAddress: order.shippingAddress ? normalizeMailingAddress(order.shippingAddress) : null,
    fulfillmentOrders: order.fulfillmentOrders.map(normalizeFulfillmentOrder),
  };
}

export function normalizeMailingAddress(address: AdminMailingAddress): MailingAddressSnapshot {
  return {
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    name: address.name ?? null,
    company: address.company ?? null,
    address1: address.address1 ?? null,
    address2: address.address2 ?? null,
    city: address.city ?? null,
    province: address.province ?? null,
    provinceCode: address.provinceCode ?? null,
    zip: address.zip ?? null,
    // `countryCode` is deprecated in the Admin API; `countryCodeV2` is the CountryCode enum.
    countryCode: address.countryCodeV2 ?? null,
    phone: address.phone ?? null,
  };
}

function normalizeFulfillmentOrder(fulfillmentOrder: AdminFulfillmentOrder): FulfillmentOrderSnapshot {
  return {
    id: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    // `location` is null when the location was deleted after the order was placed.
    locationId: fulfillmentOrder.assignedLocation.location?.id ?? null,
    lineItems: fulfillmentOrder.lineItems.map(normalizeLineItem),
  };
}

/**
 * The SKU is the order line item's (what OpenLogi's own Shopify import read into the
 * shipment); the fulfillment order line item's own `sku` is the fallback. A blank SKU
 * becomes null so that the core has one way to see "no SKU".
 */
function normalizeLineItem(item: AdminFulfillmentOrderLineItem): FulfillmentOrderLineSnapshot {
  return {
    sku: nonBlank(item.lineItem.sku) ?? nonBlank(item.sku),
    title: item.lineItem.name,
    remainingQuantity: item.remainingQuantity,
  };
}

function nonBlank(value: string | null | undefined): string | null {
  return value != null && value.trim() !== "" ? value : null;
}
