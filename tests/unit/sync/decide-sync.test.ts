import { decideSync } from "../../../app/sync/decide-sync";
import { SHIPMENT_REQUEST_KEYS } from "../../../app/sync/shipment-body";
import {
  SHIPMENT_STATUSES,
  type NoticeCode,
  type OrderSnapshot,
  type OutcomeCode,
  type ShipmentResponse,
  type ShipmentStatus,
  type SyncDecision,
  type SyncDecisionKind,
  type SyncEvent,
  type SyncInput,
  type SyncSettings,
} from "../../../app/sync/types";
import {
  DEFAULT_LINES,
  OPENLOGI_LOCATION_ID,
  STORE_LOCATION_ID,
  addLine,
  buildMailingAddress,
  buildOrderSnapshot,
  buildShipmentSnapshot,
  codShipment,
  fulfilAll,
  removeUnits,
} from "../../doubles/build-order-snapshot";

/** SPEC.md's defaults, with the OpenLogi location chosen. */
function settingsWith(overrides: Partial<SyncSettings> = {}): SyncSettings {
  return {
    reflectChanges: true,
    cancelAfterConfirmation: false,
    modifyAfterConfirmation: false,
    reflectItemChanges: true,
    shipmentKey: "name",
    locationId: OPENLOGI_LOCATION_ID,
    paused: false,
    ...overrides,
  };
}

/** What happened to the order, relative to the shipment the doubles build. */
type Difference =
  | "none"
  | "address"
  | "email"
  | "items added"
  | "items removed"
  | "address and items"
  | "added item without sku"
  | "original line without sku"
  | "address, with an original line without sku"
  | "everything left the location"
  | "fulfilled"
  | "returned after shipping"
  | "unknown prefecture"
  | "formatting only"
  | "foreign phone"
  | "address, with a foreign phone"
  | "no email"
  | "pickup line added"
  | "digital line added";

interface Changed {
  order: OrderSnapshot;
  /** Lines the edit added, as the stored orders/edited payloads name them. */
  added?: string[];
}

const ADDRESS = { address1: "丸の内1-9-1", address2: null, zip: "100-0005" };

function orderWith(difference: Difference): Changed {
  const base = buildOrderSnapshot();
  switch (difference) {
    case "none":
      return { order: base };
    case "address":
      return { order: { ...base, shippingAddress: buildMailingAddress(ADDRESS) } };
    case "email":
      return { order: { ...base, email: "taro.new@example.com" } };
    case "items added": {
      const { order, lineItemId } = addLine(base, { sku: "CAP-BLACK", title: "キャップ ブラック", quantity: 1, unitPrice: 2500 });
      return { order, added: [lineItemId] };
    }
    case "items removed":
      return { order: removeUnits(base, "TSHIRT-NAVY-M", 1) };
    case "address and items":
      return { order: { ...removeUnits(base, "TSHIRT-NAVY-M", 1), shippingAddress: buildMailingAddress(ADDRESS) } };
    case "added item without sku": {
      const { order, lineItemId } = addLine(base, { sku: null, title: "手書きメッセージカード", quantity: 1, unitPrice: 300 });
      return { order, added: [lineItemId] };
    }
    case "original line without sku":
      return { order: buildOrderSnapshot({ lines: [...DEFAULT_LINES, { sku: null, title: "ギフト包装", quantity: 1, unitPrice: 300 }] }) };
    case "address, with an original line without sku":
      return { order: { ...orderWith("original line without sku").order, shippingAddress: buildMailingAddress(ADDRESS) } };
    case "everything left the location": {
      // An edit takes out everything the warehouse held and adds an item the store ships.
      const { order, lineItemId } = addLine(removeUnits(removeUnits(base, "TSHIRT-NAVY-M", 1), "MUG-WHITE", 2), {
        sku: "CAP-BLACK", title: "キャップ", quantity: 1, locationId: STORE_LOCATION_ID,
      });
      return { order, added: [lineItemId] };
    }
    case "fulfilled":
      return { order: fulfilAll(base) };
    case "returned after shipping": {
      // The customer sent the mugs back and was refunded: currentQuantity leaves refunds out.
      const shipped = fulfilAll(base);
      return { order: { ...shipped, lineItems: shipped.lineItems.map((l) => (l.sku === "MUG-WHITE" ? { ...l, currentQuantity: 0 } : l)) } };
    }
    case "unknown prefecture":
      return { order: { ...base, shippingAddress: buildMailingAddress({ province: "Atlantis", provinceCode: null, address1: "丸の内1-9-1" }) } };
    case "formatting only":
      return {
        order: {
          ...base,
          email: "Taro.Yamada@Example.com",
          shippingAddress: buildMailingAddress({ zip: "１０００００１", phone: "09012345678", address2: "千代田ビル　3F" }),
        },
      };
    case "foreign phone":
      return { order: { ...base, shippingAddress: buildMailingAddress({ phone: "+1 415-555-0100" }) } };
    case "address, with a foreign phone":
      return { order: { ...base, shippingAddress: buildMailingAddress({ ...ADDRESS, phone: "+1 415-555-0100" }) } };
    case "no email":
      return { order: { ...base, email: null } };
    case "pickup line added":
      return { order: addLine(base, { sku: "CAP-BLACK", title: "キャップ", quantity: 1, deliveryMethod: "PICK_UP" }).order };
    case "digital line added":
      return {
        order: addLine(base, { sku: "EBOOK-01", title: "電子書籍", quantity: 1, requiresShipping: false, deliveryMethod: "NONE" }).order,
      };
    default: {
      const unhandled: never = difference;
      throw new Error(String(unhandled));
    }
  }
}

interface Row {
  name: string;
  event: SyncEvent;
  /** null: no shipment matched the order. */
  status: ShipmentStatus | null;
  settings?: Partial<SyncSettings>;
  difference?: Difference;
  order?: Partial<OrderSnapshot>;
  /** The order's other shipments, by status. */
  siblings?: ShipmentStatus[];
  /** Overrides of the shipment's raw fields. */
  shipment?: Partial<ShipmentResponse>;
  kind: SyncDecisionKind;
  outcome: OutcomeCode;
  notices?: NoticeCode[];
  params?: Record<string, string | number>;
}

