/**
 * The vocabulary of the pure sync core (`app/sync`). Nothing here touches Prisma,
 * Remix, fetch, env or the clock: the shell builds these snapshots from Shopify and
 * OpenLogi, and `decideSync` turns them into a {@link SyncDecision}.
 *
 * Rules come from ../shared/SPEC.md, which restates OpenLogi FAQ 217 and Shopify's
 * help page on order-editing considerations.
 */
import type { components } from "../openlogi/contract/contract";

type Schemas = components["schemas"];

/** OpenLogi shipment statuses (API 1.5 `GetShipmentResponse.status`, plus 1.3's names). */
export const SHIPMENT_STATUSES = [
  "backordered",
  "allocating",
  "waiting",
  "working",
  "picking",
  "picked",
  "packed",
  "shipped",
  "suspended",
  "modify_request",
  "cancel_request",
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export function isShipmentStatus(value: string | null): value is ShipmentStatus {
  return value !== null && (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

/** Statuses grouped as FAQ 217 groups them (SPEC.md "Status band"). */
export type StatusBand = "OPEN" | "CONFIRMED" | "PACKED" | "REQUESTED" | "HELD";

/** OpenLogi domestic recipient (`Address`). */
export type DomesticAddress = Schemas["Address"];
/** OpenLogi international recipient (`InternationalAddress`). */
export type InternationalAddress = Schemas["InternationalAddress"];
export type OpenLogiRecipient = DomesticAddress | InternationalAddress;

/** Body of `PUT /shipments/{id}`: every field `ShipmentRequest` accepts. */
export type ShipmentRequestBody = Schemas["ShipmentRequest"];
/** Body of the billable `POST /shipments/{id}/modify`. */
export type ModifyShipmentRequestBody = Schemas["ModifyShipmentRequest"];
/** A shipment as `GET /shipments/…` returns it. */
export type ShipmentResponse = Schemas["GetShipmentResponse"];
/** One item line of a shipment request (`PUT` and `…/modify`). */
export type ShipmentItemRequest = Schemas["components-schemas-ItemRequest"];
/** One item line as `GET /shipments/…` returns it. */
export type ShipmentItemResponse = Schemas["components-schemas-ItemResponse"];
/** One item line as the app sends it: `backorder_if_unavailable` is never invented per item. */
export type ShipmentItemUpdate = Omit<ShipmentItemRequest, "backorder_if_unavailable">;
/**
 * The `PUT` body as the app sends it: only fields GET returned, and the ones the update
 * changes. The generated type makes defaulted fields (`suspend`, `cash_on_delivery`,
 * `international`) required; here they are sent only when GET showed them, so where PUT
 * merges the merchant's value is never overwritten by a default. `backorder_if_unavailable`
 * is sent only when the shipment is backordered, because GET never returns it and sending
 * `false` could make OpenLogi refuse the PUT for lack of stock.
 */
export type ShipmentUpdateBody = Omit<
  ShipmentRequestBody,
  "backorder_if_unavailable" | "items" | "suspend" | "cash_on_delivery" | "international"
> &
  Partial<Pick<ShipmentRequestBody, "suspend" | "cash_on_delivery" | "international">> & {
    backorder_if_unavailable?: true;
    items: ShipmentItemUpdate[];
  };
/**
 * What `POST /shipments/{id}/modify` really takes: the JSON schema requires `identifier`
 * and `items` although the generated {@link ModifyShipmentRequestBody} lists neither.
 * `identifier` is never null: the shipment's own, or its `order_no`.
 */
export type ModifyShipmentWireBody = ModifyShipmentRequestBody & {
  identifier: string;
  items: ShipmentItemUpdate[];
};

/** An OpenLogi shipment as the core sees it. `raw` keeps every field OpenLogi returned. */
export interface ShipmentSnapshot {
  id: string;
  identifier: string | null;
  orderNo: string | null;
  status: ShipmentStatus;
  raw: ShipmentResponse;
}

/** Shopify `MailingAddress`, only the fields the mapping reads. */
export interface MailingAddressSnapshot {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  /** Shopify's province code, e.g. "JP-13" or "13" for 東京都. */
  provinceCode: string | null;
  zip: string | null;
  /** ISO 3166-1 alpha-2, e.g. "JP". */
  countryCode: string | null;
  phone: string | null;
}

/** Shopify `FulfillmentOrderStatus`. */
export type FulfillmentOrderStatus =
  | "OPEN"
  | "IN_PROGRESS"
  | "ON_HOLD"
  | "SCHEDULED"
  | "CLOSED"
  | "CANCELLED"
  | "INCOMPLETE";

/** Shopify `DeliveryMethodType`: how a fulfillment order reaches the customer. */
export type DeliveryMethodType = "SHIPPING" | "PICKUP_POINT" | "PICK_UP" | "LOCAL" | "RETAIL" | "NONE";

/** One line of the order, as it stands after every edit. */
export interface OrderLineSnapshot {
  /** LineItem GID; fulfillment order lines refer to it. */
  id: string;
  /** The SKU at order time; null when the merchant set none. */
  sku: string | null;
  title: string;
  /** Units ordered, less removed and refunded ones (`LineItem.currentQuantity`). Fulfilment does not lower it. */
  currentQuantity: number;
  /** False for digital goods and gift cards. */
  requiresShipping: boolean;
  /** Unit price before discounts, in the order's currency; null when Shopify gave none. */
  unitPrice: number | null;
  /** Whether Japan's reduced rate (8%) applies; null when the line has no tax line. */
  reducedTax: boolean | null;
}

/** How much of one order line a fulfillment order ships. */
export interface FulfillmentOrderLineSnapshot {
  /** The order line (LineItem GID). */
  lineItemId: string;
  totalQuantity: number;
  /** Falls when Shopify records a fulfilment, and when an edit removes units. */
  remainingQuantity: number;
}

export interface FulfillmentOrderSnapshot {
  id: string;
  status: FulfillmentOrderStatus;
  /** Location GID the fulfillment order is assigned to. */
  locationId: string | null;
  /** null when Shopify has none on record (older orders): the location setting decides. */
  deliveryMethod: DeliveryMethodType | null;
  lineItems: FulfillmentOrderLineSnapshot[];
}

/** The order's current figures (after edits and refunds), in its presentment currency. */
export interface OrderAmounts {
  /** ISO 4217, e.g. "JPY". */
  currency: string;
  subtotal: number;
  discounts: number;
  shipping: number;
  tax: number;
  total: number;
  /** What the customer still owes: a cash-on-delivery carrier collects this. */
  outstanding: number;
  taxesIncluded: boolean;
}

/** A Shopify order, read again through the Admin GraphQL API when the job runs. */
export interface OrderSnapshot {
  /** Order GID, e.g. "gid://shopify/Order/450789469". */
  id: string;
  /** Numeric id, e.g. "450789469". */
  legacyId: string;
  /** Formatted name with the shop's prefix/suffix, e.g. "#1001". */
  name: string;
  /** `order_number` (1001), shown without prefix. */
  number: number;
  /** Shopify's `updatedAt`: the order version a billable request is keyed by. */
  updatedAt: string;
  cancelledAt: string | null;
  email: string | null;
  shippingAddress: MailingAddressSnapshot | null;
  lineItems: OrderLineSnapshot[];
  fulfillmentOrders: FulfillmentOrderSnapshot[];
  amounts: OrderAmounts;
}

/** Per-shop settings (SPEC.md "Settings"). */
export interface SyncSettings {
  /** 注文の変更を出庫依頼に反映 */
  reflectChanges: boolean;
  /** 注文確定後でもキャンセル連携を行う (billable) */
  cancelAfterConfirmation: boolean;
  /** 確定後でも注文の変更を出庫依頼に反映 (billable) */
  modifyAfterConfirmation: boolean;
  /** Beyond OpenLogi: reflect line-item changes while the shipment is OPEN. */
  reflectItemChanges: boolean;
  shipmentKey: ShipmentKeyKind;
  /** Location GID OpenLogi ships from; null = every location. */
  locationId: string | null;
  paused: boolean;
}

export type ShipmentKeyKind = "name" | "number" | "id";

/**
 * What happened in Shopify, by webhook topic. Edits and updates are decided alike (items
 * change by an edit, and by a refund that restocks, which comes as an update); only an edit
 * can add a line, which matters for lines without a SKU.
 */
export type SyncEvent = "cancelled" | "edited" | "updated";

/** One row of SPEC.md's tables, as a stable code (history and i18n key). */
export const OUTCOME_CODES = [
  "deleted",
  "cancel_requested",
  "not_synced_confirmed",
  "not_cancellable_packed",
  "already_requested",
  "no_shipment",
  "no_change",
  "updated",
  "modify_requested",
  "not_reflected_confirmed",
  "not_reflected_packed",
  "request_pending",
  "order_cancelled",
  "not_openlogi_order",
  "missing_sku",
  "reflect_disabled",
  "paused",
  /** The address cannot make a valid OpenLogi recipient (e.g. unknown prefecture): nothing sent. */
  "invalid_recipient",
  /** A cancellation event for an order Shopify does not show as cancelled: nothing is deleted. */
  "order_not_cancelled",
  /** Only items differ and the merchant chose not to reflect item changes. */
  "items_not_reflected",
  /** Items changed on a cash-on-delivery shipment whose new amount cannot be made exact: nothing sent. */
  "cash_on_delivery_unresolved",
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Why `decideSync` chose to do nothing. */
export type NoopOutcome = Exclude<
  OutcomeCode,
  "deleted" | "cancel_requested" | "updated" | "modify_requested"
>;

/** Warnings and calls to action that accompany a decision. */
export const NOTICE_CODES = [
  /** CONFIRMED, email changed: the modify request has no email field. */
  "email_not_changeable_after_confirmation",
  /** CONFIRMED, items changed: a modify request cannot change items. */
  "items_changed_after_picking",
  /** Items were removed but the shipment still holds them (packed, or not reflected): they may ship. */
  "removed_items_may_ship",
  /** Items were added but the shipment does not hold them (not reflected): they will not ship. */
  "added_items_not_shipped",
  /** PACKED cancellation: ask the recipient to refuse delivery. */
  "ask_recipient_to_refuse",
  /** Recipient name longer than OpenLogi's 15 characters: OpenLogi cuts it. */
  "name_truncated",
  "company_truncated",
  "address_truncated",
  /** The order's phone cannot be an OpenLogi phone: not sent, the shipment keeps its own. */
  "phone_not_converted",
  "prefecture_unknown",
  /** Several shipments for one order: items are not redistributed between them. */
  "items_not_reconciled_multiple_shipments",
  /** Nothing is left to ship from the OpenLogi location; the shipment's items were left as they are. */
  "no_items_left_at_location",
  /** A line the order always had has no SKU: it was never in the shipment and is not compared. */
  "line_without_sku_not_compared",
  /** A shipment's item code is no SKU of the order: items cannot be compared (Action required after an edit). */
  "item_codes_not_skus",
  /** Items changed on a cash-on-delivery shipment and the amount to collect cannot be made exact. */
  "cash_on_delivery_amount_unresolved",
  /** After confirmation, what the customer owes changed: the carrier would collect the old amount. */
  "cash_on_delivery_amount_changed",
  /** Delivery-note amounts that could not be taken from the order exactly were left as they were. */
  "amounts_not_updated",
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export interface Notice {
  code: NoticeCode;
  /** True when staff must act (SPEC.md "Action required"). */
  actionRequired: boolean;
  /** Values for the message template, e.g. { sku: "ABC", field: "name" }. */
  params?: Record<string, string | number>;
}

/** A field the order changed, for the history and the modification ledger. */
export interface FieldChange {
  field: "recipient" | "shipping_email" | "items" | "cash_on_delivery";
  before: unknown;
  after: unknown;
}

/**
 * What to do with one shipment. Exhaustive: the shell `switch`es on `kind` with
 * a `never` check, so a new kind does not compile until it is handled.
 */
export type SyncDecision =
  | { kind: "delete"; outcome: "deleted"; notices: Notice[] }
  | {
      kind: "update";
      outcome: "updated";
      /** The whole shipment request, changed only where the order changed. */
      body: ShipmentUpdateBody;
      changes: FieldChange[];
      notices: Notice[];
    }
  | { kind: "billableCancelRequest"; outcome: "cancel_requested"; notices: Notice[] }
  | {
      kind: "billableModifyRequest";
      outcome: "modify_requested";
      body: ModifyShipmentWireBody;
      changes: FieldChange[];
      /** Stable fingerprint of the change; the ledger pairs it with the order version. */
      changeKey: string;
      notices: Notice[];
    }
  | {
      kind: "none";
      outcome: NoopOutcome;
      changes: FieldChange[];
      notices: Notice[];
      /** Extra detail, e.g. the SKU-less item for "missing_sku". */
      params?: Record<string, string | number>;
    };

export type SyncDecisionKind = SyncDecision["kind"];

/** Everything `decideSync` needs for one shipment of one order. */
export interface SyncInput {
  event: SyncEvent;
  order: OrderSnapshot;
  /** null when no shipment matched the order's key. */
  shipment: ShipmentSnapshot | null;
  /** The order's other shipments: items are compared over all of them, never redistributed. */
  siblings: ShipmentSnapshot[];
  /** Numeric ids of the order lines that order edits added: only these can be "added without SKU". */
  addedLineItemIds: ReadonlySet<string>;
  settings: SyncSettings;
}
