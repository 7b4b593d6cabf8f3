/**
 * Factories for the pure core's inputs, with realistic Japanese data. The defaults agree
 * with each other: `buildShipmentSnapshot()` holds exactly what `buildOrderSnapshot()`
 * asks for, so a test only states the difference it is about.
 */
import type {
  FulfillmentOrderSnapshot,
  MailingAddressSnapshot,
  OrderSnapshot,
  ShipmentResponse,
  ShipmentSnapshot,
  ShipmentStatus,
} from "../../app/sync/types";

export const OPENLOGI_LOCATION_ID = "gid://shopify/Location/1";

/** 山田 太郎, 東京都千代田区千代田1-1 千代田ビル 3F, as Shopify's Admin API returns it. */
export function buildMailingAddress(overrides: Partial<MailingAddressSnapshot> = {}): MailingAddressSnapshot {
  return {
    firstName: "太郎",
    lastName: "山田",
    name: "太郎 山田",
    company: null,
    address1: "千代田1-1",
    address2: "千代田ビル 3F",
    city: "千代田区",
    province: "Tōkyō",
    provinceCode: "JP-13",
    zip: "100-0001",
    countryCode: "JP",
    phone: "+81 90-1234-5678",
    ...overrides,
  };
}

/** One OPEN fulfillment order at the OpenLogi location: a T-shirt and two mugs. */
export function buildFulfillmentOrder(overrides: Partial<FulfillmentOrderSnapshot> = {}): FulfillmentOrderSnapshot {
  return {
    id: "gid://shopify/FulfillmentOrder/1001",
    status: "OPEN",
    locationId: OPENLOGI_LOCATION_ID,
    lineItems: [
      { sku: "TSHIRT-NAVY-M", title: "オーガニックTシャツ ネイビー / M", remainingQuantity: 1 },
      { sku: "MUG-WHITE", title: "波佐見焼マグカップ ホワイト", remainingQuantity: 2 },
    ],
    ...overrides,
  };
}

/** Order #1001, not cancelled, shipping to {@link buildMailingAddress}. */
export function buildOrderSnapshot(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: "gid://shopify/Order/450789469",
    legacyId: "450789469",
    name: "#1001",
    number: 1001,
    cancelledAt: null,
    email: "taro.yamada@example.com",
    shippingAddress: buildMailingAddress(),
    fulfillmentOrders: [buildFulfillmentOrder()],
    ...overrides,
  };
}

export interface ShipmentOverrides {
  id?: string;
  /** Merged over the default response; `identifier`/`order_no` here also set the snapshot's. */
  raw?: Partial<ShipmentResponse>;
}

/**
 * A shipment OpenLogi's Shopify import would have made from {@link buildOrderSnapshot},
 * with fields a merchant sets in OpenLogi (carrier, time slot, cushioning, gift wrapping,
 * delivery-note message) and response-only fields (label_note, assigned_shipping_date).
 */
export function buildShipmentSnapshot(status: ShipmentStatus, overrides: ShipmentOverrides = {}): ShipmentSnapshot {
  const id = overrides.id ?? "TS001-S000123";
  const raw: ShipmentResponse = {
    id,
    identifier: "shopify-450789469",
    order_no: "#1001",
    status,
    suspend: status === "suspended",
    cash_on_delivery: false,
    letter_of_attorney: false,
    subtotal_amount: 6980,
    delivery_charge: 0,
    handling_charge: 0,
    discount_amount: 0,
    total_amount: 6980,
    cushioning_unit: "ORDER",
    cushioning_type: "BUBBLE_PACK",
    gift_wrapping_unit: "ORDER",
    gift_wrapping_type: "NAVY",
    gift_sender_name: "山田 花子",
    shipping_email: "taro.yamada@example.com",
    delivery_note_type: "NOT_INCLUDE_PII",
    price_on_delivery_note: true,
    message: "この度はご注文ありがとうございます。",
    label_note: "衣類・雑貨",
    shipping_date: "2025-07-01",
    assigned_shipping_date: "2025-07-01",
    delivery_carrier: "YAMATO",
    delivery_time_slot: "14",
    delivery_date: "2025-07-03",
    warehouse: "OPL",
    recipient: {
      name: "山田 太郎",
      postcode: "100-0001",
      prefecture: "東京都",
      address1: "千代田区千代田1-1",
      address2: "千代田ビル 3F",
      phone: "090-1234-5678",
    },
    items: [
      { id: "TS001-I000001", code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false },
      { id: "TS001-I000002", code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false },
    ],
    ...overrides.raw,
  };
  return {
    id,
    identifier: raw.identifier ?? null,
    orderNo: raw.order_no ?? null,
    status,
    raw,
  };
}
