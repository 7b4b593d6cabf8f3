import { dateInZone, daysBefore, endOfDay, isCalendarDate, startOfDay } from "../../../app/history/zoned-day";

describe("days in a shop's time zone", () => {
  it.each([
    ["Asia/Tokyo", "2026-11-22", "2026-11-21T15:00:00.000Z", "2026-11-22T15:00:00.000Z"],
    ["UTC", "2026-11-22", "2026-11-22T00:00:00.000Z", "2026-11-23T00:00:00.000Z"],
    // The day summer time starts in New York has 23 hours.
    ["America/New_York", "2026-03-08", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"],
  ])("%s: %s runs from %s to %s", (zone, day, start, end) => {
    expect(startOfDay(day, zone).toISOString()).toBe(start);
    expect(endOfDay(day, zone).toISOString()).toBe(end);
  });

  it("names the date of an instant in the zone, and counts days back on the calendar", () => {
    expect(dateInZone(new Date("2026-11-21T15:30:00Z"), "Asia/Tokyo")).toBe("2026-11-22");
    expect(dateInZone(new Date("2026-11-21T15:30:00Z"), "UTC")).toBe("2026-11-21");
    expect(daysBefore("2026-03-02", 6)).toBe("2026-02-24");
  });

  it("knows a real date from a string that only looks like one", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-1-2")).toBe(false);
  });
});
