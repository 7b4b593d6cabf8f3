import { createHash } from "node:crypto";
import { addedLineItemIds } from "../../../app/jobs/edit-additions";
import { jobSpecFor } from "../../../app/jobs/job-spec";
import { readRecordDetails } from "../../../app/history/record-details";
import { REMOVED, redactChangeKey, redactHistoryRecord } from "../../../app/privacy/redact-history";
import { redactWebhookPayload } from "../../../app/privacy/redact-payload";
import { retentionCutoff } from "../../../app/privacy/retention";

const NAME = "山田 花子";
const PHONE = "090-1234-5678";
const EMAIL = "hanako@example.jp";
const ADDRESS = "千代田区丸の内1-1-1";
const PERSONAL = [NAME, "山田", "花子", PHONE, EMAIL, ADDRESS, "Hanako", "Yamada", "100-0005", "203.0.113.7"];

const orderPayload = {
  id: 820982911946154508,
  admin_graphql_api_id: "gid://shopify/Order/820982911946154508",
  name: "#1001",
  order_number: 1001,
  email: EMAIL,
  contact_email: EMAIL,
  phone: PHONE,
  browser_ip: "203.0.113.7",
  note: `${NAME}へ`,
  cancelled_at: "2026-11-20T10:00:00+09:00",
  updated_at: "2026-11-20T10:00:00+09:00",
  customer: { id: 1, email: EMAIL, first_name: "Hanako", last_name: "Yamada", phone: PHONE },
  shipping_address: { name: NAME, address1: ADDRESS, zip: "100-0005", phone: PHONE },
  billing_address: { name: NAME, address1: ADDRESS, zip: "100-0005", phone: PHONE },
  line_items: [{ id: 1, sku: "A", title: "Tea", quantity: 1 }],
};
// The id is past 2^53: written as its exact digits, as Shopify sends it.
const orderJson = JSON.stringify(orderPayload).replace("820982911946154500", "820982911946154508");

describe("a stored webhook payload without personal data", () => {
  it("keeps what the app reads of an order (exact id, name, times) and nothing of its customer", () => {
    const redacted = redactWebhookPayload("orders/cancelled", orderJson);

    for (const value of PERSONAL) expect(redacted).not.toContain(value);
    expect(JSON.parse(redacted)).toEqual({
      id: "820982911946154508",
      admin_graphql_api_id: "gid://shopify/Order/820982911946154508",
      name: "#1001",
      order_number: 1001,
      cancelled_at: "2026-11-20T10:00:00+09:00",
      updated_at: "2026-11-20T10:00:00+09:00",
    });
    expect(jobSpecFor("orders/cancelled", "s.myshopify.com", { webhookId: "w" }, JSON.parse(redacted)).orderId).toBe("820982911946154508");
  });

  it("keeps the lines an edit added, which a later sync still reads", () => {
    const edit = {
      order_edit: {
        id: 78, order_id: 1001, created_at: "2026-11-20T10:00:00Z", staff_note: `${NAME}さんの依頼`, user_id: 5,
        line_items: { additions: [{ id: 11, delta: 1 }], removals: [{ id: 12, delta: 2 }] },
      },
    };
    const redacted = redactWebhookPayload("orders/edited", JSON.stringify(edit));

    expect(redacted).not.toContain("山田");
    expect([...addedLineItemIds([redacted])]).toEqual(["11"]);
    expect(JSON.parse(redacted).order_edit).toMatchObject({ id: 78, order_id: 1001, line_items: { removals: [{ id: 12, delta: 2 }] } });
  });

  it.each([
    ["a body that is not JSON", "orders/updated", "{not json"],
    ["a topic that is not an order's", "customers/data_request", JSON.stringify({ customer: { email: EMAIL } })],
    ["an array", "orders/updated", "[1,2]"],
  ])("keeps nothing of %s", (_case, topic, payload) => {
    expect(redactWebhookPayload(topic, payload)).toBe("{}");
  });
});

