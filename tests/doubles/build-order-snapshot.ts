/**
 * Factories for the pure core's inputs, with realistic Japanese data, and the changes a
 * real shop goes through, made the way Shopify makes them: an edit lowers a line's current
 * quantity, a fulfilment only what is left to ship, an added line may arrive on a new
 * fulfillment order, and the order's figures follow. The defaults agree with each other:
 * `buildShipmentSnapshot()` holds exactly what `buildOrderSnapshot()` asks for, so a test
 * only states the difference it is about.
 */
import type {
  DeliveryMethodType,
  FulfillmentOrderSnapshot,
  MailingAddressSnapshot,
  OrderLineSnapshot,
  OrderSnapshot,
  ShipmentResponse,
  ShipmentSnapshot,
  ShipmentStatus,
} from "../../app/sync/types";

export const OPENLOGI_LOCATION_ID = "gid://shopify/Location/1";
export const STORE_LOCATION_ID = "gid://shopify/Location/2";

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

/** One line of an order, as the test describes it. */
export interface LineSpec {
  sku: string | null;
  title: string;
  quantity: number;
  /** Yen, tax included. */
  unitPrice?: number;
  /** Units already fulfilled (shipped) from the line's location. */
  fulfilled?: number;
  requiresShipping?: boolean;
  reducedTax?: boolean;
  locationId?: string;
  deliveryMethod?: DeliveryMethodType | null;
}

/** A T-shirt and two mugs, shipped from the OpenLogi location. */
export const DEFAULT_LINES: LineSpec[] = [
  { sku: "TSHIRT-NAVY-M", title: "オーガニックTシャツ ネイビー / M", quantity: 1, unitPrice: 3980 },
  { sku: "MUG-WHITE", title: "波佐見焼マグカップ ホワイト", quantity: 2, unitPrice: 1500 },
];

export interface OrderOptions extends Partial<Omit<OrderSnapshot, "lineItems" | "fulfillmentOrders" | "amounts">> {
  lines?: LineSpec[];
  /** Shipping charged, in yen. */
  shipping?: number;
  /** "none" for cash on delivery (nothing paid yet). */
  paid?: "full" | "none";
}

/**
 * Order #1001, not cancelled, shipping to {@link buildMailingAddress}. Lines become order
 * lines plus fulfillment orders per location and delivery method: an OPEN one for what is
 * left to ship, a CLOSED one for what has shipped.
 */
export function buildOrderSnapshot(options: OrderOptions = {}): OrderSnapshot {
  const { lines = DEFAULT_LINES, shipping = 0, paid = "full", ...overrides } = options;
  const legacyId = overrides.legacyId ?? "450789469";
  const lineItems: OrderLineSnapshot[] = [];
  const groups = new Map<string, FulfillmentOrderSnapshot>();
  lines.forEach((spec, index) => {
    const id = `gid://shopify/LineItem/${legacyId}${index + 1}`;
    lineItems.push(orderLine(id, spec));
    const locationId = spec.locationId ?? OPENLOGI_LOCATION_ID;
    const deliveryMethod = deliveryMethodOf(spec);
    const fulfilled = spec.fulfilled ?? 0;
    const open = spec.quantity - fulfilled;
    for (const [status, quantity] of [["OPEN", open], ["CLOSED", fulfilled]] as const) {
      if (quantity <= 0) continue;
      const key = `${locationId}|${deliveryMethod}|${status}`;
      const group = groups.get(key) ?? {
        id: `gid://shopify/FulfillmentOrder/${legacyId}${groups.size + 1}`,
        status,
        locationId,
        deliveryMethod,
        lineItems: [],
      };
      group.lineItems.push({ lineItemId: id, totalQuantity: quantity, remainingQuantity: status === "OPEN" ? quantity : 0 });
      groups.set(key, group);
    }
  });
  const draft: OrderSnapshot = {
    id: `gid://shopify/Order/${legacyId}`,
    legacyId,
    name: "#1001",
    number: 1001,
    updatedAt: "2026-11-20T01:00:00Z",
    cancelledAt: null,
    email: "taro.yamada@example.com",
    shippingAddress: buildMailingAddress(),
    lineItems,
    fulfillmentOrders: [...groups.values()],
    amounts: { currency: "JPY", subtotal: 0, discounts: 0, shipping, tax: 0, total: 0, outstanding: 0, taxesIncluded: true },
    ...overrides,
  };
  const priced = repriced(draft);
  return { ...priced, amounts: { ...priced.amounts, outstanding: paid === "none" ? priced.amounts.total : 0 } };
}

/**
 * The order's current figures from its lines, as Shopify keeps them after an edit: prices
 * include tax (10%, or 8% for reduced-rate lines), what was paid stays paid, and what is
 * owed (or to refund) follows the new total.
 */
export function repriced(order: OrderSnapshot): OrderSnapshot {
  const paid = order.amounts.total - order.amounts.outstanding;
  let subtotal = 0;
  let tax = 0;
  for (const line of order.lineItems) {
    const amount = (line.unitPrice ?? 0) * line.currentQuantity;
    const rate = line.reducedTax ? 0.08 : 0.1;
    subtotal += amount;
    tax += Math.floor((amount * rate) / (1 + rate));
  }
  const total = subtotal + order.amounts.shipping - order.amounts.discounts;
  return { ...order, amounts: { ...order.amounts, subtotal, tax, total, outstanding: total - paid } };
}

