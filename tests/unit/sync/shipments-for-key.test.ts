import { shipmentsForKey } from "../../../app/sync/shipment-key";

describe("shipmentsForKey", () => {
  it("keeps the shipments whose identifier is the key, or whose order_no is when they have no identifier", () => {
    const found = [
      { id: "A", identifier: "#1001", orderNo: "#1001" },
      { id: "B", identifier: null, orderNo: "#1001" },
      { id: "C", identifier: "#10011", orderNo: "#1001" },
      { id: "D", identifier: "", orderNo: "#1001" },
      { id: "E", identifier: null, orderNo: "#1002" },
    ];
    expect(shipmentsForKey(found, "#1001").map((shipment) => shipment.id)).toEqual(["A", "B", "D"]);
  });
});
