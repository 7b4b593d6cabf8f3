import { decodeCursor, encodeCursor, historySearchParams, orderNamePrefixes, parseHistoryFilter, EMPTY_FILTER } from "../../../app/history/history-filter";

describe("the history's URL", () => {
  it("reads every filter and writes it back the same", () => {
    const query = "tab=modify&group=failed&billable=yes&actionRequired=yes&from=2026-11-01&to=2026-11-22&q=%231001&after=mhx2p4k0-2n";
    const filter = parseHistoryFilter(new URLSearchParams(query));

    expect(filter).toEqual({
      list: "modify",
      group: "failed",
      billable: true,
      actionRequired: true,
      from: "2026-11-01",
      to: "2026-11-22",
      query: "#1001",
      after: decodeCursor("mhx2p4k0-2n"),
      before: null,
    });
    expect(parseHistoryFilter(historySearchParams(filter))).toEqual(filter);
  });

  it("leaves out what is not one of its values, rather than failing the page", () => {
    const filter = parseHistoryFilter(new URLSearchParams("tab=all&group=bogus&billable=maybe&from=2026-02-30&after=../../x"));

    expect(filter).toEqual(EMPTY_FILTER);
    expect(historySearchParams(filter).toString()).toBe("");
  });

  it("round-trips a cursor and refuses a malformed one", () => {
    const cursor = { at: Date.parse("2026-11-22T10:00:00.123Z"), id: 123_456 };

    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("0-0")).toBeNull();
    expect(decodeCursor("zzzzzzzzzzzzz-1")).toBeNull();
  });

  it("searches an order number with and without Shopify's #", () => {
    expect(orderNamePrefixes("1001")).toEqual(["1001", "#1001"]);
    expect(orderNamePrefixes("#10")).toEqual(["#10"]);
    expect(orderNamePrefixes("")).toEqual([]);
  });
});
