import { shipmentKeyOf } from "../../../app/sync/shipment-key";
import { buildOrderSnapshot } from "../../doubles/build-order-snapshot";

describe("shipmentKeyOf", () => {
  const order = buildOrderSnapshot({ name: "SHOP-1001-JP", number: 1001, legacyId: "450789469" });

  it("uses the order name with the shop's prefix and suffix by default key kind", () => {
    expect(shipmentKeyOf(order, "name")).toBe("SHOP-1001-JP");
  });

  it("uses the bare order number", () => {
    expect(shipmentKeyOf(order, "number")).toBe("1001");
  });

  it("uses the numeric order id", () => {
    expect(shipmentKeyOf(order, "id")).toBe("450789469");
  });
});
