import { requestedRecipientOf, settleBillableRequest, type SeenShipment } from "../../../app/follow-up/settle-request";
import type { ShipmentStatus } from "../../../app/sync/types";

const ASKED = { name: "山田 花子", postcode: "530-0001", prefecture: "大阪府", address1: "大阪市北区梅田3-1-1" };
const OLD = { name: "山田 花子", postcode: "150-0001", prefecture: "東京都", address1: "渋谷区神宮前1-1-1" };
const seen = (status: ShipmentStatus, recipient: unknown = OLD): SeenShipment => ({ status, recipient });

describe("settleBillableRequest", () => {
  it.each<[string, SeenShipment, string, ShipmentStatus | null]>([
    ["a cancel request whose shipment is gone was carried out", null, "cancelled", null],
    ["a cancel request back to picking was not carried out", seen("picking"), "not_carried_out", "picking"],
    ["a cancel request whose shipment is picked was not carried out", seen("picked"), "not_carried_out", "picked"],
    ["a cancel request whose shipment is packed was not carried out", seen("packed"), "not_carried_out", "packed"],
    ["a cancel request whose shipment shipped was not carried out", seen("shipped"), "not_carried_out", "shipped"],
    ["a cancel request whose shipment is waiting again was not carried out", seen("waiting"), "not_carried_out", "waiting"],
  ])("%s", (_title, shipment, result, status) => {
    expect(settleBillableRequest("cancel", null, shipment)).toEqual({ kind: "settled", result, status });
  });

  it("leaves a cancel request pending while the shipment shows cancel_request", () => {
    expect(settleBillableRequest("cancel", null, seen("cancel_request"))).toEqual({ kind: "pending" });
  });

  it.each<[string, SeenShipment, string, ShipmentStatus | null]>([
    ["a modify request whose shipment holds the new address back at picking was carried out", seen("picking", { ...ASKED, division: "経理部" }), "modified", "picking"],
    ["a modify request whose shipment shipped with the new address was carried out", seen("shipped", ASKED), "modified", "shipped"],
    ["a modify request whose shipment went back to picking with the old address was not carried out", seen("picking"), "not_carried_out", "picking"],
    ["a modify request whose shipment shipped with the old address was not carried out", seen("shipped"), "not_carried_out", "shipped"],
    ["a modify request whose shipment is gone ends with the shipment gone", null, "shipment_gone", null],
    ["a modify request replaced by a cancel request is superseded", seen("cancel_request"), "superseded", "cancel_request"],
  ])("%s", (_title, shipment, result, status) => {
    expect(settleBillableRequest("modify", ASKED, shipment)).toEqual({ kind: "settled", result, status });
  });

  it("leaves a modify request pending while the shipment shows modify_request", () => {
    expect(settleBillableRequest("modify", ASKED, seen("modify_request"))).toEqual({ kind: "pending" });
  });

  it("calls a modify request unverifiable when what it asked was redacted, rather than guess", () => {
    expect(settleBillableRequest("modify", null, seen("picking", ASKED))).toEqual({ kind: "settled", result: "unverifiable", status: "picking" });
  });
});

describe("requestedRecipientOf", () => {
  it("reads the recipient out of a modify request's ledger key", () => {
    expect(requestedRecipientOf(`TS001-S1:recipient:${JSON.stringify(ASKED)}`)).toEqual(ASKED);
  });

  it("has none for a cancel request's key", () => {
    expect(requestedRecipientOf("cancel")).toBeNull();
  });

  it("has none once app/privacy replaced the recipient by its digest", () => {
    expect(requestedRecipientOf("TS001-S1:recipient:sha256:9f86d081884c7d65")).toBeNull();
  });
});
