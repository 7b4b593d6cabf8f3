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
/**
 * What `POST /shipments/{id}/modify` really takes: the JSON schema requires `identifier`
 * and `items` although the generated {@link ModifyShipmentRequestBody} lists neither.
 * `decideSync` always returns a body of this shape (the shipment's current identifier
 * and items, unchanged).
 */
export type ModifyShipmentWireBody = ModifyShipmentRequestBody & {
  identifier: string | null;
  items: ShipmentItemRequest[];
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

export interface FulfillmentOrderLineSnapshot {
  /** The variant's SKU at order time; null or "" when the merchant set none. */
  sku: string | null;
  title: string;
  remainingQuantity: number;
}

export interface FulfillmentOrderSnapshot {
  id: string;
  status: FulfillmentOrderStatus;
  /** Location GID the fulfillment order is assigned to. */
  locationId: string | null;
  lineItems: FulfillmentOrderLineSnapshot[];
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
  cancelledAt: string | null;
  email: string | null;
  shippingAddress: MailingAddressSnapshot | null;
  fulfillmentOrders: FulfillmentOrderSnapshot[];
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

/** What happened in Shopify. `changed` covers `orders/edited` and `orders/updated`. */
export type SyncEvent = "cancelled" | "changed";

/** One row of SPEC.md's tables, as a stable code (history and i18n key). */
export type OutcomeCode =
  | "deleted"
  | "cancel_requested"
  | "not_synced_confirmed"
  | "not_cancellable_packed"
  | "already_requested"
  | "no_shipment"
  | "no_change"
  | "updated"
  | "modify_requested"
  | "not_reflected_confirmed"
  | "not_reflected_packed"
  | "request_pending"
  | "order_cancelled"
  | "not_openlogi_order"
  | "missing_sku"
  | "reflect_disabled"
  | "paused"
  /** The address cannot make a valid OpenLogi recipient (e.g. unknown prefecture): nothing sent. */
  | "invalid_recipient";

/** Why `decideSync` chose to do nothing. */
export type NoopOutcome = Exclude<
  OutcomeCode,
  "deleted" | "cancel_requested" | "updated" | "modify_requested"
>;

/** Warnings and calls to action that accompany a decision. */
export type NoticeCode =
  /** CONFIRMED, email changed: the modify request has no email field. */
  | "email_not_changeable_after_confirmation"
  /** CONFIRMED, items changed: a modify request cannot change items. */
  | "items_changed_after_picking"
  /** PACKED, items removed: they may ship. */
  | "removed_items_may_ship"
  /** PACKED cancellation: ask the recipient to refuse delivery. */
  | "ask_recipient_to_refuse"
  /** Recipient name longer than OpenLogi's 15 characters: OpenLogi cuts it. */
  | "name_truncated"
  | "company_truncated"
  | "address_truncated"
  /** Phone not a domestic 10-13 digit number: left out. */
  | "phone_dropped"
  | "prefecture_unknown"
  /** Several shipments for one order: items are not redistributed between them. */
  | "items_not_reconciled_multiple_shipments"
  /** Nothing is left to ship from the OpenLogi location; the shipment's items were left as they are. */
  | "no_items_left_at_location";

export interface Notice {
  code: NoticeCode;
  /** True when staff must act (SPEC.md "Action required"). */
  actionRequired: boolean;
  /** Values for the message template, e.g. { sku: "ABC", field: "name" }. */
  params?: Record<string, string | number>;
}

/** A field the order changed, for the history and the modification ledger. */
export interface FieldChange {
  field: "recipient" | "shipping_email" | "items";
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
      body: ShipmentRequestBody;
      changes: FieldChange[];
      notices: Notice[];
    }
  | { kind: "billableCancelRequest"; outcome: "cancel_requested"; notices: Notice[] }
  | {
      kind: "billableModifyRequest";
      outcome: "modify_requested";
      body: ModifyShipmentRequestBody;
      changes: FieldChange[];
      /** Stable fingerprint of the change: one billable request per change, ever. */
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
  /** How many shipments matched this order (item changes are not split across several). */
  shipmentCount: number;
  settings: SyncSettings;
}