function inputFor(row: Pick<Row, "event" | "status" | "settings" | "difference" | "order" | "siblings" | "shipment">): SyncInput {
  const changed = orderWith(row.difference ?? "none");
  return {
    event: row.event,
    order: { ...changed.order, ...row.order },
    shipment: row.status === null ? null : buildShipmentSnapshot(row.status, { raw: row.shipment }),
    siblings: (row.siblings ?? []).map((status, i) => buildShipmentSnapshot(status, { id: `TS001-S00090${i}`, raw: { items: [] } })),
    addedLineItemIds: new Set((changed.added ?? []).map((gid) => gid.split("/").at(-1)!)),
    settings: settingsWith(row.settings),
  };
}

const OPEN_STATUSES = ["backordered", "waiting", "allocating"] as const;
const CONFIRMED_STATUSES = ["picking", "picked", "working"] as const;
const PACKED_STATUSES = ["packed", "shipped"] as const;
const BEFORE_CONFIRMATION = [...OPEN_STATUSES, "suspended"] as const;
const CANCELLED = { cancelledAt: "2025-07-01T10:00:00Z" };

const cancellationRows: Row[] = [
  ...BEFORE_CONFIRMATION.map((status): Row => ({
    name: `deletes the shipment when the order is cancelled and the shipment is ${status}`,
    event: "cancelled", status, order: CANCELLED, kind: "delete", outcome: "deleted",
  })),
  {
    name: "deletes a waiting shipment even when every reflect and billable setting is off",
    event: "cancelled", status: "waiting", order: CANCELLED,
    settings: { reflectChanges: false, reflectItemChanges: false, cancelAfterConfirmation: false, modifyAfterConfirmation: false },
    kind: "delete", outcome: "deleted",
  },
  ...CONFIRMED_STATUSES.flatMap((status): Row[] => [
    {
      name: `requests a billable cancel when the shipment is ${status} and billable cancels are on`,
      event: "cancelled", status, order: CANCELLED, settings: { cancelAfterConfirmation: true },
      kind: "billableCancelRequest", outcome: "cancel_requested",
    },
    {
      name: `sends nothing and names the setting when the shipment is ${status} and billable cancels are off`,
      event: "cancelled", status, order: CANCELLED, settings: { cancelAfterConfirmation: false },
      kind: "none", outcome: "not_synced_confirmed", params: { setting: "cancelAfterConfirmation" },
    },
  ]),
  {
    name: "does not let the billable modify setting send a cancel request for a picking shipment",
    event: "cancelled", status: "picking", order: CANCELLED, settings: { modifyAfterConfirmation: true },
    kind: "none", outcome: "not_synced_confirmed", params: { setting: "cancelAfterConfirmation" },
  },
  ...PACKED_STATUSES.flatMap((status): Row[] => [
    {
      name: `asks staff to have the recipient refuse delivery when the shipment is ${status}`,
      event: "cancelled", status, order: CANCELLED, kind: "none", outcome: "not_cancellable_packed", notices: ["ask_recipient_to_refuse"],
    },
    {
      name: `sends no cancel request for a ${status} shipment even when billable cancels are on`,
      event: "cancelled", status, order: CANCELLED, settings: { cancelAfterConfirmation: true },
      kind: "none", outcome: "not_cancellable_packed", notices: ["ask_recipient_to_refuse"],
    },
  ]),
  ...[true, false].map((on): Row => ({
    name: `records already requested when a cancel request is pending and billable cancels are ${on ? "on" : "off"}`,
    event: "cancelled", status: "cancel_request", order: CANCELLED, settings: { cancelAfterConfirmation: on },
    kind: "none", outcome: "already_requested",
  })),
  {
    name: "requests a billable cancel when a modify request is pending and billable cancels are on",
    event: "cancelled", status: "modify_request", order: CANCELLED, settings: { cancelAfterConfirmation: true },
    kind: "billableCancelRequest", outcome: "cancel_requested",
  },
  {
    name: "sends nothing when a modify request is pending and billable cancels are off",
    event: "cancelled", status: "modify_request", order: CANCELLED,
    kind: "none", outcome: "not_synced_confirmed", params: { setting: "cancelAfterConfirmation" },
  },
  {
    name: "records no shipment when no OpenLogi shipment matches the cancelled order",
    event: "cancelled", status: null, order: CANCELLED, kind: "none", outcome: "no_shipment",
  },
  {
    name: "records paused and deletes nothing when sync is paused",
    event: "cancelled", status: "waiting", order: CANCELLED, settings: { paused: true }, kind: "none", outcome: "paused",
  },
  {
    name: "records not an OpenLogi order when nothing of the cancelled order is at the OpenLogi location",
    event: "cancelled", status: "waiting", order: { ...CANCELLED, ...buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 1, locationId: STORE_LOCATION_ID }] }) },
    kind: "none", outcome: "not_openlogi_order",
  },
  {
    name: "still deletes when the cancelled order's fulfillment orders at the location are cancelled",
    event: "cancelled", status: "backordered",
    order: { ...CANCELLED, fulfillmentOrders: buildOrderSnapshot().fulfillmentOrders.map((fo) => ({ ...fo, status: "CANCELLED" as const })) },
    kind: "delete", outcome: "deleted",
  },
  {
    name: "deletes nothing when Shopify does not show the order as cancelled, whatever the webhook said",
    event: "cancelled", status: "waiting", kind: "none", outcome: "order_not_cancelled",
  },
  {
    name: "sends no billable cancel when Shopify does not show the order as cancelled",
    event: "cancelled", status: "picking", settings: { cancelAfterConfirmation: true }, kind: "none", outcome: "order_not_cancelled",
  },
];

const beforeConfirmationRows: Row[] = BEFORE_CONFIRMATION.flatMap((status): Row[] => [
  {
    name: `records no change when nothing differs and the shipment is ${status}`,
    event: "updated", status, kind: "none", outcome: "no_change",
  },
  {
    name: `updates the shipment when the address changed and the shipment is ${status}`,
    event: "updated", status, difference: "address", kind: "update", outcome: "updated",
  },
  {
    name: `updates the shipment when the email changed and the shipment is ${status}`,
    event: "updated", status, difference: "email", kind: "update", outcome: "updated",
  },
  {
    name: `updates the shipment when an edit added items and the shipment is ${status}`,
    event: "edited", status, difference: "items added", kind: "update", outcome: "updated",
  },
  {
    name: `updates the shipment when an edit removed items and the shipment is ${status}`,
    event: "edited", status, difference: "items removed", kind: "update", outcome: "updated",
  },
  {
    name: `records no change when Shopify recorded a fulfilment and the shipment is ${status}`,
    event: "updated", status, difference: "fulfilled", kind: "none", outcome: "no_change",
  },
]);

