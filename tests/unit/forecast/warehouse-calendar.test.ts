import { isBusinessDay, jstDate, nextCutoff } from "../../../app/forecast/warehouse-calendar";

describe("the warehouse's business days and cut-offs (9:00 and 12:30 JST)", () => {
  it.each([
    ["2026-11-20", true, "a Friday"],
    ["2026-11-21", false, "a Saturday"],
    ["2026-11-22", false, "a Sunday"],
    ["2026-11-23", false, "Labour Thanksgiving Day, a Monday"],
    ["2026-11-24", true, "the Tuesday after it"],
    ["2027-01-01", false, "New Year's Day"],
    ["2026-05-06", false, "a substitute holiday (振替休日) for Constitution Day on a Sunday"],
    ["2026-09-22", false, "a citizens' holiday (国民の休日) between two holidays"],
  ])("%s is a business day: %s (%s)", (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it("reads the calendar day in Japan, nine hours ahead of UTC", () => {
    expect(jstDate(Date.parse("2026-11-23T14:59:59Z"))).toBe("2026-11-23");
    expect(jstDate(Date.parse("2026-11-23T15:00:00Z"))).toBe("2026-11-24");
  });

  it.each([
    ["before 9:00 on a business day", "2026-11-19T23:00:00Z", "2026-11-20T00:00:00.000Z"],
    ["exactly at 9:00: that import has gone, 12:30 is next", "2026-11-20T00:00:00Z", "2026-11-20T03:30:00.000Z"],
    ["between the two imports", "2026-11-20T02:00:00Z", "2026-11-20T03:30:00.000Z"],
    ["after 12:30 on a Friday: Monday is a holiday, so Tuesday 9:00", "2026-11-20T04:00:00Z", "2026-11-24T00:00:00.000Z"],
    ["on a Sunday evening in UTC, already Monday in Japan", "2026-11-29T16:00:00Z", "2026-11-30T00:00:00.000Z"],
    ["in Golden Week", "2026-05-02T00:00:00Z", "2026-05-07T00:00:00.000Z"],
  ])("%s", (_case, now, expected) => {
    expect(nextCutoff(new Date(now)).toISOString()).toBe(expected);
  });
});
