import type { OrderSnapshot, ShipmentKeyKind, ShipmentSnapshot } from "./types";

/**
 * The key a Shopify order's OpenLogi shipment is found by (SPEC.md "Shipment key").
 * OpenLogi's own Shopify import writes the order name ("#1001") into 注文番号, hence the default.
 */
export function shipmentKeyOf(order: OrderSnapshot, kind: ShipmentKeyKind): string {
  switch (kind) {
    case "name":
      return order.name;
    case "number":
      return String(order.number);
    case "id":
      return order.legacyId;
    default: {
      const unhandled: never = kind;
      throw new Error(`unknown shipment key kind: ${String(unhandled)}`);
    }
  }
}

/**
 * The shipments a lookup by `key` found that are the order's: OpenLogi matches the key against
 * `identifier`, and against `order_no` when a shipment has no identifier.
 */
export function shipmentsForKey<T extends Pick<ShipmentSnapshot, "identifier" | "orderNo">>(shipments: T[], key: string): T[] {
  return shipments.filter((shipment) => shipment.identifier === key || (!shipment.identifier && shipment.orderNo === key));
}