const openEdgeRows: Row[] = [
  {
    name: "records no change when only the formatting of postcode, phone, spacing and email case differs",
    event: "updated", status: "waiting", difference: "formatting only", kind: "none", outcome: "no_change",
  },
  {
    name: "records no change when the order's phone is foreign and cannot be an OpenLogi phone",
    event: "updated", status: "waiting", difference: "foreign phone", kind: "none", outcome: "no_change",
  },
  {
    name: "records no change when the order has no email",
    event: "updated", status: "waiting", difference: "no email", kind: "none", outcome: "no_change",
  },
  {
    name: "does not give an email to a shipment made without one",
    event: "updated", status: "waiting", difference: "email", shipment: { shipping_email: null },
    kind: "none", outcome: "no_change",
  },
  {
    name: "records no change when an edit added a line for store pickup, even with every location chosen",
    event: "edited", status: "waiting", difference: "pickup line added", settings: { locationId: null }, kind: "none", outcome: "no_change",
  },
  {
    name: "records no change when an edit added a line that needs no shipping",
    event: "edited", status: "waiting", difference: "digital line added", settings: { locationId: null }, kind: "none", outcome: "no_change",
  },
  {
    name: "records reflect disabled when a customer-detail change is not reflected",
    event: "updated", status: "waiting", difference: "address", settings: { reflectChanges: false },
    kind: "none", outcome: "reflect_disabled",
  },
  {
    name: "warns that refunded items may ship when order changes are not reflected (a refund comes as an update)",
    event: "updated", status: "waiting", difference: "items removed", settings: { reflectChanges: false },
    kind: "none", outcome: "reflect_disabled", notices: ["removed_items_may_ship"],
  },
  {
    name: "warns that removed items may ship when an edit is not reflected",
    event: "edited", status: "waiting", difference: "items removed", settings: { reflectChanges: false },
    kind: "none", outcome: "reflect_disabled", notices: ["removed_items_may_ship"],
  },
  {
    name: "warns that removed items may ship when line-item changes are not reflected",
    event: "edited", status: "waiting", difference: "items removed", settings: { reflectItemChanges: false },
    kind: "none", outcome: "items_not_reflected", notices: ["removed_items_may_ship"],
  },
  {
    name: "warns that added items will not ship when line-item changes are not reflected",
    event: "edited", status: "waiting", difference: "items added", settings: { reflectItemChanges: false },
    kind: "none", outcome: "items_not_reflected", notices: ["added_items_not_shipped"],
  },
  {
    name: "still updates the address, and warns, when line-item changes are not reflected",
    event: "edited", status: "waiting", difference: "address and items", settings: { reflectItemChanges: false },
    kind: "update", outcome: "updated", notices: ["removed_items_may_ship"],
  },
  {
    name: "changes nothing and names the item when an edit added an item without a SKU",
    event: "edited", status: "waiting", difference: "added item without sku",
    kind: "none", outcome: "missing_sku", params: { titles: "手書きメッセージカード", count: 1 },
  },
  {
    name: "records no change for a line without a SKU the order always had",
    event: "updated", status: "waiting", difference: "original line without sku", kind: "none", outcome: "no_change",
  },
  {
    name: "updates the address of an order with a line without a SKU it always had, and says the line is not compared",
    event: "updated", status: "waiting", difference: "address, with an original line without sku",
    kind: "update", outcome: "updated", notices: ["line_without_sku_not_compared"],
  },
  {
    name: "leaves the items and calls for action when nothing is left to ship from the location",
    event: "edited", status: "waiting", difference: "everything left the location",
    kind: "none", outcome: "no_change", notices: ["no_items_left_at_location"],
  },
  {
    name: "refuses to send a recipient whose prefecture is unknown",
    event: "updated", status: "waiting", difference: "unknown prefecture",
    kind: "none", outcome: "invalid_recipient", notices: ["prefecture_unknown"], params: { fields: "prefecture" },
  },
  {
    name: "flags items but changes nothing when one of several shipments differs only in items",
    event: "edited", status: "waiting", difference: "items removed", siblings: ["waiting"],
    kind: "none", outcome: "no_change", notices: ["items_not_reconciled_multiple_shipments"],
  },
  {
    name: "updates the recipient but not the items when one of several shipments differs in both",
    event: "edited", status: "waiting", difference: "address and items", siblings: ["waiting"],
    kind: "update", outcome: "updated", notices: ["items_not_reconciled_multiple_shipments"],
  },
  {
    name: "records no change for one of several shipments that together hold the order",
    event: "updated", status: "waiting", siblings: ["waiting"], kind: "none", outcome: "no_change",
  },
  {
    name: "records order cancelled for a change to a cancelled order",
    event: "updated", status: "waiting", difference: "address", order: CANCELLED,
    kind: "none", outcome: "order_cancelled",
  },
  {
    name: "records order cancelled for a change after the shipment was already deleted",
    event: "edited", status: null, difference: "address", order: CANCELLED,
    kind: "none", outcome: "order_cancelled",
  },
  {
    name: "records no shipment when no OpenLogi shipment matches the changed order",
    event: "updated", status: null, difference: "address", kind: "none", outcome: "no_shipment",
  },
  {
    name: "records paused and updates nothing when sync is paused",
    event: "updated", status: "waiting", difference: "address", settings: { paused: true },
    kind: "none", outcome: "paused",
  },
  {
    name: "records not an OpenLogi order when the order is for local pickup elsewhere",
    event: "updated", status: null, difference: "address",
    order: buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 1, locationId: STORE_LOCATION_ID }] }),
    kind: "none", outcome: "not_openlogi_order",
  },
  {
    name: "records not an OpenLogi order when everything is picked up in store, whatever the location setting",
    event: "updated", status: null, settings: { locationId: null },
    order: buildOrderSnapshot({ lines: [{ sku: "MUG-WHITE", title: "マグ", quantity: 1, deliveryMethod: "PICK_UP" }] }),
    kind: "none", outcome: "not_openlogi_order",
  },
  {
    name: "treats every location as OpenLogi's when no location is chosen",
    event: "updated", status: "waiting", difference: "address", settings: { locationId: null },
    kind: "update", outcome: "updated",
  },
  {
    name: "changes nothing and calls for action when the amount a cash-on-delivery carrier collects cannot be made exact",
    event: "edited", status: "waiting", difference: "items removed", shipment: { cash_on_delivery: true, total_for_cash_on_delivery: 6980 },
    kind: "none", outcome: "cash_on_delivery_unresolved", notices: ["cash_on_delivery_amount_unresolved"],
  },
  {
    name: "adds no SKU the shipment holds under the merchant's own code when an unrelated update arrives",
    event: "updated", status: "waiting",
    shipment: { items: [{ id: "TS001-I1", code: "TSHIRT-NAVY-M", quantity: 1 }, { id: "TS001-I2", code: "OL-MUG-01", quantity: 2 }] },
    kind: "none", outcome: "no_change",
  },
  {
    name: "raises no false alarm after picking began for a shipment holding the merchant's own codes",
    event: "updated", status: "picking", settings: { modifyAfterConfirmation: true },
    shipment: { items: [{ id: "TS001-I1", code: "TSHIRT-NAVY-M", quantity: 1 }, { id: "TS001-I2", code: "OL-MUG-01", quantity: 2 }] },
    kind: "none", outcome: "no_change",
  },
  {
    name: "says the items are not compared when none of the shipment's codes is a SKU of the order",
    event: "edited", status: "waiting", difference: "items removed",
    shipment: { items: [{ id: "TS001-I9", code: "OL-00001", quantity: 1 }, { id: "TS001-I10", code: "OL-00002", quantity: 2 }] },
    kind: "none", outcome: "no_change", notices: ["item_codes_not_skus"],
  },
];

