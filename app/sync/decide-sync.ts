/**
 * The sync rules of SPEC.md as one pure function: given one Shopify order event and one
 * OpenLogi shipment, what to do. Every path returns a decision, "nothing" included, so
 * the shell can record it in the history.
 */
import { desiredItems } from "./items";
import { buildModifyBody, buildUpdateBody, isInternational } from "./shipment-body";
import { diffShipment, type ShipmentDiff } from "./shipment-diff";
import { stableJson } from "./stable-json";
import { bandOf } from "./status-band";
import type {
  FieldChange,
  NoopOutcome,
  Notice,
  OpenLogiRecipient,
  ShipmentSnapshot,
  ShipmentStatus,
  SyncDecision,
  SyncInput,
  SyncSettings,
} from "./types";

type Params = Record<string, string | number>;

/**
 * Decides what to do with one shipment of one order. Checks run in this order: paused,
 * not an OpenLogi order, (changes only) order cancelled and changes not reflected,
 * no shipment, then SPEC.md's Cancellation or Changes table by status band.
 */
export function decideSync(input: SyncInput): SyncDecision {
  const { event, order, shipment, settings } = input;
  if (settings.paused) return none("paused");
  // Nothing assigned to the OpenLogi location (local pickup, another warehouse): not OpenLogi's.
  if (!desiredItems(order, settings.locationId).atLocation) return none("not_openlogi_order");
  // Once an order is cancelled, later changes are recorded as such (SPEC.md "Delivery, order and failure").
  if (event === "changed" && order.cancelledAt !== null) return none("order_cancelled");
  if (event === "changed" && !settings.reflectChanges) return none("reflect_disabled");
  if (shipment === null) return none("no_shipment");
  switch (event) {
    case "cancelled":
      return decideCancellation(shipment.status, settings);
    case "changed":
      return decideChange(input, shipment);
    default: {
      const unhandled: never = event;
      throw new Error(`unknown sync event: ${String(unhandled)}`);
    }
  }
}

/** SPEC.md "Cancellation"; FAQ 217 キャンセル連携. */
function decideCancellation(status: ShipmentStatus, settings: SyncSettings): SyncDecision {
  const band = bandOf(status);
  switch (band) {
    // 出庫確定前: deleted automatically, whatever the settings.
    case "OPEN":
    case "HELD":
      return { kind: "delete", outcome: "deleted", notices: [] };
    case "CONFIRMED":
      return cancelAfterConfirmation(settings);
    case "PACKED":
      // 梱包済以降: cannot be cancelled; it may be delivered, so the recipient should refuse it.
      return none("not_cancellable_packed", {
        notices: [{ code: "ask_recipient_to_refuse", actionRequired: true }],
      });
    case "REQUESTED":
      // A pending modify request does not stop a cancel request; a pending cancel request is enough.
      return status === "cancel_request" ? none("already_requested") : cancelAfterConfirmation(settings);
    default: {
      const unhandled: never = band;
      throw new Error(`unknown status band: ${String(unhandled)}`);
    }
  }
}

/** 出庫ピッキング中〜ピッキング済: a cancel request only when the merchant accepted its fee. */
function cancelAfterConfirmation(settings: SyncSettings): SyncDecision {
  return settings.cancelAfterConfirmation
    ? { kind: "billableCancelRequest", outcome: "cancel_requested", notices: [] }
    : none("not_synced_confirmed", { params: { setting: "cancelAfterConfirmation" } });
}

/** SPEC.md "Changes"; FAQ 217 変更連携. */
function decideChange(input: SyncInput, shipment: ShipmentSnapshot): SyncDecision {
  const diff = diffShipment(input.order, shipment, input.settings);
  // Items are not redistributed between several shipments of one order: staff must check them.
  const itemsApply = diff.items.changed && input.shipmentCount <= 1;
  const notices: Notice[] = [];
  if (diff.items.changed && !itemsApply) {
    notices.push({
      code: "items_not_reconciled_multiple_shipments",
      actionRequired: true,
      params: { shipmentCount: input.shipmentCount },
    });
  }
  const changes = fieldChanges(diff, itemsApply);
  if (changes.length === 0) return none("no_change", { notices });

  const band = bandOf(shipment.status);
  switch (band) {
    case "OPEN":
    case "HELD":
      return changeBeforeConfirmation(shipment, diff, itemsApply, notices);
    case "CONFIRMED":
      return changeAfterConfirmation(input, shipment, diff, itemsApply, notices);
    case "PACKED":
      // Shopify's warning: a fulfilment app that misses an edit may ship a removed, unpaid item.
      if (itemsApply && diff.items.removedCodes.length > 0) {
        notices.push({
          code: "removed_items_may_ship",
          actionRequired: true,
          params: { codes: diff.items.removedCodes.join(", ") },
        });
      }
      return none("not_reflected_packed", { changes, notices });
    case "REQUESTED":
      return none("request_pending", { changes, notices });
    default: {
      const unhandled: never = band;
      throw new Error(`unknown status band: ${String(unhandled)}`);
    }
  }
}

