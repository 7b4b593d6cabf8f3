import { readRecordDetails } from "../../../app/history/record-details";
import { localizeParams } from "../../../app/i18n/params";

describe("a record's details", () => {
  it("keeps the decision's params, and only strings and numbers", () => {
    const details = readRecordDetails(JSON.stringify({ params: { titles: "ギフト包装", count: 1, nested: { a: 1 } } }));

    expect(details.params).toEqual({ titles: "ギフト包装", count: 1 });
  });

  it.each([
    [400, "own"],
    [404, "own"],
    [422, "own"],
    [429, "rate_limited"],
    [503, "server_error"],
    [null, "no_answer"],
    [200, "unreadable"],
  ] as const)("treats an OpenLogi error with status %s as %s", (status, kind) => {
    const details = readRecordDetails(
      JSON.stringify({ openlogi: { status, error: "x", errorDescription: "OpenLogi answered something", errors: null } }),
    );

    if (kind === "own") {
      expect(details.openlogi).toMatchObject({ status, error: "x" });
      expect(details.openlogiFailure).toBeNull();
    } else {
      expect(details.openlogi).toBeNull();
      expect(details.openlogiFailure).toEqual({ kind, status });
    }
  });

  it("reads a decision made again from OpenLogi's refusal", () => {
    const details = readRecordDetails(
      JSON.stringify({ redecided: { statusBefore: "waiting", after: { status: 400, error: "api_exception", errorDescription: "削除できません", errors: null } } }),
    );

    expect(details.redecidedFrom).toBe("waiting");
    expect(details.openlogi?.errorDescription).toBe("削除できません");
  });
});

describe("params as words", () => {
  it("names fields, amounts, settings and statuses in the admin's language", () => {
    expect(localizeParams("ja", { fields: "subtotal_amount, tax, items.price" })).toEqual({ fields: "小計、消費税、商品の金額" });
    expect(localizeParams("en", { fields: "prefecture, postcode" })).toEqual({ fields: "Prefecture, Postcode" });
    expect(localizeParams("ja", { collected: "3000", owed: 2500 })).toEqual({ collected: "￥3,000", owed: "￥2,500" });
    expect(localizeParams("en", { collected: "", owed: "1200.0" })).toEqual({ collected: "—", owed: "¥1,200" });
    expect(localizeParams("ja", { setting: "cancelAfterConfirmation" }).setting).toContain("キャンセル連携");
    expect(localizeParams("ja", { status: "picking" })).toEqual({ status: "ピッキング中" });
  });

  it("passes values it does not know through as recorded", () => {
    expect(localizeParams("ja", { codes: "MUG-WHITE, TEE-S", shipmentCount: 2, field: "unknown_field" })).toEqual({
      codes: "MUG-WHITE, TEE-S",
      shipmentCount: 2,
      field: "unknown_field",
    });
  });
});
