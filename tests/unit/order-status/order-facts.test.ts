import { FACTS_MAX_AGE_MS, factsHold, orderFactsOf, updatedAtOf, type FactsSettings, type OrderFacts } from "../../../app/order-status/order-facts";
import { buildOrderSnapshot } from "../../doubles/build-order-snapshot";

const SETTINGS: FactsSettings = { shipmentKey: "name", locationId: null };
const READ_AT = new Date("2026-11-20T02:00:00Z");
const FACTS: OrderFacts = { shipmentKey: "#1001", atLocation: true, settingsKey: "name|", orderUpdatedAt: "2026-11-20T01:00:00Z", readAt: READ_AT };
const soon = new Date(READ_AT.getTime() + 5 * 60_000);

describe("the order's facts for the order page", () => {
  it("takes the key and the location from the order, with its version", () => {
    const order = buildOrderSnapshot();
    const facts = orderFactsOf(order, SETTINGS, READ_AT);
    expect(facts).toEqual({ shipmentKey: order.name, atLocation: true, settingsKey: "name|", orderUpdatedAt: order.updatedAt, readAt: READ_AT });
    expect(orderFactsOf(order, { ...SETTINGS, shipmentKey: "id" }, READ_AT).shipmentKey).toBe(order.legacyId);
  });

  it("hold while no webhook of a newer version came in", () => {
    expect(factsHold(FACTS, { settings: SETTINGS, laterEvents: [], now: soon })).toBe(true);
    expect(factsHold(FACTS, { settings: SETTINGS, laterEvents: ["2026-11-20T01:00:00Z", "2026-11-20T10:00:00+09:00"], now: soon })).toBe(true);
  });

  it("lapse with a newer version, a webhook without one, other settings, or after an hour", () => {
    expect(factsHold(FACTS, { settings: SETTINGS, laterEvents: ["2026-11-20T01:00:01Z"], now: soon })).toBe(false);
    expect(factsHold(FACTS, { settings: SETTINGS, laterEvents: [null], now: soon })).toBe(false);
    expect(factsHold(FACTS, { settings: { ...SETTINGS, locationId: "gid://shopify/Location/2" }, laterEvents: [], now: soon })).toBe(false);
    expect(factsHold(FACTS, { settings: { ...SETTINGS, shipmentKey: "number" }, laterEvents: [], now: soon })).toBe(false);
    expect(factsHold(FACTS, { settings: SETTINGS, laterEvents: [], now: new Date(READ_AT.getTime() + FACTS_MAX_AGE_MS) })).toBe(false);
  });

  it("reads a stored webhook body's version, and none from one without it", () => {
    expect(updatedAtOf(JSON.stringify({ id: 1, updated_at: "2026-11-20T10:00:00+09:00" }))).toBe("2026-11-20T10:00:00+09:00");
    expect(updatedAtOf(JSON.stringify({ order_edit: { id: 1 } }))).toBeNull();
    expect(updatedAtOf(JSON.stringify({ updated_at: "yesterday" }))).toBeNull();
    expect(updatedAtOf("not json")).toBeNull();
  });
});