const afterConfirmationRows: Row[] = [
  ...CONFIRMED_STATUSES.flatMap((status): Row[] => [
    {
      name: `requests a billable modification when the address changed, the shipment is ${status} and billable modifies are on`,
      event: "updated", status, difference: "address", settings: { modifyAfterConfirmation: true },
      kind: "billableModifyRequest", outcome: "modify_requested",
    },
    {
      name: `does not reflect an address change when the shipment is ${status} and billable modifies are off`,
      event: "updated", status, difference: "address",
      kind: "none", outcome: "not_reflected_confirmed", params: { setting: "modifyAfterConfirmation" },
    },
    {
      name: `records no change when nothing differs and the shipment is ${status}`,
      event: "updated", status, settings: { modifyAfterConfirmation: true }, kind: "none", outcome: "no_change",
    },
    {
      name: `sends no billable modification for a foreign phone when the shipment is ${status}`,
      event: "updated", status, difference: "foreign phone", settings: { modifyAfterConfirmation: true }, kind: "none", outcome: "no_change",
    },
    {
      name: `sends no billable modification and no warning for a line without a SKU the order always had when the shipment is ${status}`,
      event: "updated", status, difference: "original line without sku", settings: { modifyAfterConfirmation: true },
      kind: "none", outcome: "no_change",
    },
  ]),
  ...[true, false].map((on): Row => ({
    name: `explains that the email cannot change after confirmation when billable modifies are ${on ? "on" : "off"}`,
    event: "updated", status: "picking", difference: "email", settings: { modifyAfterConfirmation: on },
    kind: "none", outcome: "not_reflected_confirmed", notices: ["email_not_changeable_after_confirmation"],
  })),
  ...[true, false].map((on): Row => ({
    name: `calls for action when items changed after picking began and billable modifies are ${on ? "on" : "off"}`,
    event: "edited", status: "picked", difference: "items removed", settings: { modifyAfterConfirmation: on },
    kind: "none", outcome: "not_reflected_confirmed", notices: ["items_changed_after_picking"],
  })),
  {
    name: "still requests the recipient modification when items also changed after picking began",
    event: "edited", status: "picking", difference: "address and items", settings: { modifyAfterConfirmation: true },
    kind: "billableModifyRequest", outcome: "modify_requested", notices: ["items_changed_after_picking"],
  },
  {
    name: "refuses a billable modification whose recipient has an unknown prefecture",
    event: "updated", status: "picking", difference: "unknown prefecture", settings: { modifyAfterConfirmation: true },
    kind: "none", outcome: "invalid_recipient", notices: ["prefecture_unknown"], params: { fields: "prefecture" },
  },
  {
    name: "calls for action about items after picking even when line-item changes are not reflected",
    event: "edited", status: "picking", difference: "items removed", settings: { reflectItemChanges: false },
    kind: "none", outcome: "not_reflected_confirmed", notices: ["items_changed_after_picking"],
  },
  {
    name: "calls for action about items after picking even when order changes are not reflected",
    event: "edited", status: "picking", difference: "items removed", settings: { reflectChanges: false },
    kind: "none", outcome: "reflect_disabled", notices: ["items_changed_after_picking"],
  },
  {
    name: "sends no billable modification when order changes are not reflected",
    event: "updated", status: "picking", difference: "address",
    settings: { reflectChanges: false, modifyAfterConfirmation: true },
    kind: "none", outcome: "reflect_disabled",
  },
  {
    name: "calls for action about an added item without a SKU after picking began",
    event: "edited", status: "picking", difference: "added item without sku",
    kind: "none", outcome: "not_reflected_confirmed", notices: ["items_changed_after_picking"],
  },
  {
    name: "requests the recipient modification for one of several shipments and flags the items",
    event: "edited", status: "picking", difference: "address and items", siblings: ["waiting"],
    settings: { modifyAfterConfirmation: true },
    kind: "billableModifyRequest", outcome: "modify_requested", notices: ["items_changed_after_picking"],
  },
  ...PACKED_STATUSES.flatMap((status): Row[] => [
    {
      name: `does not reflect an address change when the shipment is ${status}`,
      event: "updated", status, difference: "address", settings: { modifyAfterConfirmation: true },
      kind: "none", outcome: "not_reflected_packed",
    },
    {
      name: `calls for action when items were removed and the shipment is ${status}`,
      event: "edited", status, difference: "items removed",
      kind: "none", outcome: "not_reflected_packed", notices: ["removed_items_may_ship"],
    },
    {
      name: `calls for action when items were removed and the shipment is ${status}, whatever the settings`,
      event: "edited", status, difference: "items removed", settings: { reflectChanges: false, reflectItemChanges: false },
      kind: "none", outcome: "reflect_disabled", notices: ["removed_items_may_ship"],
    },
    {
      name: `does not reflect added items when the shipment is ${status}`,
      event: "edited", status, difference: "items added",
      kind: "none", outcome: "not_reflected_packed",
    },
    {
      name: `records no change when nothing differs and the shipment is ${status}`,
      event: "updated", status, kind: "none", outcome: "no_change",
    },
    {
      name: `records no change, and no false alarm, when the ${status} shipment's fulfillment order closes`,
      event: "updated", status, difference: "fulfilled", kind: "none", outcome: "no_change",
    },
    {
      name: `records no change, and no false alarm, when items of the ${status} shipment are returned and refunded`,
      event: "updated", status, difference: "returned after shipping", kind: "none", outcome: "no_change",
    },
  ]),
  ...(["cancel_request", "modify_request"] as const).flatMap((status): Row[] => [
    {
      name: `records a pending request when the address changed and the shipment is ${status}`,
      event: "updated", status, difference: "address", settings: { modifyAfterConfirmation: true },
      kind: "none", outcome: "request_pending",
    },
    {
      name: `records no change when nothing differs and the shipment is ${status}`,
      event: "updated", status, kind: "none", outcome: "no_change",
    },
  ]),
];

