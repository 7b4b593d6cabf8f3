/**
 * The amounts a shipment carries once a PUT changes its items (SPEC.md "What counts as a
 * difference", "Amounts follow the items"): taken from the order's current figures, only
 * for the fields the shipment already carries. A cash-on-delivery amount must be exactly
 * what the customer owes; when it cannot be, nothing is sent and staff are asked to act.
 */
import { skuOf, type LocationItems } from "./items";
import type { Notice, OrderSnapshot, ShipmentResponse } from "./types";

/** Delivery-note (納品書) amounts on the shipment, and the cash-on-delivery pair. */
export type AmountField =
  | "subtotal_amount"
  | "discount_amount"
  | "delivery_charge"
  | "total_amount"
  | "tax"
  | "total_with_normal_tax"
  | "total_with_reduced_tax"
  | "total_for_cash_on_delivery"
  | "tax_for_cash_on_delivery";

/** Why a cash-on-delivery amount cannot be made exact. */
export type CashOnDeliveryProblem =
  /** The order is not in yen. */
  | "currency"
  /** Part of the order ships from elsewhere or has shipped: the order's total is not this parcel's. */
  | "partial_order"
  /** Part is already paid: the tax share of what is left is unknown. */
  | "partly_paid"
  | "fractional_amount";

/** Per SKU, what the order says of its lines, when all lines of that SKU agree. */
export interface ItemFigures {
  title: string;
  unitPrice: number | null;
  reducedTax: boolean | null;
}

export type AmountsPlan =
  | {
      kind: "apply";
      fields: Partial<Record<AmountField, number>>;
      /** Per code, the order's figures for item lines (names of added items). */
      items: ReadonlyMap<string, ItemFigures>;
      /** Whether item prices follow the order: only when the shipment shows prices, in the order's currency. */
      prices: boolean;
      notices: Notice[];
    }
  | { kind: "cashOnDeliveryUnresolved"; problem: CashOnDeliveryProblem; notice: Notice };

const DOMESTIC_CURRENCY = "JPY";

/** Plans the amounts for a PUT that changes the items of `raw` (the shipment as OpenLogi holds it). */
export function planAmounts(order: OrderSnapshot, raw: ShipmentResponse, location: LocationItems): AmountsPlan {
  const { amounts } = order;
  if (raw.cash_on_delivery === true) {
    const problem = cashOnDeliveryProblem(order, location);
    if (problem !== null) {
      return {
        kind: "cashOnDeliveryUnresolved",
        problem,
        notice: {
          code: "cash_on_delivery_amount_unresolved",
          actionRequired: true,
          params: { problem, collected: raw.total_for_cash_on_delivery ?? "", owed: amounts.outstanding },
        },
      };
    }
  }

  // Shopify's figures fit only a delivery note kept in the same currency and on the same tax basis (税込み or not).
  const sameBasis =
    amounts.currency === (raw.currency_code || DOMESTIC_CURRENCY) &&
    (raw.tax_included === undefined || raw.tax_included === amounts.taxesIncluded);
  const fields: Partial<Record<AmountField, number>> = {};
  const notUpdated: string[] = [];
  const set = (field: AmountField, value: number | null, integer: boolean) => {
    if (raw[field] == null) return; // the shipment carries no such amount: none is invented
    if (sameBasis && value !== null && (!integer || Number.isInteger(value))) fields[field] = value;
    else notUpdated.push(field);
  };
  set("subtotal_amount", amounts.subtotal, false);
  set("discount_amount", amounts.discounts, false);
  set("delivery_charge", amounts.shipping, false);
  set("total_amount", amounts.total, false);
  set("tax", amounts.tax, true);
  const reduced = reducedRateTotal(order);
  set("total_with_reduced_tax", reduced, true);
  set("total_with_normal_tax", reduced === null ? null : amounts.total - reduced, true);
  if (raw.cash_on_delivery === true) {
    fields.total_for_cash_on_delivery = amounts.outstanding;
    fields.tax_for_cash_on_delivery = amounts.tax;
  }

  const showsPrices = (raw.items ?? []).some((item) => item.unit_price != null || item.price != null);
  if (showsPrices && !sameBasis) notUpdated.push("items.price");
  const notices: Notice[] = notUpdated.length > 0
    ? [{ code: "amounts_not_updated", actionRequired: false, params: { fields: notUpdated.join(", ") } }]
    : [];
  return { kind: "apply", fields, items: itemFigures(order), prices: showsPrices && sameBasis, notices };
}

/**
 * Why the amount a cash-on-delivery carrier collects cannot be exactly what the customer
 * owes; null when it can. Callers handle an order in one shipment only, so the location's
 * share is the parcel's.
 */
export function cashOnDeliveryProblem(order: OrderSnapshot, location: LocationItems): CashOnDeliveryProblem | null {
  const { amounts } = order;
  if (amounts.currency !== DOMESTIC_CURRENCY) return "currency";
  if (!location.wholeOrder) return "partial_order";
  if (amounts.outstanding !== amounts.total) return "partly_paid";
  if (!Number.isInteger(amounts.total) || !Number.isInteger(amounts.tax)) return "fractional_amount";
  return null;
}

/**
 * The part of the total at the reduced rate (合計軽減税率): exact only when prices include
 * tax and nothing is discounted, since Shopify gives no per-rate total; 0 when no line is
 * at the reduced rate. null when it cannot be exact.
 */
function reducedRateTotal(order: OrderSnapshot): number | null {
  const reducedLines = order.lineItems.filter((line) => line.currentQuantity > 0 && line.reducedTax === true);
  if (reducedLines.length === 0) return 0;
  if (!order.amounts.taxesIncluded || order.amounts.discounts !== 0) return null;
  let total = 0;
  for (const line of reducedLines) {
    if (line.unitPrice === null) return null;
    total += line.unitPrice * line.currentQuantity;
  }
  return total;
}

/** Per SKU, the order line's title, unit price and rate; a figure the lines disagree on is null. */
export function itemFigures(order: OrderSnapshot): Map<string, ItemFigures> {
  const figures = new Map<string, ItemFigures>();
  for (const line of order.lineItems) {
    const code = skuOf(line.sku);
    if (code === null) continue;
    const seen = figures.get(code);
    figures.set(
      code,
      seen
        ? {
            title: seen.title,
            unitPrice: seen.unitPrice === line.unitPrice ? seen.unitPrice : null,
            reducedTax: seen.reducedTax === line.reducedTax ? seen.reducedTax : null,
          }
        : { title: line.title, unitPrice: line.unitPrice, reducedTax: line.reducedTax },
    );
  }
  return figures;
}
