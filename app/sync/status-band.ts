import type { ShipmentStatus, StatusBand } from "./types";

/**
 * Groups an OpenLogi shipment status the way FAQ 217 does (SPEC.md "Status band").
 * API 1.3's `allocating` and `working` are mapped too, so a shop pinned to 1.3 still syncs.
 */
export function bandOf(status: ShipmentStatus): StatusBand {
  switch (status) {
    case "backordered":
    case "waiting":
    case "allocating":
      return "OPEN";
    case "picking":
    case "picked":
    case "working":
      return "CONFIRMED";
    case "packed":
    case "shipped":
      return "PACKED";
    case "cancel_request":
    case "modify_request":
      return "REQUESTED";
    // 保留: the FAQ does not name it; SPEC.md says handle it as OPEN.
    case "suspended":
      return "HELD";
    default: {
      const unhandled: never = status;
      throw new Error(`unknown OpenLogi shipment status: ${String(unhandled)}`);
    }
  }
}