describe("decideSync", () => {
  it.each([...cancellationRows, ...beforeConfirmationRows, ...openEdgeRows, ...afterConfirmationRows])(
    "$name",
    (row) => {
      const decision = decideSync(inputFor(row));
      expect(decision.kind).toBe(row.kind);
      expect(decision.outcome).toBe(row.outcome);
      expect(decision.notices.map((notice) => notice.code)).toEqual(row.notices ?? []);
      if (decision.kind === "none") expect(decision.params).toEqual(row.params);
    },
  );

  it("covers every OpenLogi status for cancellations and for changes", () => {
    const rows = [...cancellationRows, ...beforeConfirmationRows, ...openEdgeRows, ...afterConfirmationRows];
    for (const events of [["cancelled"], ["edited", "updated"]]) {
      const seen = new Set(rows.filter((row) => events.includes(row.event)).map((row) => row.status));
      expect(SHIPMENT_STATUSES.filter((status) => !seen.has(status))).toEqual([]);
    }
  });

  it("never sends a billable request while both billable settings are off", () => {
    const differences: Difference[] = ["none", "address", "email", "items added", "items removed", "address and items"];
    for (const status of SHIPMENT_STATUSES) {
      for (const event of ["cancelled", "edited", "updated"] as const) {
        for (const difference of differences) {
          const { kind } = decideSync(inputFor({ event, status, difference, order: event === "cancelled" ? CANCELLED : {} }));
          expect(kind, `${event} / ${status} / ${difference}`).not.toMatch(/^billable/);
        }
      }
    }
  });

  it("raises no Action required on a picking shipment when an edit removed what another shipment holds", () => {
    const picking = buildShipmentSnapshot("picking");
    const own = { ...picking, raw: { ...picking.raw, items: picking.raw.items!.filter((i) => i.code === "TSHIRT-NAVY-M") } };
    const waiting = buildShipmentSnapshot("waiting", { id: "TS001-S000124" });
    const sibling = { ...waiting, raw: { ...waiting.raw, items: waiting.raw.items!.filter((i) => i.code === "MUG-WHITE") } };
    const order = removeUnits(buildOrderSnapshot(), "MUG-WHITE", 1);
    const decision = decideSync({ event: "edited", order, shipment: own, siblings: [sibling], addedLineItemIds: new Set(), settings: settingsWith() });
    expect(decision).toMatchObject({ outcome: "no_change", notices: [] });
    // AND the shipment holding the mugs is told to check its items
    const theirs = decideSync({ event: "edited", order, shipment: sibling, siblings: [own], addedLineItemIds: new Set(), settings: settingsWith() });
    expect(theirs.notices.map((n) => n.code)).toEqual(["items_not_reconciled_multiple_shipments"]);
  });

  it("never finds a difference, in any status or setting, when only Shopify's fulfilment moved on", () => {
    for (const status of SHIPMENT_STATUSES) {
      for (const reflectItemChanges of [true, false]) {
        const decision = decideSync(inputFor({ event: "updated", status, difference: "fulfilled", settings: { reflectItemChanges, modifyAfterConfirmation: true } }));
        expect([decision.outcome, decision.notices], status).toEqual(["no_change", []]);
      }
    }
  });
});

/** Every field `ShipmentRequest` accepts, set to something a merchant could have chosen. */
const MERCHANT_FIELDS: Partial<ShipmentResponse> & Record<string, unknown> = {
  identifier: "shopify-450789469",
  order_no: "#1001",
  subtotal_amount: 6980,
  delivery_charge: 550,
  handling_charge: 330,
  discount_amount: 500,
  total_amount: 7360,
  cushioning_unit: "ITEM",
  cushioning_type: "BUBBLE_DOUBLE_PACK",
  gift_wrapping_unit: "ITEM",
  gift_wrapping_type: "RED",
  gift_sender_name: "山田 花子",
  bundled_items: ["FLYER-2025SUMMER"],
  delivery_note_type: "NONE",
  price_on_delivery_note: false,
  message: "お誕生日おめでとうございます",
  suspend: false,
  shipping_date: "2025-07-02",
  tax: 669,
  total_with_normal_tax: 7360,
  total_with_reduced_tax: 0,
  delivery_carrier: "SAGAWA",
  delivery_time_slot: "18",
  delivery_date: "2025-07-05",
  cash_on_delivery: true,
  total_for_cash_on_delivery: 7360,
  tax_for_cash_on_delivery: 669,
  delivery_method: "HOME_BOX",
  delivery_options: { box_delivery: true, fragile_item: true },
  warehouse: "OPL-KANTO",
  delivery_service: "YAMATO-TAKKYUBIN",
  currency_code: "JPY",
  insurance: false,
  purpose: "SALE_OF_GOODS",
  allocate_priority: 10,
  tax_number: "T1234567890123",
  sender: { postcode: "150-0001", prefecture: "東京都", address1: "渋谷区神宮前1-1-1", name: "株式会社サンプル", phone: "03-1234-5678" },
};

/** Fields only responses carry: sending them back would be rejected or meaningless. */
const RESPONSE_ONLY = ["id", "status", "label_note", "assigned_shipping_date", "delivery_day", "tracking_code", "shipped_at", "letter_of_attorney"];

