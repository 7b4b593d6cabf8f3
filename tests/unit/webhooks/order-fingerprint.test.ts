import { orderFingerprint } from "../../../app/webhooks/order-fingerprint";
import { webhookPayloads } from "../../doubles/scenario";
import { orderNumbered } from "../../doubles/scenario";

type Payload = ReturnType<typeof webhookPayloads.updated>;
const base = (): Payload => webhookPayloads.updated(orderNumbered(1001), "2026-11-20T10:00:00+09:00");
const line = (payload: Payload, patch: Record<string, unknown>) => ({
  ...payload,
  line_items: payload.line_items.map((item, index) => (index === 0 ? { ...item, ...patch } : item)),
});
const address = (payload: Payload, patch: Record<string, unknown>) => ({ ...payload, shipping_address: { ...payload.shipping_address!, ...patch } });

describe("orderFingerprint", () => {
  it.each<[string, (payload: Payload) => unknown]>([
    ["tags", (p) => ({ ...p, tags: "vip, gift" })],
    ["the note", (p) => ({ ...p, note: "置き配希望" })],
    ["the payment status", (p) => ({ ...p, financial_status: "authorized" })],
    ["note attributes", (p) => ({ ...p, note_attributes: [{ name: "gift", value: "yes" }] })],
    ["updated_at", (p) => ({ ...p, updated_at: "2026-11-20T11:00:00+09:00" })],
    ["the customer record", (p) => ({ ...p, customer: { id: 1, tags: "repeat" } })],
    ["the order of the line items", (p) => ({ ...p, line_items: [...p.line_items].reverse() })],
    ["the address's coordinates", (p) => address(p, { latitude: 35.68, longitude: 139.76 })],
  ])("is unchanged when only %s changes", (_name, change) => {
    expect(orderFingerprint(change(base()))).toBe(orderFingerprint(base()));
  });

  it.each<[string, (payload: Payload) => unknown]>([
    ["the recipient's name", (p) => address(p, { last_name: "佐藤", name: "佐藤 太郎" })],
    ["the postcode", (p) => address(p, { zip: "530-0001" })],
    ["the prefecture", (p) => address(p, { province_code: "JP-27", province: "Osaka" })],
    ["address line 1", (p) => address(p, { address1: "梅田2-2" })],
    ["address line 2", (p) => address(p, { address2: "5F" })],
    ["the shipping phone", (p) => address(p, { phone: "080-0000-0000" })],
    ["the company", (p) => address(p, { company: "株式会社テスト" })],
    ["the country", (p) => address(p, { country_code: "US" })],
    ["the email", (p) => ({ ...p, email: "other@example.com" })],
    ["the order's phone", (p) => ({ ...p, phone: "+81 90-1111-2222" })],
    ["a line's SKU", (p) => line(p, { sku: "OTHER-SKU" })],
    ["a line's current quantity (an edit or a refund that removed units)", (p) => line(p, { current_quantity: 0 })],
    ["a line's quantity still to fulfil (a fulfillment)", (p) => line(p, { fulfillable_quantity: 0, fulfillment_status: "fulfilled" })],
    ["whether a line needs shipping", (p) => line(p, { requires_shipping: false })],
    ["an added line", (p) => ({ ...p, line_items: [...p.line_items, { ...p.line_items[0], id: 999, sku: "NEW" }] })],
    ["a fulfillment", (p) => ({ ...p, fulfillments: [{ id: 1, status: "success", location_id: 7 }] })],
    ["a fulfillment's status (cancelled)", (p) => ({ ...p, fulfillments: [{ id: 1, status: "cancelled", location_id: 7 }] })],
    ["the delivery method", (p) => ({ ...p, shipping_lines: [{ id: 1, code: "PICK_UP", title: "店舗受取", source: "shopify", carrier_identifier: null, is_removed: false }] })],
    ["what is still owed (cash on delivery)", (p) => ({ ...p, total_outstanding: String(Number(p.total_outstanding) + 500) })],
    ["the order's total", (p) => ({ ...p, current_total_price: "1" })],
    ["the cancellation", (p) => ({ ...p, cancelled_at: "2026-11-20T12:00:00+09:00", cancel_reason: "customer" })],
    ["the order name (the shipment key)", (p) => ({ ...p, name: "#1001-A" })],
  ])("changes when %s changes", (_name, change) => {
    expect(orderFingerprint(change(base()))).not.toBe(orderFingerprint(base()));
  });

  it.each([
    ["a body that is not an object", "[]"],
    ["a body without line items (an include_fields that forgot them)", JSON.stringify({ id: 1, name: "#1" })],
  ])("has none for %s, so the delivery is never skipped", (_name, body) => {
    expect(orderFingerprint(JSON.parse(body))).toBeNull();
  });

  it("reads ids kept as text past 2^53 the same as numbers", () => {
    const payload = line(base(), { id: 12345 });
    expect(orderFingerprint(line(payload, { id: "12345" }))).toBe(orderFingerprint(payload));
  });
});
