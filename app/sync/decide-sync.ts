/**
 * The sync rules of SPEC.md as one pure function: given one Shopify order event and one
 * OpenLogi shipment, what to do. Every path returns a decision, "nothing" included, so
 * the shell can record it in the history.
 */
import { planAmounts } from "./amounts";
import { idTail, itemsAtLocation, type LineWithoutSku, type LocationItems } from "./items";
import { buildModifyBody, buildUpdateBody } from "./shipment-body";
import { diffShipment, type ShipmentDiff } from "./shipment-diff";
import { shipmentKeyOf } from "./shipment-key";
import { recipientChangeKey } from "./recipient-change-key";
import { bandOf } from "./status-band";
import type {
  FieldChange,
  NoopOutcome,
  Notice,
  ShipmentSnapshot,
  ShipmentStatus,
  StatusBand,
  SyncDecision,
  SyncInput,
  SyncSettings,
} from "./types";

type Params = Record<string, string | number>;

/**
 * Decides what to do with one shipment of one order. Checks run in this order: paused,
 * not an OpenLogi order, then per event: whether Shopify's order agrees with the event,
 * changes not reflected, no shipment, then SPEC.md's Cancellation or Changes table by
 * status band.
 */
export function decideSync(input: SyncInput): SyncDecision {
  const { event, order, shipment, settings } = input;
  if (settings.paused) return none("paused");
  const location = itemsAtLocation(order, settings.locationId);
  // Nothing for a carrier at the OpenLogi location (local pickup, another warehouse, digital goods): not OpenLogi's.
  if (!location.atLocation) return none("not_openlogi_order");
  switch (event) {
    case "cancelled":
      // The webhook body is only a trigger: nothing is deleted unless Shopify's order is cancelled.
      if (order.cancelledAt === null) return none("order_not_cancelled");
      if (shipment === null) return none("no_shipment");
      return decideCancellation(shipment.status, settings);
    case "edited":
    case "updated":
      // Once an order is cancelled, later changes are recorded as such (SPEC.md "Delivery, order and failure").
      if (order.cancelledAt !== null) return none("order_cancelled");
      // Even with changes not reflected the shipment is read: a wrong parcel is warned of whatever the settings.
      if (shipment === null) return none("no_shipment");
      return withItemInfo(input, location, decideChange(input, shipment, location));
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

/** What the diff says about items, with the SKU-less lines order edits added. */
interface ItemsView {
  diff: ShipmentDiff;
  /** SKU-less lines an edit added: they have no OpenLogi code (SPEC.md "Added item without SKU"). */
  addedWithoutSku: LineWithoutSku[];
  /** Items differ over all the order's shipments. */
  changed: boolean;
  /** Codes this shipment holds that were taken out. */
  removedHere: string[];
  /** The change concerns this shipment: it holds what was taken out, or nothing holds what was added. */
  concernsThis: boolean;
}

/** SPEC.md "Changes"; FAQ 217 変更連携. */
function decideChange(input: SyncInput, shipment: ShipmentSnapshot, location: LocationItems): SyncDecision {
  const diff = diffShipment(input.order, shipment, input.siblings, location);
  const addedWithoutSku = location.withoutSku.filter((line) => input.addedLineItemIds.has(idTail(line.lineItemId)));
  const own = new Set(diff.items.own.map((line) => line.code));
  const removedHere = diff.items.removedCodes.filter((code) => own.has(code));
  const view: ItemsView = {
    diff,
    addedWithoutSku,
    changed: diff.items.changed || addedWithoutSku.length > 0,
    removedHere,
    concernsThis: removedHere.length > 0 || diff.items.addedCodes.length > 0 || addedWithoutSku.length > 0,
  };
  const band = bandOf(shipment.status);

  // Settings silence actions, not warnings: a wrong parcel is worth knowing of either way.
  if (!input.settings.reflectChanges) {
    return none("reflect_disabled", {
      changes: fieldChanges(diff, view.concernsThis),
      notices: [...wrongParcelWarnings(band, view), ...amountWarnings(diff)],
    });
  }
  switch (band) {
    case "OPEN":
    case "HELD":
      return changeBeforeConfirmation(input, shipment, location, view);
    case "CONFIRMED":
      return changeAfterConfirmation(input, shipment, view);
    case "PACKED": {
      // Shopify's warning: a fulfilment app that misses an edit may ship a removed, unpaid item.
      const changes = fieldChanges(diff, view.concernsThis);
      if (changes.length === 0) return none("no_change");
      return none("not_reflected_packed", { changes, notices: [...wrongParcelWarnings(band, view), ...amountWarnings(diff)] });
    }
    case "REQUESTED": {
      const changes = fieldChanges(diff, view.concernsThis);
      return changes.length === 0 ? none("no_change") : none("request_pending", { changes, notices: amountWarnings(diff) });
    }
    default: {
      const unhandled: never = band;
      throw new Error(`unknown status band: ${String(unhandled)}`);
    }
  }
}

/** 出庫確定前: `PUT` the whole request with the new recipient, email and items. */
function changeBeforeConfirmation(
  input: SyncInput,
  shipment: ShipmentSnapshot,
  location: LocationItems,
  view: ItemsView,
): SyncDecision {
  const { diff } = view;
  const notices: Notice[] = [];
  let applyItems = view.changed;
  if (view.changed) {
    if (input.siblings.length > 0) {
      // Items are not redistributed between several shipments of one order: staff must check them.
      notices.push({
        code: "items_not_reconciled_multiple_shipments",
        actionRequired: true,
        params: { shipmentCount: input.siblings.length + 1 },
      });
      applyItems = false;
    } else if (view.addedWithoutSku.length > 0) {
      // An added item with no SKU has no OpenLogi code: say so and change nothing in the shipment.
      const titles = view.addedWithoutSku.map((line) => line.title);
      return none("missing_sku", {
        changes: fieldChanges(diff, true),
        params: { titles: titles.join(", "), count: titles.length },
      });
    } else if (!input.settings.reflectItemChanges) {
      notices.push(...wrongParcelWarnings("OPEN", view));
      applyItems = false;
    } else if (diff.items.after.length === 0) {
      // An empty item list is not a shipment; deleting it is the merchant's call, not an edit's.
      notices.push({ code: "no_items_left_at_location", actionRequired: true });
      applyItems = false;
    }
  }
  const changes = fieldChanges(diff, applyItems);
  if (changes.length === 0) {
    const itemsOnly = view.changed && !input.settings.reflectItemChanges && input.siblings.length === 0;
    return itemsOnly
      ? none("items_not_reflected", { changes: fieldChanges(diff, true), notices })
      : none("no_change", { notices });
  }

  const mapping = diff.recipient.mapping;
  if (diff.recipient.changed && mapping) {
    if (mapping.invalid.length > 0) return invalidRecipient(mapping.invalid, notices, mapping.notices);
    notices.push(...mapping.notices);
  }
  let amounts;
  if (applyItems || diff.cashOnDelivery.changed) {
    const plan = planAmounts(input.order, shipment.raw, location);
    // A carrier must never collect a wrong amount: change nothing and ask staff.
    if (plan.kind === "cashOnDeliveryUnresolved") {
      return none("cash_on_delivery_unresolved", { changes, notices: [...notices, plan.notice] });
    }
    notices.push(...plan.notices);
    amounts = { fields: plan.fields, items: plan.items, prices: plan.prices };
  }
  const body = buildUpdateBody(shipment.raw, {
    recipient: diff.recipient.changed ? (diff.recipient.after ?? undefined) : undefined,
    shippingEmail: diff.email.changed && diff.email.after !== null ? diff.email.after : undefined,
    items: applyItems ? diff.items.after : undefined,
    amounts,
  });
  return { kind: "update", outcome: "updated", body, changes, notices };
}

/** 出庫ピッキング中〜ピッキング済: only the recipient can change, by a billable modify request. */
function changeAfterConfirmation(input: SyncInput, shipment: ShipmentSnapshot, view: ItemsView): SyncDecision {
  const { diff } = view;
  const changes = fieldChanges(diff, view.concernsThis);
  if (changes.length === 0) return none("no_change");
  const notices: Notice[] = [];
  // ModifyShipmentRequest has no email field.
  if (diff.email.changed) notices.push({ code: "email_not_changeable_after_confirmation", actionRequired: false });
  // Nor items, nor amounts: picking has begun with the old list.
  notices.push(...wrongParcelWarnings("CONFIRMED", view), ...amountWarnings(diff));

  const mapping = diff.recipient.mapping;
  const recipient = diff.recipient.after;
  if (!diff.recipient.changed || !mapping || !recipient) return none("not_reflected_confirmed", { changes, notices });
  if (!input.settings.modifyAfterConfirmation) {
    return none("not_reflected_confirmed", { changes, notices, params: { setting: "modifyAfterConfirmation" } });
  }
  if (mapping.invalid.length > 0) return invalidRecipient(mapping.invalid, notices, mapping.notices);
  return {
    kind: "billableModifyRequest",
    outcome: "modify_requested",
    body: buildModifyBody(shipment.raw, recipient, shipmentKeyOf(input.order, input.settings.shipmentKey)),
    changes: [{ field: "recipient", before: diff.recipient.before, after: recipient }],
    changeKey: recipientChangeKey(shipment.id, recipient),
    notices: [...notices, ...mapping.notices],
  };
}

/**
 * The Action-required notices SPEC.md keeps whatever the settings: items that changed after
 * picking began, removed items the shipment still holds, added items it lacks.
 */
function wrongParcelWarnings(band: StatusBand, view: ItemsView): Notice[] {
  if (!view.concernsThis) return [];
  const { diff, removedHere } = view;
  const removed: Notice[] =
    removedHere.length > 0 ? [{ code: "removed_items_may_ship", actionRequired: true, params: { codes: removedHere.join(", ") } }] : [];
  switch (band) {
    case "OPEN":
    case "HELD": {
      const added = [...diff.items.addedCodes, ...view.addedWithoutSku.map((line) => line.title)];
      return added.length > 0
        ? [...removed, { code: "added_items_not_shipped", actionRequired: true, params: { codes: added.join(", ") } }]
        : removed;
    }
    case "CONFIRMED": {
      // Another shipment's removal is that shipment's warning.
      const codes = [...removedHere, ...diff.items.addedCodes].sort();
      const missingSku = view.addedWithoutSku.map((line) => line.title);
      return [
        {
          code: "items_changed_after_picking",
          actionRequired: true,
          params: { codes: codes.join(", "), ...(missingSku.length > 0 ? { missingSku: missingSku.join(", ") } : {}) },
        },
      ];
    }
    case "PACKED":
      return removed;
    case "REQUESTED":
      return [];
    default: {
      const unhandled: never = band;
      throw new Error(`unknown status band: ${String(unhandled)}`);
    }
  }
}

/** Once the shipment can no longer change, a carrier collecting the old amount is staff's to stop. */
function amountWarnings(diff: ShipmentDiff): Notice[] {
  const { changed, before, after } = diff.cashOnDelivery;
  if (!changed || after === null) return [];
  return [{ code: "cash_on_delivery_amount_changed", actionRequired: true, params: { collected: before ?? "", owed: after } }];
}

/**
 * Notes on what was not compared — SKU-less lines the order always had, item codes that
 * are not SKUs — on the decisions where items matter: an edit, or a write.
 */
function withItemInfo(input: SyncInput, location: LocationItems, decision: SyncDecision): SyncDecision {
  if (input.event !== "edited" && decision.kind === "none") return decision;
  const info: Notice[] = [];
  const original = location.withoutSku.filter((line) => !input.addedLineItemIds.has(idTail(line.lineItemId)));
  if (original.length > 0) {
    info.push({
      code: "line_without_sku_not_compared",
      actionRequired: false,
      params: { titles: original.map((line) => line.title).join(", ") },
    });
  }
  const unknown = (input.shipment?.raw.items ?? []).filter((item) => !location.orderSkus.has(item.code));
  if (unknown.length > 0) {
    // Items cannot be compared: after an edit, staff must check them by hand.
    info.push({
      code: "item_codes_not_skus",
      actionRequired: input.event === "edited",
      params: { codes: unknown.map((item) => item.code).join(", ") },
    });
  }
  return info.length > 0 ? { ...decision, notices: [...decision.notices, ...info] } : decision;
}

/** The fields that differ; items only when they count for this decision. */
function fieldChanges(diff: ShipmentDiff, includeItems: boolean): FieldChange[] {
  const changes: FieldChange[] = [];
  if (diff.recipient.changed) changes.push({ field: "recipient", before: diff.recipient.before, after: diff.recipient.after });
  if (diff.email.changed) changes.push({ field: "shipping_email", before: diff.email.before, after: diff.email.after });
  if (includeItems) changes.push({ field: "items", before: diff.items.before, after: diff.items.after });
  if (diff.cashOnDelivery.changed) {
    changes.push({ field: "cash_on_delivery", before: diff.cashOnDelivery.before, after: diff.cashOnDelivery.after });
  }
  return changes;
}

function invalidRecipient(fields: string[], notices: Notice[], recipientNotices: Notice[]): SyncDecision {
  return none("invalid_recipient", { notices: [...notices, ...recipientNotices], params: { fields: fields.join(", ") } });
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