/** An order edit that removes `units` of the SKU's line (Shopify lowers current and open quantities). */
export function removeUnits(order: OrderSnapshot, sku: string, units: number): OrderSnapshot {
  const line = lineOf(order, sku);
  let left = units;
  return repriced({
    ...order,
    updatedAt: later(order.updatedAt),
    lineItems: order.lineItems.map((l) => (l.id === line.id ? { ...l, currentQuantity: l.currentQuantity - units } : l)),
    fulfillmentOrders: order.fulfillmentOrders.map((fo) =>
      fo.status !== "OPEN"
        ? fo
        : {
            ...fo,
            lineItems: fo.lineItems.map((foLine) => {
              if (foLine.lineItemId !== line.id || left === 0) return foLine;
              const taken = Math.min(left, foLine.remainingQuantity);
              left -= taken;
              return { ...foLine, totalQuantity: foLine.totalQuantity - taken, remainingQuantity: foLine.remainingQuantity - taken };
            }),
          },
    ),
  });
}

/** An order edit that adds a line; a fulfilment service gets it on a new fulfillment order. */
export function addLine(order: OrderSnapshot, spec: LineSpec): { order: OrderSnapshot; lineItemId: string } {
  const lineItemId = `gid://shopify/LineItem/${order.legacyId}${order.lineItems.length + 1}`;
  const edited: OrderSnapshot = {
    ...order,
    updatedAt: later(order.updatedAt),
    lineItems: [...order.lineItems, orderLine(lineItemId, spec)],
    fulfillmentOrders: [
      ...order.fulfillmentOrders,
      {
        id: `gid://shopify/FulfillmentOrder/${order.legacyId}${order.fulfillmentOrders.length + 1}`,
        status: "OPEN",
        locationId: spec.locationId ?? OPENLOGI_LOCATION_ID,
        deliveryMethod: deliveryMethodOf(spec),
        lineItems: [{ lineItemId, totalQuantity: spec.quantity, remainingQuantity: spec.quantity }],
      },
    ],
  };
  return { order: repriced(edited), lineItemId };
}

/** The warehouse shipped everything left and Shopify closed the fulfillment orders. */
export function fulfilAll(order: OrderSnapshot): OrderSnapshot {
  return {
    ...order,
    updatedAt: later(order.updatedAt),
    fulfillmentOrders: order.fulfillmentOrders.map((fo) =>
      fo.status === "OPEN" ? { ...fo, status: "CLOSED", lineItems: fo.lineItems.map((l) => ({ ...l, remainingQuantity: 0 })) } : fo,
    ),
  };
}

/**
 * Moves the SKU's unfulfilled units from the OpenLogi location to another one, as Shopify's
 * fulfillmentOrderMove does for part of a fulfillment order: the moved line goes to a new
 * fulfillment order there, the original keeps the rest. (Moving every line instead changes
 * the original's location.)
 */
export function moveToLocation(order: OrderSnapshot, sku: string, locationId: string): OrderSnapshot {
  const line = lineOf(order, sku);
  const moved: FulfillmentOrderSnapshot[] = [];
  const fulfillmentOrders = order.fulfillmentOrders.map((fo) => {
    const foLine = fo.lineItems.find((l) => l.lineItemId === line.id && l.remainingQuantity > 0);
    if (fo.status !== "OPEN" || fo.locationId !== OPENLOGI_LOCATION_ID || !foLine) return fo;
    moved.push({ ...fo, id: `${fo.id}0${moved.length}`, locationId, lineItems: [{ ...foLine, totalQuantity: foLine.remainingQuantity }] });
    const left = foLine.totalQuantity - foLine.remainingQuantity;
    return {
      ...fo,
      lineItems: left > 0
        ? fo.lineItems.map((l) => (l === foLine ? { ...l, totalQuantity: left, remainingQuantity: 0 } : l))
        : fo.lineItems.filter((l) => l !== foLine),
    };
  });
  return { ...order, updatedAt: later(order.updatedAt), fulfillmentOrders: [...fulfillmentOrders, ...moved] };
}

function orderLine(id: string, spec: LineSpec): OrderLineSnapshot {
  return {
    id,
    sku: spec.sku,
    title: spec.title,
    currentQuantity: spec.quantity,
    requiresShipping: spec.requiresShipping ?? true,
    unitPrice: spec.unitPrice ?? 1000,
    reducedTax: spec.reducedTax ?? false,
  };
}

/** Shipped unless said otherwise; a line that needs no shipping needs no delivery. */
function deliveryMethodOf(spec: LineSpec): DeliveryMethodType | null {
  if (spec.deliveryMethod !== undefined) return spec.deliveryMethod;
  return spec.requiresShipping === false ? "NONE" : "SHIPPING";
}

function lineOf(order: OrderSnapshot, sku: string): OrderLineSnapshot {
  const line = order.lineItems.find((l) => l.sku === sku);
  if (!line) throw new Error(`no line with SKU ${sku}`);
  return line;
}

/** One second later: Shopify's updatedAt moves on with every change. */
function later(iso: string): string {
  return new Date(new Date(iso).getTime() + 1_000).toISOString().replace(".000Z", "Z");
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

/** The default shipment, sent cash on delivery: the carrier collects the order's total. */
export function codShipment(status: ShipmentStatus, overrides: ShipmentOverrides = {}): ShipmentSnapshot {
  return buildShipmentSnapshot(status, {
    ...overrides,
    raw: { cash_on_delivery: true, total_for_cash_on_delivery: 6980, tax_for_cash_on_delivery: 633, ...overrides.raw },
  });
}
