import { outcomeBadge, statusName } from "../../../app/history/outcome-words";

describe("the history's words for an outcome", () => {
  it("names a known outcome by its label, in its group's tone", () => {
    expect(outcomeBadge("ja", "deleted")).toEqual({ label: "出荷依頼を削除", tone: "success" });
    expect(outcomeBadge("en", "not_cancellable_packed")).toEqual({ label: "Not cancellable: packed or shipped", tone: "warning" });
  });

  it.each([
    ["ja", "その他の結果（連携履歴をご覧ください）"],
    ["en", "Other outcome (see the history)"],
  ] as const)("words an outcome it does not know in %s, never its code, in a neutral tone", (locale, words) => {
    expect(outcomeBadge(locale, "invented_by_a_newer_app")).toEqual({ label: words, tone: undefined });
  });
});

describe("the history's words for an OpenLogi status", () => {
  it("names a known status as OpenLogi does, and a missing one as none", () => {
    expect(statusName("ja", "packed")).toBe("梱包済");
    expect(statusName("en", "picking")).toBe("Picking");
    expect(statusName("en", null)).not.toBe("");
  });

  it.each([
    ["ja", "不明なステータス"],
    ["en", "Unknown status"],
  ] as const)("words a status it does not know in %s, never the code OpenLogi sent", (locale, words) => {
    expect(statusName(locale, "teleported")).toBe(words);
  });
});