function updateOf(decision: SyncDecision) {
  if (decision.kind !== "update") throw new Error(`expected an update, got ${decision.kind}/${decision.outcome}`);
  return decision;
}

function modifyOf(decision: SyncDecision) {
  if (decision.kind !== "billableModifyRequest") throw new Error(`expected a modify, got ${decision.kind}/${decision.outcome}`);
  return decision;
}

describe("decideSync's PUT body", () => {
  const update = (row: Parameters<typeof inputFor>[0], overrides: Partial<SyncInput> = {}) =>
    updateOf(decideSync({ ...inputFor(row), ...overrides }));

  it("keeps every merchant-set field and changes only the recipient", () => {
    // GIVEN a waiting shipment whose every request field the merchant set in OpenLogi
    const shipment = buildShipmentSnapshot("waiting", {
      raw: { ...MERCHANT_FIELDS, tracking_code: "1234-5678-9012", delivery_day: "2025-07-05" },
    });
    // WHEN the customer's address changes
    const decision = update({ event: "updated", status: "waiting", difference: "address" }, { shipment });
    // THEN every field is sent back as it was, except the recipient
    const body = decision.body as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(MERCHANT_FIELDS)) expect(body[key], key).toEqual(value);
    expect(body.shipping_email).toBe("taro.yamada@example.com");
    expect(body.items).toEqual([
      { code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false },
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false },
    ]);
    expect(decision.body.recipient).toEqual({
      name: "山田 太郎", postcode: "100-0005", prefecture: "東京都", address1: "千代田区丸の内1-9-1", phone: "090-1234-5678",
    });
    expect(decision.changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("sends no response-only field back", () => {
    const shipment = buildShipmentSnapshot("waiting", { raw: { tracking_code: "1234", delivery_day: "2025-07-05", shipped_at: "2025-07-04T10:00:00Z" } });
    const { body } = update({ event: "updated", status: "waiting", difference: "email" }, { shipment });
    for (const key of RESPONSE_ONLY) expect(body, key).not.toHaveProperty(key);
    for (const key of Object.keys(body)) expect(SHIPMENT_REQUEST_KEYS).toContain(key);
    expect(body.items.every((item) => !("id" in item) && !("backordered" in item))).toBe(true);
  });

  it("sends only fields GET returned, plus the ones it changes: no default invented for suspend, cash on delivery or international", () => {
    // GIVEN a shipment whose GET left out the defaulted flags
    const shipment = buildShipmentSnapshot("waiting");
    const { suspend: _s, cash_on_delivery: _c, international: _i, ...raw } = shipment.raw;
    const bare = { ...shipment, raw: raw as typeof shipment.raw };
    // WHEN only the email changes
    const { body } = update({ event: "updated", status: "waiting", difference: "email" }, { shipment: bare });
    // THEN the body holds GET's keys and the email, and none of the three
    for (const key of ["suspend", "cash_on_delivery", "international", "backorder_if_unavailable"]) expect(body, key).not.toHaveProperty(key);
    const returned = new Set([...Object.keys(raw), "shipping_email"]);
    for (const key of Object.keys(body)) expect(returned.has(key), key).toBe(true);
    // AND an address change says whether the new recipient is international, as it changes it
    const moved = update({ event: "updated", status: "waiting", difference: "address" }, { shipment: bare });
    expect(moved.body.international).toBe(false);
  });

  it("changes only the email when only the email changed", () => {
    const { body, changes } = update({ event: "updated", status: "backordered", difference: "email" });
    expect(body.shipping_email).toBe("taro.new@example.com");
    expect(body.recipient).toEqual(buildShipmentSnapshot("backordered").raw.recipient);
    expect(changes).toEqual([{ field: "shipping_email", before: "taro.yamada@example.com", after: "taro.new@example.com" }]);
  });

  it("keeps a shipment made without an email without one when the address changes", () => {
    const shipment = buildShipmentSnapshot("waiting", { raw: { shipping_email: null } });
    const { body, changes } = update({ event: "updated", status: "waiting", difference: "address" }, { shipment });
    expect(body.shipping_email).toBeNull();
    expect(changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("keeps the shipment's phone when the order's is foreign, and says so", () => {
    const decision = update({ event: "updated", status: "waiting", difference: "address, with a foreign phone" });
    expect(decision.body.recipient).toMatchObject({ address1: "千代田区丸の内1-9-1", phone: "090-1234-5678" });
    expect(decision.notices).toEqual([{ code: "phone_not_converted", actionRequired: false, params: { phone: "+1 415-555-0100" } }]);
  });

  it("keeps each remaining item's delivery-note fields, adds the edit's new item at the order's price, and follows the order's amounts", () => {
    const { body, changes } = update({ event: "edited", status: "waiting", difference: "items added" });
    expect(body.items).toEqual([
      { code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false },
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false },
      { code: "CAP-BLACK", name: "キャップ ブラック", quantity: 1, unit_price: 2500, price: 2500, is_reduced_tax: false },
    ]);
    expect(body).toMatchObject({ subtotal_amount: 9480, discount_amount: 0, delivery_charge: 0, total_amount: 9480 });
    expect(changes).toEqual([
      {
        field: "items",
        before: [{ code: "MUG-WHITE", quantity: 2 }, { code: "TSHIRT-NAVY-M", quantity: 1 }],
        after: [{ code: "CAP-BLACK", quantity: 1 }, { code: "MUG-WHITE", quantity: 2 }, { code: "TSHIRT-NAVY-M", quantity: 1 }],
      },
    ]);
  });

  it("drops a removed item, and the subtotal and total fall with it", () => {
    const { body } = update({ event: "edited", status: "waiting", difference: "items removed" });
    expect(body.items).toEqual([
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false },
    ]);
    expect(body).toMatchObject({ subtotal_amount: 3000, total_amount: 3000 });
  });

  it("sets a reduced quantity with the amount for it, never the old one", () => {
    const order = removeUnits(buildOrderSnapshot(), "MUG-WHITE", 1);
    const { body } = update({ event: "edited", status: "waiting" }, { order });
    expect(body.items).toContainEqual({ code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 1, unit_price: 1500, price: 1500, is_reduced_tax: false });
    expect(body).toMatchObject({ subtotal_amount: 5480, total_amount: 5480 });
  });

  it("sets the amount a cash-on-delivery carrier collects to what the customer now owes", () => {
    // GIVEN an unpaid cash-on-delivery order with shipping, and its shipment
    const order = removeUnits(buildOrderSnapshot({ paid: "none", shipping: 550 }), "TSHIRT-NAVY-M", 1);
    const shipment = codShipment("waiting", { raw: { total_for_cash_on_delivery: 7530, delivery_charge: 550, total_amount: 7530 } });
    // WHEN the T-shirt is removed
    const { body } = update({ event: "edited", status: "waiting" }, { order, shipment });
    // THEN the carrier collects the new total, with its tax, and the delivery note agrees
    expect(body).toMatchObject({
      cash_on_delivery: true,
      total_for_cash_on_delivery: 3550,
      tax_for_cash_on_delivery: 272,
      subtotal_amount: 3000,
      delivery_charge: 550,
      total_amount: 3550,
    });
    expect(order.amounts).toMatchObject({ total: 3550, outstanding: 3550, tax: 272 });
  });

  it("follows a discount that lowered what the customer owes, though no item changed", () => {
    const order = buildOrderSnapshot({ paid: "none" });
    const discounted = { ...order, amounts: { ...order.amounts, discounts: 500, total: 6480, outstanding: 6480 } };
    const decision = update({ event: "edited", status: "waiting" }, { order: discounted, shipment: codShipment("waiting") });
    expect(decision.body).toMatchObject({ total_for_cash_on_delivery: 6480, discount_amount: 500, total_amount: 6480 });
    expect(decision.changes).toEqual([{ field: "cash_on_delivery", before: 6980, after: 6480 }]);
  });

  it("asks staff to act when what the customer owes changed after picking began", () => {
    const order = buildOrderSnapshot({ paid: "none" });
    const discounted = { ...order, amounts: { ...order.amounts, discounts: 500, total: 6480, outstanding: 6480 } };
    const decision = decideSync({ ...inputFor({ event: "edited", status: "picking" }), order: discounted, shipment: codShipment("picking") });
    expect(decision).toMatchObject({ kind: "none", outcome: "not_reflected_confirmed" });
    expect(decision.notices).toEqual([
      { code: "cash_on_delivery_amount_changed", actionRequired: true, params: { collected: 6980, owed: 6480 } },
    ]);
  });

  it.each<[string, () => SyncInput]>([
    ["part of the order is already paid", () => {
      const order = removeUnits(buildOrderSnapshot({ paid: "full" }), "TSHIRT-NAVY-M", 1);
      return { ...inputFor({ event: "edited", status: "waiting" }), order, shipment: codShipment("waiting") };
    }],
    ["part of the order ships from a store", () => ({
      ...inputFor({ event: "edited", status: "waiting" }),
      order: removeUnits(
        buildOrderSnapshot({ paid: "none", lines: [...DEFAULT_LINES, { sku: "CAP-BLACK", title: "キャップ", quantity: 1, locationId: STORE_LOCATION_ID }] }),
        "TSHIRT-NAVY-M",
        1,
      ),
      shipment: codShipment("waiting"),
    })],
    ["the order is not in yen", () => {
      const order = removeUnits(buildOrderSnapshot({ paid: "none" }), "TSHIRT-NAVY-M", 1);
      return { ...inputFor({ event: "edited", status: "waiting" }), order: { ...order, amounts: { ...order.amounts, currency: "USD" } }, shipment: codShipment("waiting") };
    }],
  ])("changes nothing on a cash-on-delivery shipment when %s", (_, input) => {
    const decision = decideSync(input());
    expect(decision).toMatchObject({ kind: "none", outcome: "cash_on_delivery_unresolved" });
    expect(decision.notices.map((notice) => [notice.code, notice.actionRequired])).toEqual([["cash_on_delivery_amount_unresolved", true]]);
  });

  it("leaves the delivery note's amounts as they are, and says so, when the shipment is kept without tax", () => {
    const shipment = buildShipmentSnapshot("waiting", { raw: { tax_included: false } });
    const decision = update({ event: "edited", status: "waiting", difference: "items removed" }, { shipment });
    expect(decision.body).toMatchObject({ subtotal_amount: 6980, total_amount: 6980 });
    expect(decision.body.items).toEqual([
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false },
    ]);
    expect(decision.notices).toEqual([
      { code: "amounts_not_updated", actionRequired: false, params: { fields: "subtotal_amount, discount_amount, delivery_charge, total_amount, items.price" } },
    ]);
  });

  it("invents no amount the shipment does not carry", () => {
    const shipment = buildShipmentSnapshot("waiting", {
      raw: { subtotal_amount: null, total_amount: null, discount_amount: null, delivery_charge: null, items: buildShipmentSnapshot("waiting").raw.items!.map(({ unit_price: _u, price: _p, ...item }) => item) },
    });
    const { body } = update({ event: "edited", status: "waiting", difference: "items added" }, { shipment });
    expect(body).toMatchObject({ subtotal_amount: null, total_amount: null });
    expect(body).not.toHaveProperty("tax");
    expect(body).not.toHaveProperty("total_for_cash_on_delivery");
    expect(body.items.find((item) => item.code === "CAP-BLACK")).toEqual({ code: "CAP-BLACK", name: "キャップ ブラック", quantity: 1 });
  });

  it("splits the total between the normal and reduced tax rates when the shipment carries them", () => {
    const { order } = addLine(buildOrderSnapshot(), { sku: "TEA-01", title: "八女茶 100g", quantity: 2, unitPrice: 1080, reducedTax: true });
    const shipment = buildShipmentSnapshot("waiting", { raw: { total_with_normal_tax: 6980, total_with_reduced_tax: 0, tax: 633 } });
    const { body } = update({ event: "edited", status: "waiting" }, { order, shipment });
    expect(body).toMatchObject({ total_amount: 9140, total_with_reduced_tax: 2160, total_with_normal_tax: 6980, tax: 793 });
    expect(body.items).toContainEqual({ code: "TEA-01", name: "八女茶 100g", quantity: 2, unit_price: 1080, price: 2160, is_reduced_tax: true });
  });

  it("keeps the items as they are when one of several shipments is updated", () => {
    const { body, changes } = update({ event: "edited", status: "waiting", difference: "address and items", siblings: ["waiting"] });
    expect(body.items.map((item) => [item.code, item.quantity])).toEqual([["TSHIRT-NAVY-M", 1], ["MUG-WHITE", 2]]);
    expect(changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("keeps the suspend flag of a held shipment", () => {
    const { body } = update({ event: "updated", status: "suspended", difference: "address" });
    expect(body.suspend).toBe(true);
  });

  it("keeps a backordered shipment's backorder flag, on the shipment only", () => {
    const { body } = update({ event: "updated", status: "backordered", difference: "address" });
    expect(body.backorder_if_unavailable).toBe(true);
    expect(body.items.every((item) => !("backorder_if_unavailable" in item))).toBe(true);
  });

  it("keeps the backorder flag when an item shows a backorder", () => {
    const items = buildShipmentSnapshot("waiting").raw.items!.map((item, i) => ({ ...item, backordered: i === 0 }));
    const { body } = update({ event: "updated", status: "waiting", difference: "address" }, { shipment: buildShipmentSnapshot("waiting", { raw: { items } }) });
    expect(body.backorder_if_unavailable).toBe(true);
  });

  it("never invents a backorder flag for a shipment that shows none", () => {
    const { body } = update({ event: "edited", status: "waiting", difference: "items added" });
    expect(body).not.toHaveProperty("backorder_if_unavailable");
    expect(body.items.every((item) => !("backorder_if_unavailable" in item))).toBe(true);
  });

  it("keeps the division the merchant set on the recipient in OpenLogi", () => {
    const stored = buildShipmentSnapshot("waiting").raw.recipient;
    const shipment = buildShipmentSnapshot("waiting", { raw: { recipient: { ...stored!, division: "総務部" } as ShipmentResponse["recipient"] } });
    const { body } = update({ event: "updated", status: "waiting", difference: "address" }, { shipment });
    expect(body.recipient).toMatchObject({ address1: "千代田区丸の内1-9-1", division: "総務部" });
  });

  it("warns when the new recipient's name is cut to OpenLogi's 15 characters", () => {
    const order = buildOrderSnapshot({ shippingAddress: buildMailingAddress({ lastName: "寿限無寿限無五劫の擦り切れ", firstName: "海砂利水魚" }) });
    const decision = update({ event: "updated", status: "waiting" }, { order });
    expect(decision.body.recipient).toMatchObject({ name: "寿限無寿限無五劫の擦り切れ 海" });
    expect(decision.notices).toEqual([
      { code: "name_truncated", actionRequired: false, params: { field: "name", full: "寿限無寿限無五劫の擦り切れ 海砂利水魚", kept: "寿限無寿限無五劫の擦り切れ 海" } },
    ]);
  });

  it("makes the shipment international when the address moves abroad", () => {
    const order = buildOrderSnapshot({
      shippingAddress: buildMailingAddress({
        firstName: "Taro", lastName: "Yamada", countryCode: "US", province: "California", provinceCode: "CA",
        city: "San Francisco", address1: "1 Market St", address2: "Suite 300", zip: "94105", phone: "+1 415-555-0100",
      }),
    });
    const { body } = update({ event: "updated", status: "waiting" }, { order });
    expect(body.international).toBe(true);
    expect(body.recipient).toEqual({
      region_code: "US", postcode: "94105", city: "San Francisco, California", address: "1 Market St Suite 300", name: "Taro Yamada", phone: "+1 415-555-0100",
    });
  });
});

describe("decideSync's billable modify request", () => {
  const input = () =>
    inputFor({ event: "updated", status: "picking", difference: "address", settings: { modifyAfterConfirmation: true } });

  it("carries the new recipient, the shipment's identifier and items unchanged, and its delivery wishes", () => {
    const { body, changes } = modifyOf(decideSync(input()));
    expect(body).toEqual({
      identifier: "shopify-450789469",
      items: [
        { code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false },
        { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false },
      ],
      recipient: { name: "山田 太郎", postcode: "100-0005", prefecture: "東京都", address1: "千代田区丸の内1-9-1", phone: "090-1234-5678" },
      delivery_time_slot: "14",
      delivery_date: "2025-07-03",
    });
    expect(changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("names the shipment by its order number when it has no identifier, never by null", () => {
    const shipment = buildShipmentSnapshot("picking", { raw: { identifier: null } });
    expect(modifyOf(decideSync({ ...input(), shipment })).body.identifier).toBe("#1001");
  });

  it("names the shipment by the key it was found by when it has neither identifier nor order number", () => {
    const shipment = buildShipmentSnapshot("picking", { raw: { identifier: null, order_no: null } });
    const order = { ...input().order, name: "#TG1001" };
    expect(modifyOf(decideSync({ ...input(), order, shipment })).body.identifier).toBe("#TG1001");
  });

  it("keeps the shipment's phone when the order's is foreign", () => {
    const decision = modifyOf(decideSync(inputFor({ event: "updated", status: "picking", difference: "address, with a foreign phone", settings: { modifyAfterConfirmation: true } })));
    expect(decision.body.recipient).toMatchObject({ address1: "千代田区丸の内1-9-1", phone: "090-1234-5678" });
  });

  it("leaves out delivery wishes the shipment does not hold", () => {
    const shipment = buildShipmentSnapshot("picking", { raw: { delivery_time_slot: null, delivery_date: null } });
    const { body } = modifyOf(decideSync({ ...input(), shipment }));
    expect(body).not.toHaveProperty("delivery_time_slot");
    expect(body).not.toHaveProperty("delivery_date");
  });

  it("carries neither the email nor the items when they changed too", () => {
    const changed = orderWith("address and items").order;
    const decision = modifyOf(decideSync({ ...input(), order: { ...changed, email: "taro.new@example.com" } }));
    expect(decision.body).not.toHaveProperty("shipping_email");
    expect(decision.body.items.map((item) => item.quantity)).toEqual([1, 2]);
    expect(decision.notices.map((notice) => notice.code)).toEqual(["email_not_changeable_after_confirmation", "items_changed_after_picking"]);
  });

  it("keys the same change the same way every time and a different change differently", () => {
    const first = modifyOf(decideSync(input())).changeKey;
    expect(modifyOf(decideSync(input())).changeKey).toBe(first);
    const other = buildOrderSnapshot({ shippingAddress: buildMailingAddress({ address1: "大手町1-1" }) });
    expect(modifyOf(decideSync({ ...input(), order: other })).changeKey).not.toBe(first);
    const otherShipment = buildShipmentSnapshot("picking", { id: "TS001-S000999" });
    expect(modifyOf(decideSync({ ...input(), shipment: otherShipment })).changeKey).not.toBe(first);
  });
});
