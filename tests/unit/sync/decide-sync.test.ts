import { decideSync } from "../../../app/sync/decide-sync";
import { SHIPMENT_REQUEST_KEYS } from "../../../app/sync/shipment-body";
import {
  SHIPMENT_STATUSES,
  type ModifyShipmentWireBody,
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
  OPENLOGI_LOCATION_ID,
  buildFulfillmentOrder,
  buildMailingAddress,
  buildOrderSnapshot,
  buildShipmentSnapshot,
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

/** What the order changed, relative to the shipment the doubles build. */
type Difference =
  | "none"
  | "address"
  | "email"
  | "items added"
  | "items removed"
  | "address and items"
  | "missing sku"
  | "everything left the location"
  | "unknown prefecture"
  | "formatting only";

function orderWith(difference: Difference): OrderSnapshot {
  switch (difference) {
    case "none":
      return buildOrderSnapshot();
    case "address":
      return buildOrderSnapshot({ shippingAddress: buildMailingAddress({ address1: "丸の内1-9-1", address2: null, zip: "100-0005" }) });
    case "email":
      return buildOrderSnapshot({ email: "taro.new@example.com" });
    case "items added":
      // Shopify may give a fulfilment service an edit's added items as a new fulfillment order.
      return buildOrderSnapshot({
        fulfillmentOrders: [
          buildFulfillmentOrder(),
          buildFulfillmentOrder({
            id: "gid://shopify/FulfillmentOrder/1002",
            lineItems: [{ sku: "CAP-BLACK", title: "キャップ ブラック", remainingQuantity: 1 }],
          }),
        ],
      });
    case "items removed":
      return buildOrderSnapshot({
        fulfillmentOrders: [
          buildFulfillmentOrder({ lineItems: [{ sku: "MUG-WHITE", title: "波佐見焼マグカップ ホワイト", remainingQuantity: 2 }] }),
        ],
      });
    case "address and items":
      return { ...orderWith("items removed"), shippingAddress: orderWith("address").shippingAddress };
    case "missing sku":
      return buildOrderSnapshot({
        fulfillmentOrders: [
          buildFulfillmentOrder(),
          buildFulfillmentOrder({
            id: "gid://shopify/FulfillmentOrder/1002",
            lineItems: [{ sku: null, title: "手書きメッセージカード", remainingQuantity: 1 }],
          }),
        ],
      });
    case "everything left the location":
      return buildOrderSnapshot({ fulfillmentOrders: [buildFulfillmentOrder({ status: "CLOSED" })] });
    case "unknown prefecture":
      return buildOrderSnapshot({ shippingAddress: buildMailingAddress({ province: "Atlantis", provinceCode: null, address1: "丸の内1-9-1" }) });
    case "formatting only":
      return buildOrderSnapshot({
        email: "Taro.Yamada@Example.com",
        shippingAddress: buildMailingAddress({ zip: "１０００００１", phone: "09012345678", address2: "千代田ビル　3F" }),
      });
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
  shipmentCount?: number;
  kind: SyncDecisionKind;
  outcome: OutcomeCode;
  notices?: NoticeCode[];
  params?: Record<string, string | number>;
}

function inputFor(row: Pick<Row, "event" | "status" | "settings" | "difference" | "order" | "shipmentCount">): SyncInput {
  return {
    event: row.event,
    order: { ...orderWith(row.difference ?? "none"), ...row.order },
    shipment: row.status === null ? null : buildShipmentSnapshot(row.status),
    shipmentCount: row.shipmentCount ?? (row.status === null ? 0 : 1),
    settings: settingsWith(row.settings),
  };
}

const OPEN_STATUSES = ["backordered", "waiting", "allocating"] as const;
const CONFIRMED_STATUSES = ["picking", "picked", "working"] as const;
const PACKED_STATUSES = ["packed", "shipped"] as const;
const BEFORE_CONFIRMATION = [...OPEN_STATUSES, "suspended"] as const;

const cancellationRows: Row[] = [
  ...BEFORE_CONFIRMATION.map((status): Row => ({
    name: `deletes the shipment when the order is cancelled and the shipment is ${status}`,
    event: "cancelled", status, kind: "delete", outcome: "deleted",
  })),
  {
    name: "deletes a waiting shipment even when every reflect and billable setting is off",
    event: "cancelled", status: "waiting",
    settings: { reflectChanges: false, reflectItemChanges: false, cancelAfterConfirmation: false, modifyAfterConfirmation: false },
    kind: "delete", outcome: "deleted",
  },
  ...CONFIRMED_STATUSES.flatMap((status): Row[] => [
    {
      name: `requests a billable cancel when the shipment is ${status} and billable cancels are on`,
      event: "cancelled", status, settings: { cancelAfterConfirmation: true },
      kind: "billableCancelRequest", outcome: "cancel_requested",
    },
    {
      name: `sends nothing and names the setting when the shipment is ${status} and billable cancels are off`,
      event: "cancelled", status, settings: { cancelAfterConfirmation: false },
      kind: "none", outcome: "not_synced_confirmed", params: { setting: "cancelAfterConfirmation" },
    },
  ]),
  {
    name: "does not let the billable modify setting send a cancel request for a picking shipment",
    event: "cancelled", status: "picking", settings: { modifyAfterConfirmation: true },
    kind: "none", outcome: "not_synced_confirmed", params: { setting: "cancelAfterConfirmation" },
  },
  ...PACKED_STATUSES.flatMap((status): Row[] => [
    {
      name: `asks staff to have the recipient refuse delivery when the shipment is ${status}`,
      event: "cancelled", status, kind: "none", outcome: "not_cancellable_packed", notices: ["ask_recipient_to_refuse"],
    },
    {
      name: `sends no cancel request for a ${status} shipment even when billable cancels are on`,
      event: "cancelled", status, settings: { cancelAfterConfirmation: true },
      kind: "none", outcome: "not_cancellable_packed", notices: ["ask_recipient_to_refuse"],
    },
  ]),
  ...[true, false].map((on): Row => ({
    name: `records already requested when a cancel request is pending and billable cancels are ${on ? "on" : "off"}`,
    event: "cancelled", status: "cancel_request", settings: { cancelAfterConfirmation: on },
    kind: "none", outcome: "already_requested",
  })),
  {
    name: "requests a billable cancel when a modify request is pending and billable cancels are on",
    event: "cancelled", status: "modify_request", settings: { cancelAfterConfirmation: true },
    kind: "billableCancelRequest", outcome: "cancel_requested",
  },
  {
    name: "sends nothing when a modify request is pending and billable cancels are off",
    event: "cancelled", status: "modify_request",
    kind: "none", outcome: "not_synced_confirmed", params: { setting: "cancelAfterConfirmation" },
  },
  {
    name: "records no shipment when no OpenLogi shipment matches the cancelled order",
    event: "cancelled", status: null, kind: "none", outcome: "no_shipment",
  },
  {
    name: "records paused and deletes nothing when sync is paused",
    event: "cancelled", status: "waiting", settings: { paused: true }, kind: "none", outcome: "paused",
  },
  {
    name: "records not an OpenLogi order when nothing of the cancelled order is at the OpenLogi location",
    event: "cancelled", status: "waiting",
    order: { fulfillmentOrders: [buildFulfillmentOrder({ locationId: "gid://shopify/Location/2" })] },
    kind: "none", outcome: "not_openlogi_order",
  },
  {
    name: "still deletes when the cancelled order's fulfillment orders at the location are closed",
    event: "cancelled", status: "backordered",
    order: { cancelledAt: "2025-07-01T10:00:00Z", fulfillmentOrders: [buildFulfillmentOrder({ status: "CANCELLED" })] },
    kind: "delete", outcome: "deleted",
  },
];

const beforeConfirmationRows: Row[] = BEFORE_CONFIRMATION.flatMap((status): Row[] => [
  {
    name: `records no change when nothing differs and the shipment is ${status}`,
    event: "changed", status, kind: "none", outcome: "no_change",
  },
  {
    name: `updates the shipment when the address changed and the shipment is ${status}`,
    event: "changed", status, difference: "address", kind: "update", outcome: "updated",
  },
  {
    name: `updates the shipment when the email changed and the shipment is ${status}`,
    event: "changed", status, difference: "email", kind: "update", outcome: "updated",
  },
  {
    name: `updates the shipment when an edit added items and the shipment is ${status}`,
    event: "changed", status, difference: "items added", kind: "update", outcome: "updated",
  },
  {
    name: `updates the shipment when an edit removed items and the shipment is ${status}`,
    event: "changed", status, difference: "items removed", kind: "update", outcome: "updated",
  },
]);

const openEdgeRows: Row[] = [
  {
    name: "records no change when only the formatting of postcode, phone, spacing and email case differs",
    event: "changed", status: "waiting", difference: "formatting only", kind: "none", outcome: "no_change",
  },
  {
    name: "records reflect disabled when order changes are not reflected",
    event: "changed", status: "waiting", difference: "address", settings: { reflectChanges: false },
    kind: "none", outcome: "reflect_disabled",
  },
  {
    name: "ignores item differences when line-item changes are not reflected",
    event: "changed", status: "waiting", difference: "items removed", settings: { reflectItemChanges: false },
    kind: "none", outcome: "no_change",
  },
  {
    name: "still updates the address when line-item changes are not reflected",
    event: "changed", status: "waiting", difference: "address and items", settings: { reflectItemChanges: false },
    kind: "update", outcome: "updated",
  },
  {
    name: "changes nothing and names the item when an added item has no SKU",
    event: "changed", status: "waiting", difference: "missing sku",
    kind: "none", outcome: "missing_sku", params: { titles: "手書きメッセージカード", count: 1 },
  },
  {
    name: "ignores an item with no SKU when line-item changes are not reflected",
    event: "changed", status: "waiting", difference: "missing sku", settings: { reflectItemChanges: false },
    kind: "none", outcome: "no_change",
  },
  {
    name: "leaves the items and calls for action when nothing is left to ship from the location",
    event: "changed", status: "waiting", difference: "everything left the location",
    kind: "none", outcome: "no_change", notices: ["no_items_left_at_location"],
  },
  {
    name: "refuses to send a recipient whose prefecture is unknown",
    event: "changed", status: "waiting", difference: "unknown prefecture",
    kind: "none", outcome: "invalid_recipient", notices: ["prefecture_unknown"], params: { fields: "prefecture" },
  },
  {
    name: "flags items but changes nothing when one of several shipments differs only in items",
    event: "changed", status: "waiting", difference: "items removed", shipmentCount: 2,
    kind: "none", outcome: "no_change", notices: ["items_not_reconciled_multiple_shipments"],
  },
  {
    name: "updates the recipient but not the items when one of several shipments differs in both",
    event: "changed", status: "waiting", difference: "address and items", shipmentCount: 2,
    kind: "update", outcome: "updated", notices: ["items_not_reconciled_multiple_shipments"],
  },
  {
    name: "records order cancelled for a change to a cancelled order",
    event: "changed", status: "waiting", difference: "address", order: { cancelledAt: "2025-07-01T10:00:00Z" },
    kind: "none", outcome: "order_cancelled",
  },
  {
    name: "records order cancelled for a change after the shipment was already deleted",
    event: "changed", status: null, difference: "address", order: { cancelledAt: "2025-07-01T10:00:00Z" },
    kind: "none", outcome: "order_cancelled",
  },
  {
    name: "records no shipment when no OpenLogi shipment matches the changed order",
    event: "changed", status: null, difference: "address", kind: "none", outcome: "no_shipment",
  },
  {
    name: "records paused and updates nothing when sync is paused",
    event: "changed", status: "waiting", difference: "address", settings: { paused: true },
    kind: "none", outcome: "paused",
  },
  {
    name: "records not an OpenLogi order when the order is for local pickup elsewhere",
    event: "changed", status: null, difference: "address",
    order: { fulfillmentOrders: [buildFulfillmentOrder({ locationId: "gid://shopify/Location/99" })] },
    kind: "none", outcome: "not_openlogi_order",
  },
  {
    name: "treats every location as OpenLogi's when no location is chosen",
    event: "changed", status: "waiting", difference: "address", settings: { locationId: null },
    order: { fulfillmentOrders: [buildFulfillmentOrder({ locationId: "gid://shopify/Location/99" })] },
    kind: "update", outcome: "updated",
  },
];

const afterConfirmationRows: Row[] = [
  ...CONFIRMED_STATUSES.flatMap((status): Row[] => [
    {
      name: `requests a billable modification when the address changed, the shipment is ${status} and billable modifies are on`,
      event: "changed", status, difference: "address", settings: { modifyAfterConfirmation: true },
      kind: "billableModifyRequest", outcome: "modify_requested",
    },
    {
      name: `does not reflect an address change when the shipment is ${status} and billable modifies are off`,
      event: "changed", status, difference: "address",
      kind: "none", outcome: "not_reflected_confirmed", params: { setting: "modifyAfterConfirmation" },
    },
    {
      name: `records no change when nothing differs and the shipment is ${status}`,
      event: "changed", status, settings: { modifyAfterConfirmation: true }, kind: "none", outcome: "no_change",
    },
  ]),
  ...[true, false].map((on): Row => ({
    name: `explains that the email cannot change after confirmation when billable modifies are ${on ? "on" : "off"}`,
    event: "changed", status: "picking", difference: "email", settings: { modifyAfterConfirmation: on },
    kind: "none", outcome: "not_reflected_confirmed", notices: ["email_not_changeable_after_confirmation"],
  })),
  ...[true, false].map((on): Row => ({
    name: `calls for action when items changed after picking began and billable modifies are ${on ? "on" : "off"}`,
    event: "changed", status: "picked", difference: "items removed", settings: { modifyAfterConfirmation: on },
    kind: "none", outcome: "not_reflected_confirmed", notices: ["items_changed_after_picking"],
  })),
  {
    name: "still requests the recipient modification when items also changed after picking began",
    event: "changed", status: "picking", difference: "address and items", settings: { modifyAfterConfirmation: true },
    kind: "billableModifyRequest", outcome: "modify_requested", notices: ["items_changed_after_picking"],
  },
  {
    name: "refuses a billable modification whose recipient has an unknown prefecture",
    event: "changed", status: "picking", difference: "unknown prefecture", settings: { modifyAfterConfirmation: true },
    kind: "none", outcome: "invalid_recipient", notices: ["prefecture_unknown"], params: { fields: "prefecture" },
  },
  {
    name: "says nothing about items after picking when line-item changes are not reflected",
    event: "changed", status: "picking", difference: "items removed", settings: { reflectItemChanges: false },
    kind: "none", outcome: "no_change",
  },
  {
    name: "sends no billable modification when order changes are not reflected",
    event: "changed", status: "picking", difference: "address",
    settings: { reflectChanges: false, modifyAfterConfirmation: true },
    kind: "none", outcome: "reflect_disabled",
  },
  {
    name: "requests the recipient modification for one of several shipments and flags the items",
    event: "changed", status: "picking", difference: "address and items", shipmentCount: 2,
    settings: { modifyAfterConfirmation: true },
    kind: "billableModifyRequest", outcome: "modify_requested", notices: ["items_not_reconciled_multiple_shipments"],
  },
  ...PACKED_STATUSES.flatMap((status): Row[] => [
    {
      name: `does not reflect an address change when the shipment is ${status}`,
      event: "changed", status, difference: "address", settings: { modifyAfterConfirmation: true },
      kind: "none", outcome: "not_reflected_packed",
    },
    {
      name: `calls for action when items were removed and the shipment is ${status}`,
      event: "changed", status, difference: "items removed",
      kind: "none", outcome: "not_reflected_packed", notices: ["removed_items_may_ship"],
    },
    {
      name: `does not reflect added items when the shipment is ${status}`,
      event: "changed", status, difference: "items added",
      kind: "none", outcome: "not_reflected_packed",
    },
    {
      name: `records no change when nothing differs and the shipment is ${status}`,
      event: "changed", status, kind: "none", outcome: "no_change",
    },
  ]),
  ...(["cancel_request", "modify_request"] as const).flatMap((status): Row[] => [
    {
      name: `records a pending request when the address changed and the shipment is ${status}`,
      event: "changed", status, difference: "address", settings: { modifyAfterConfirmation: true },
      kind: "none", outcome: "request_pending",
    },
    {
      name: `records no change when nothing differs and the shipment is ${status}`,
      event: "changed", status, kind: "none", outcome: "no_change",
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

  it("covers every OpenLogi status for both events", () => {
    const rows = [...cancellationRows, ...beforeConfirmationRows, ...openEdgeRows, ...afterConfirmationRows];
    for (const event of ["cancelled", "changed"] as const) {
      const seen = new Set(rows.filter((row) => row.event === event).map((row) => row.status));
      expect(SHIPMENT_STATUSES.filter((status) => !seen.has(status))).toEqual([]);
    }
  });

  it("never sends a billable request while both billable settings are off", () => {
    const differences: Difference[] = ["none", "address", "email", "items added", "items removed", "address and items"];
    for (const status of SHIPMENT_STATUSES) {
      for (const event of ["cancelled", "changed"] as const) {
        for (const difference of differences) {
          const { kind } = decideSync(inputFor({ event, status, difference }));
          expect(kind, `${event} / ${status} / ${difference}`).not.toMatch(/^billable/);
        }
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
  it("keeps every merchant-set field and changes only the recipient", () => {
    // GIVEN a waiting shipment whose every request field the merchant set in OpenLogi
    const shipment = buildShipmentSnapshot("waiting", {
      raw: { ...MERCHANT_FIELDS, tracking_code: "1234-5678-9012", delivery_day: "2025-07-05" },
    });
    // WHEN the customer's address changes
    const decision = updateOf(decideSync({ ...inputFor({ event: "changed", status: "waiting", difference: "address" }), shipment }));
    // THEN every field is sent back as it was, except the recipient
    const body = decision.body as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(MERCHANT_FIELDS)) expect(body[key], key).toEqual(value);
    expect(body.shipping_email).toBe("taro.yamada@example.com");
    expect(body.items).toEqual([
      { code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false, backorder_if_unavailable: false },
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false, backorder_if_unavailable: false },
    ]);
    expect(decision.body.recipient).toEqual({
      name: "山田 太郎", postcode: "100-0005", prefecture: "東京都", address1: "千代田区丸の内1-9-1", phone: "090-1234-5678",
    });
    expect(decision.changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("sends no response-only field back", () => {
    const shipment = buildShipmentSnapshot("waiting", { raw: { tracking_code: "1234", delivery_day: "2025-07-05", shipped_at: "2025-07-04T10:00:00Z" } });
    const { body } = updateOf(decideSync({ ...inputFor({ event: "changed", status: "waiting", difference: "email" }), shipment }));
    for (const key of RESPONSE_ONLY) expect(body, key).not.toHaveProperty(key);
    for (const key of Object.keys(body)) expect(SHIPMENT_REQUEST_KEYS).toContain(key);
    expect(body.items.every((item) => !("id" in item) && !("backordered" in item))).toBe(true);
  });

  it("changes only the email when only the email changed", () => {
    const { body, changes } = updateOf(decideSync(inputFor({ event: "changed", status: "backordered", difference: "email" })));
    expect(body.shipping_email).toBe("taro.new@example.com");
    expect(body.recipient).toEqual(buildShipmentSnapshot("backordered").raw.recipient);
    expect(changes).toEqual([{ field: "shipping_email", before: "taro.yamada@example.com", after: "taro.new@example.com" }]);
  });

  it("keeps each remaining item's delivery-note fields and adds the edit's new item", () => {
    const { body, changes } = updateOf(decideSync(inputFor({ event: "changed", status: "waiting", difference: "items added" })));
    expect(body.items).toEqual([
      { code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false, backorder_if_unavailable: false },
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false, backorder_if_unavailable: false },
      { code: "CAP-BLACK", quantity: 1, backorder_if_unavailable: false },
    ]);
    expect(changes).toEqual([
      {
        field: "items",
        before: [{ code: "MUG-WHITE", quantity: 2 }, { code: "TSHIRT-NAVY-M", quantity: 1 }],
        after: [{ code: "CAP-BLACK", quantity: 1 }, { code: "MUG-WHITE", quantity: 2 }, { code: "TSHIRT-NAVY-M", quantity: 1 }],
      },
    ]);
  });

  it("drops a removed item and sets a reduced quantity", () => {
    const order = buildOrderSnapshot({
      fulfillmentOrders: [buildFulfillmentOrder({ lineItems: [{ sku: "MUG-WHITE", title: "マグ", remainingQuantity: 1 }] })],
    });
    const { body } = updateOf(decideSync({ ...inputFor({ event: "changed", status: "waiting" }), order }));
    expect(body.items).toEqual([
      { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 1, unit_price: 1500, price: 3000, is_reduced_tax: false, backorder_if_unavailable: false },
    ]);
  });

  it("keeps the items as they are when one of several shipments is updated", () => {
    const input = inputFor({ event: "changed", status: "waiting", difference: "address and items", shipmentCount: 2 });
    const { body, changes } = updateOf(decideSync(input));
    expect(body.items.map((item) => [item.code, item.quantity])).toEqual([["TSHIRT-NAVY-M", 1], ["MUG-WHITE", 2]]);
    expect(changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("keeps the suspend flag of a held shipment", () => {
    const { body } = updateOf(decideSync(inputFor({ event: "changed", status: "suspended", difference: "address" })));
    expect(body.suspend).toBe(true);
  });

  it("keeps the division the merchant set on the recipient in OpenLogi", () => {
    const stored = buildShipmentSnapshot("waiting").raw.recipient;
    const shipment = buildShipmentSnapshot("waiting", { raw: { recipient: { ...stored!, division: "総務部" } as ShipmentResponse["recipient"] } });
    const { body } = updateOf(decideSync({ ...inputFor({ event: "changed", status: "waiting", difference: "address" }), shipment }));
    expect(body.recipient).toMatchObject({ address1: "千代田区丸の内1-9-1", division: "総務部" });
  });

  it("warns when the new recipient's name is cut to OpenLogi's 15 characters", () => {
    const order = buildOrderSnapshot({ shippingAddress: buildMailingAddress({ lastName: "寿限無寿限無五劫の擦り切れ", firstName: "海砂利水魚" }) });
    const decision = updateOf(decideSync({ ...inputFor({ event: "changed", status: "waiting" }), order }));
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
    const { body } = updateOf(decideSync({ ...inputFor({ event: "changed", status: "waiting" }), order }));
    expect(body.international).toBe(true);
    expect(body.recipient).toEqual({
      region_code: "US", postcode: "94105", city: "San Francisco, California", address: "1 Market St Suite 300", name: "Taro Yamada", phone: "+1 415-555-0100",
    });
  });
});

describe("decideSync's billable modify request", () => {
  const input = () =>
    inputFor({ event: "changed", status: "picking", difference: "address", settings: { modifyAfterConfirmation: true } });

  it("carries the new recipient, the shipment's identifier and items unchanged, and its delivery wishes", () => {
    const { body, changes } = modifyOf(decideSync(input()));
    const wire = body as ModifyShipmentWireBody;
    expect(wire).toEqual({
      identifier: "shopify-450789469",
      items: [
        { code: "TSHIRT-NAVY-M", name: "オーガニックTシャツ ネイビー / M", quantity: 1, unit_price: 3980, price: 3980, is_reduced_tax: false, backorder_if_unavailable: false },
        { code: "MUG-WHITE", name: "波佐見焼マグカップ ホワイト", quantity: 2, unit_price: 1500, price: 3000, is_reduced_tax: false, backorder_if_unavailable: false },
      ],
      recipient: { name: "山田 太郎", postcode: "100-0005", prefecture: "東京都", address1: "千代田区丸の内1-9-1", phone: "090-1234-5678" },
      delivery_time_slot: "14",
      delivery_date: "2025-07-03",
    });
    expect(changes.map((change) => change.field)).toEqual(["recipient"]);
  });

  it("leaves out delivery wishes the shipment does not hold", () => {
    const shipment = buildShipmentSnapshot("picking", { raw: { delivery_time_slot: null, delivery_date: null } });
    const { body } = modifyOf(decideSync({ ...input(), shipment }));
    expect(body).not.toHaveProperty("delivery_time_slot");
    expect(body).not.toHaveProperty("delivery_date");
  });

  it("carries neither the email nor the items when they changed too", () => {
    const order = { ...orderWith("address and items"), email: "taro.new@example.com" };
    const decision = modifyOf(decideSync({ ...input(), order }));
    expect(decision.body).not.toHaveProperty("shipping_email");
    expect((decision.body as ModifyShipmentWireBody).items.map((item) => item.quantity)).toEqual([1, 2]);
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
