import { bandOf } from "../../../app/sync/status-band";
import { SHIPMENT_STATUSES, type ShipmentStatus, type StatusBand } from "../../../app/sync/types";

const EXPECTED: Record<ShipmentStatus, StatusBand> = {
  backordered: "OPEN",
  waiting: "OPEN",
  allocating: "OPEN",
  picking: "CONFIRMED",
  picked: "CONFIRMED",
  working: "CONFIRMED",
  packed: "PACKED",
  shipped: "PACKED",
  cancel_request: "REQUESTED",
  modify_request: "REQUESTED",
  suspended: "HELD",
};

describe("bandOf", () => {
  it.each(SHIPMENT_STATUSES.map((status) => [status, EXPECTED[status]]))("puts %s in the %s band", (status, band) => {
    expect(bandOf(status)).toBe(band);
  });
});
