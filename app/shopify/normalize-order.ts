/**
 * Pure mapping from the Admin GraphQL order (every page already read) to the sync
 * core's {@link OrderSnapshot}. No I/O: orders.server.ts does the reading.
 */
import type {
  DeliveryMethodType as AdminDeliveryMethodType,
  FetchOrderForSyncQuery,
  FulfillmentOrderStatus as AdminFulfillmentOrderStatus,
} from "../types/admin.generated";
import type {
  DeliveryMethodType,
  FulfillmentOrderSnapshot,
  FulfillmentOrderStatus,
  MailingAddressSnapshot,
  OrderLineSnapshot,
  OrderSnapshot,
} from "../sync/types";

type OrderNode = NonNullable<FetchOrderForSyncQuery["order"]>;
export type AdminOrderLineItem = OrderNode["lineItems"]["nodes"][number];
export type AdminFulfillmentOrderNode = OrderNode["fulfillmentOrders"]["nodes"][number];
/** One fulfillment order line item as the `#graphql` documents select it. */
export type AdminFulfillmentOrderLineItem = AdminFulfillmentOrderNode["lineItems"]["nodes"][number];

/** A fulfillment order with all of its line items. */
export type AdminFulfillmentOrder = Omit<AdminFulfillmentOrderNode, "lineItems"> & {
  lineItems: AdminFulfillmentOrderLineItem[];
};

/** The order with all of its lines and fulfillment orders. */
export type AdminOrder = Omit<OrderNode, "lineItems" | "fulfillmentOrders"> & {
  lineItems: AdminOrderLineItem[];
  fulfillmentOrders: AdminFulfillmentOrder[];
};

export type AdminMailingAddress = NonNullable<OrderNode["shippingAddress"]>;

/*
 * The schema's enums and the core's unions must stay identical: if Shopify adds a value
 * in a later API version, regenerating the types makes these lines fail to compile.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<AdminFulfillmentOrderStatus, FulfillmentOrderStatus> = true;
const deliveryMethodsMatch: Same<`${AdminDeliveryMethodType}`, DeliveryMethodType> = true;
void statusesMatch;
void deliveryMethodsMatch;

/** Japan's reduced consumption-tax rate (軽減税率). */
const REDUCED_RATE = 0.08;

export function normalizeOrder(order: AdminOrder): OrderSnapshot {
  // The order line's SKU is what OpenLogi's own import read; a fulfillment order line's is the fallback.
  const fallbackSku = new Map<string, string>();
  for (const fulfillmentOrder of order.fulfillmentOrders) {
    for (const line of fulfillmentOrder.lineItems) {
      const sku = nonBlank(line.sku);
      if (sku !== null && !fallbackSku.has(line.lineItem.id)) fallbackSku.set(line.lineItem.id, sku);
    }
  }
  return {
    id: order.id,
    legacyId: String(order.legacyResourceId),
    name: order.name,
    number: order.number,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt ?? null,
    email: order.email ?? null,
    shippingAddress: order.shippingAddress ? normalizeMailingAddress(order.shippingAddress) : null,
    lineItems: order.lineItems.map((line) => normalizeLineItem(line, fallbackSku.get(line.id) ?? null)),
    fulfillmentOrders: order.fulfillmentOrders.map(normalizeFulfillmentOrder),
    amounts: {
      currency: order.presentmentCurrencyCode,
      subtotal: money(order.currentSubtotalPriceSet),
      discounts: money(order.currentTotalDiscountsSet),
      shipping: money(order.currentShippingPriceSet),
      tax: money(order.currentTotalTaxSet),
      total: money(order.currentTotalPriceSet),
      outstanding: money(order.totalOutstandingSet),
      taxesIncluded: order.taxesIncluded,
    },
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

function normalizeLineItem(line: AdminOrderLineItem, fallbackSku: string | null): OrderLineSnapshot {
  const rates = line.taxLines.map((tax) => tax.rate).filter((rate): rate is number => rate !== null);
  return {
    id: line.id,
    sku: nonBlank(line.sku) ?? fallbackSku,
    title: line.name,
    currentQuantity: line.currentQuantity,
    requiresShipping: line.requiresShipping,
    unitPrice: money(line.originalUnitPriceSet),
    reducedTax: rates.length === 0 ? null : rates.some((rate) => Math.abs(rate - REDUCED_RATE) < 1e-9),
  };
}

function normalizeFulfillmentOrder(fulfillmentOrder: AdminFulfillmentOrder): FulfillmentOrderSnapshot {
  return {
    id: fulfillmentOrder.id,
    status: fulfillmentOrder.status,
    // `location` is null when the location was deleted after the order was placed.
    locationId: fulfillmentOrder.assignedLocation.location?.id ?? null,
    deliveryMethod: fulfillmentOrder.deliveryMethod?.methodType ?? null,
    lineItems: fulfillmentOrder.lineItems.map((line) => ({
      lineItemId: line.lineItem.id,
      totalQuantity: line.totalQuantity,
      remainingQuantity: line.remainingQuantity,
    })),
  };
}

/** Shopify's Decimal scalar is a string ("6980.0"). */
function money(bag: { presentmentMoney: { amount: string } }): number {
  return Number(bag.presentmentMoney.amount);
}

function nonBlank(value: string | null | undefined): string | null {
  return value != null && value.trim() !== "" ? value : null;
}