/** 出庫確定前: `PUT` the whole request with the new recipient, email and items. */
function changeBeforeConfirmation(
  shipment: ShipmentSnapshot,
  diff: ShipmentDiff,
  itemsApply: boolean,
  notices: Notice[],
): SyncDecision {
  const { missingSku } = diff.items.desired;
  // SPEC.md: an item with no SKU has no OpenLogi code; say so and change nothing in the shipment.
  if (itemsApply && missingSku.length > 0) {
    return none("missing_sku", {
      changes: fieldChanges(diff, itemsApply),
      notices,
      params: { titles: missingSku.join(", "), count: missingSku.length },
    });
  }
  let applyItems = itemsApply;
  if (applyItems && diff.items.after.length === 0) {
    // An empty item list is not a shipment; deleting it is the merchant's call, not an edit's.
    notices.push({ code: "no_items_left_at_location", actionRequired: true });
    applyItems = false;
  }
  const changes = fieldChanges(diff, applyItems);
  if (changes.length === 0) return none("no_change", { notices });

  const target = diff.recipient.target;
  let recipient: OpenLogiRecipient | undefined;
  if (diff.recipient.changed && target) {
    if (target.invalid.length > 0) return invalidRecipient(target.invalid, notices, target.notices);
    recipient = keepDivision(target.recipient, diff.recipient.before);
    notices.push(...target.notices);
  }
  const body = buildUpdateBody(shipment.raw, {
    recipient,
    shippingEmail: diff.email.changed ? diff.email.after : undefined,
    items: applyItems ? diff.items.after : undefined,
  });
  return { kind: "update", outcome: "updated", body, changes: withRecipientAfter(changes, recipient), notices };
}

/** 出庫ピッキング中〜ピッキング済: only the recipient can change, by a billable modify request. */
function changeAfterConfirmation(
  input: SyncInput,
  shipment: ShipmentSnapshot,
  diff: ShipmentDiff,
  itemsApply: boolean,
  notices: Notice[],
): SyncDecision {
  const changes = fieldChanges(diff, itemsApply);
  // ModifyShipmentRequest has no email field.
  if (diff.email.changed) notices.push({ code: "email_not_changeable_after_confirmation", actionRequired: false });
  // Nor items: picking has begun with the old list.
  if (itemsApply) notices.push({ code: "items_changed_after_picking", actionRequired: true, params: itemParams(diff) });

  const target = diff.recipient.target;
  if (!diff.recipient.changed || !target) return none("not_reflected_confirmed", { changes, notices });
  if (!input.settings.modifyAfterConfirmation) {
    return none("not_reflected_confirmed", { changes, notices, params: { setting: "modifyAfterConfirmation" } });
  }
  if (target.invalid.length > 0) return invalidRecipient(target.invalid, notices, target.notices);
  const recipient = keepDivision(target.recipient, diff.recipient.before);
  return {
    kind: "billableModifyRequest",
    outcome: "modify_requested",
    body: buildModifyBody(shipment.raw, recipient),
    changes: [{ field: "recipient", before: diff.recipient.before, after: recipient }],
    changeKey: `${shipment.id}:recipient:${stableJson(recipient)}`,
    notices: [...notices, ...target.notices],
  };
}

/** The fields that differ; items only when they are to be reconciled for this shipment. */
function fieldChanges(diff: ShipmentDiff, includeItems: boolean): FieldChange[] {
  const changes: FieldChange[] = [];
  if (diff.recipient.changed) {
    changes.push({ field: "recipient", before: diff.recipient.before, after: diff.recipient.target?.recipient });
  }
  if (diff.email.changed) changes.push({ field: "shipping_email", before: diff.email.before, after: diff.email.after });
  if (includeItems) changes.push({ field: "items", before: diff.items.before, after: diff.items.after });
  return changes;
}

function withRecipientAfter(changes: FieldChange[], recipient: OpenLogiRecipient | undefined): FieldChange[] {
  return changes.map((change) => (change.field === "recipient" && recipient ? { ...change, after: recipient } : change));
}

/** 部署 is not in Shopify's address: keep what the merchant set in OpenLogi. */
function keepDivision(mapped: OpenLogiRecipient, stored: OpenLogiRecipient | null): OpenLogiRecipient {
  if (stored === null || isInternational(stored) || isInternational(mapped)) return mapped;
  const division = "division" in stored ? stored.division : undefined;
  return division ? { ...mapped, division } : mapped;
}

function invalidRecipient(fields: string[], notices: Notice[], recipientNotices: Notice[]): SyncDecision {
  return none("invalid_recipient", { notices: [...notices, ...recipientNotices], params: { fields: fields.join(", ") } });
}

function itemParams(diff: ShipmentDiff): Params {
  const wanted = new Map(diff.items.after.map((line) => [line.code, line.quantity]));
  const held = new Map(diff.items.before.map((line) => [line.code, line.quantity]));
  const codes = [...new Set([...held.keys(), ...wanted.keys()])]
    .filter((code) => held.get(code) !== wanted.get(code))
    .sort();
  const { missingSku } = diff.items.desired;
  return { codes: codes.join(", "), ...(missingSku.length > 0 ? { missingSku: missingSku.join(", ") } : {}) };
}

function none(
  outcome: NoopOutcome,
  extra: { changes?: FieldChange[]; notices?: Notice[]; params?: Params } = {},
): SyncDecision {
  return {
    kind: "none",
    outcome,
    changes: extra.changes ?? [],
    notices: extra.notices ?? [],
    ...(extra.params ? { params: extra.params } : {}),
  };
}
