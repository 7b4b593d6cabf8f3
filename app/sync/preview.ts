/**
 * What a cancellation or an edit would do to a shipment right now, for staff who are about
 * to press Cancel or Edit in Shopify. The answer is `decideSync` itself, run on a probe: an
 * order that ships one item from the OpenLogi location, against a shipment in the status
 * OpenLogi reports, under the shop's own settings. So the words come from the worker's
 * rules, never from a copy of them, and nothing about the real order is needed.
 */
import { decideSync } from "./decide-sync";
import { toOpenLogiRecipient } from "./recipient";
import type {
  MailingAddressSnapshot,
  OrderSnapshot,
  OutcomeCode,
  ShipmentSnapshot,
  ShipmentStatus,
  SyncEvent,
  SyncSettings,
} from "./types";

/** The three things staff can do to an order in Shopify that reach the shipment. */
export const PREVIEW_ACTIONS = ["cancel", "addressEdit", "itemEdit"] as const;
export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];

export type Preview = Record<PreviewAction, OutcomeCode>;

/** The outcome each action would have on a shipment in `status`, under `settings`. */
export function previewDecisions(status: ShipmentStatus, settings: SyncSettings): Preview {
  return {
    cancel: probe("cancelled", status, settings, { cancelled: true }),
    addressEdit: probe("updated", status, settings, { address: MOVED }),
    itemEdit: probe("updated", status, settings, { quantity: 2 }),
  };
}

const SKU = "PREVIEW-ITEM";
const LINE = "gid://shopify/LineItem/1";
/** Any location: the probe always ships from the one the settings name. */
const ANY_LOCATION = "gid://shopify/Location/1";

const HOME: MailingAddressSnapshot = {
  firstName: "太郎",
  lastName: "山田",
  name: "太郎 山田",
  company: null,
  address1: "千代田1-1",
  address2: null,
  city: "千代田区",
  province: "Tōkyō",
  provinceCode: "JP-13",
  zip: "100-0001",
  countryCode: "JP",
  phone: "03-1234-5678",
};
/** Another valid address: what an address edit changes the order to. */
const MOVED: MailingAddressSnapshot = { ...HOME, address1: "丸の内1-1", zip: "100-0005" };

interface ProbeChange {
  cancelled?: boolean;
  address?: MailingAddressSnapshot;
  quantity?: number;
}

function probe(event: SyncEvent, status: ShipmentStatus, settings: SyncSettings, change: ProbeChange): OutcomeCode {
  return decideSync({
    event,
    order: probeOrder(settings, change),
    shipment: probeShipment(status),
    siblings: [],
    addedLineItemIds: new Set(),
    settings,
  }).outcome;
}

/** One unit of one SKU, to ship by carrier from the OpenLogi location, to {@link HOME}: what the shipment holds. */
function probeOrder(settings: SyncSettings, change: ProbeChange): OrderSnapshot {
  const quantity = change.quantity ?? 1;
  return {
    id: "gid://shopify/Order/1",
    legacyId: "1",
    name: "#1",
    number: 1,
    updatedAt: "2026-01-01T00:00:00Z",
    cancelledAt: change.cancelled ? "2026-01-01T00:00:00Z" : null,
    email: null,
    shippingAddress: change.address ?? HOME,
    lineItems: [
      { id: LINE, sku: SKU, title: SKU, currentQuantity: quantity, requiresShipping: true, unitPrice: null, reducedTax: null },
    ],
    fulfillmentOrders: [
      {
        id: "gid://shopify/FulfillmentOrder/1",
        status: "OPEN",
        locationId: settings.locationId ?? ANY_LOCATION,
        deliveryMethod: "SHIPPING",
        lineItems: [{ lineItemId: LINE, totalQuantity: quantity, remainingQuantity: quantity }],
      },
    ],
    amounts: { currency: "JPY", subtotal: 0, discounts: 0, shipping: 0, tax: 0, total: 0, outstanding: 0, taxesIncluded: true },
  };
}

function probeShipment(status: ShipmentStatus): ShipmentSnapshot {
  return {
    id: "PREVIEW",
    identifier: "#1",
    orderNo: "#1",
    status,
    raw: {
      id: "PREVIEW",
      identifier: "#1",
      order_no: "#1",
      status,
      suspend: status === "suspended",
      cash_on_delivery: false,
      letter_of_attorney: false,
      recipient: toOpenLogiRecipient(HOME).recipient,
      items: [{ code: SKU, quantity: 1 }],
    },
  };
}