describe("a history record without personal data", () => {
  const details = {
    decision: "update",
    notices: [
      { code: "name_truncated", actionRequired: false, params: { field: "name", full: NAME + "長い名前です", kept: NAME } },
      { code: "phone_not_converted", actionRequired: false, params: { phone: PHONE } },
      { code: "prefecture_unknown", actionRequired: true, params: { province: "Narnia", provinceCode: "NA" } },
      { code: "removed_items_may_ship", actionRequired: true, params: { codes: "A, B" } },
    ],
    changes: [
      { field: "recipient", before: { name: "Old Name", address1: "旧住所1-2-3", phone: "0311112222" }, after: { name: NAME, address1: ADDRESS, phone: PHONE } },
      { field: "shipping_email", before: "old@example.jp", after: EMAIL },
      { field: "items", before: [{ code: "A", quantity: 2 }], after: [{ code: "A", quantity: 1 }] },
    ],
    openlogi: { status: 422, error: "invalid", errorDescription: `${ADDRESS} is too long`, errors: { "recipient.phone": `${PHONE} is invalid` } },
  };

  it("removes recipient and email before → after, quoted notice values, and their echoes in OpenLogi's words", () => {
    const redacted = redactHistoryRecord(JSON.stringify(details), `OpenLogi 422: ${ADDRESS} is too long`);

    for (const value of [...PERSONAL, "Old Name", "旧住所1-2-3", "0311112222", "old@example.jp", "Narnia"]) {
      expect(redacted.details).not.toContain(value);
      expect(redacted.message).not.toContain(value);
    }
    expect(redacted.message).toBe(`OpenLogi 422: ${REMOVED} is too long`);
  });

  it("keeps what happened: the fields that changed, items, notices and their codes", () => {
    const read = readRecordDetails(redactHistoryRecord(JSON.stringify(details), null).details);

    expect(read.changes).toEqual([
      { field: "recipient", removed: true },
      { field: "shipping_email", removed: true },
      details.changes[2],
    ]);
    expect(read.notices.map((notice) => notice.code)).toEqual(details.notices.map((notice) => notice.code));
    expect(read.notices[0].params).toEqual({ field: "name" });
    expect(read.notices[3].params).toEqual({ codes: "A, B" });
    expect(read.openlogi).toMatchObject({ status: 422, error: "invalid", errorDescription: `${REMOVED} is too long` });
  });

  it("is the same when run twice, and keeps a record with no details as it is", () => {
    const once = redactHistoryRecord(JSON.stringify(details), "m");
    expect(redactHistoryRecord(once.details, once.message)).toEqual(once);
    expect(redactHistoryRecord(null, null)).toEqual({ details: null, message: null });
  });

  it("keeps nothing of details it cannot read", () => {
    expect(redactHistoryRecord(`{"changes": [${NAME}`, `about ${NAME}`)).toEqual({ details: null, message: REMOVED });
  });
});

describe("the billable ledger's key and the retention age", () => {
  const digest = (text: string) => createHash("sha256").update(text).digest("hex");

  it("turns the recipient a modification carried into its digest, once", () => {
    const key = `S1:recipient:${JSON.stringify({ name: NAME, phone: PHONE })}`;
    const redacted = redactChangeKey(key, digest);

    expect(redacted).toBe(`S1:recipient:sha256:${digest(key.slice("S1:recipient:".length))}`);
    expect(redactChangeKey(redacted, digest)).toBe(redacted);
    expect(redactChangeKey("cancel", digest)).toBe("cancel");
  });

  it.each([
    [30, "2026-11-22T00:00:00Z", "2026-10-23T00:00:00.000Z"],
    [1, "2026-11-22T12:00:00Z", "2026-11-21T12:00:00.000Z"],
  ])("keeps %i days: at %s the cut-off is %s", (days, now, cutoff) => {
    expect(retentionCutoff(new Date(now), days).toISOString()).toBe(cutoff);
  });
});
