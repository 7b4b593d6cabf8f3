import { GIVE_UP_AFTER_MS, nextCheckAt } from "../../../app/follow-up/poll-schedule";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Wednesday 2026-11-25, a business day in Japan; times below are UTC (JST − 9 h).
const at = (iso: string) => new Date(iso);

describe("nextCheckAt", () => {
  it.each<[string, string, string, string]>([
    ["looks again within 10 minutes while the request is under an hour old", "2026-11-25T05:00:00Z", "2026-11-25T05:20:00Z", "2026-11-25T05:30:00Z"],
    ["looks every 30 minutes up to 6 hours", "2026-11-25T05:00:00Z", "2026-11-25T07:00:00Z", "2026-11-25T07:30:00Z"],
    ["looks every 2 hours up to a day, unless an import comes first", "2026-11-25T01:00:00Z", "2026-11-25T08:00:00Z", "2026-11-25T10:00:00Z"],
    ["looks 15 minutes after the 9:00 JST import when that comes before the next look by age", "2026-11-23T10:00:00Z", "2026-11-24T20:00:00Z", "2026-11-25T00:15:00Z"],
    ["looks 15 minutes after the 12:30 JST import", "2026-11-24T05:00:00Z", "2026-11-25T03:00:00Z", "2026-11-25T03:45:00Z"],
    ["still looks after the 9:00 import at 9:05", "2026-11-20T00:00:00Z", "2026-11-25T00:05:00Z", "2026-11-25T00:15:00Z"],
    ["skips the weekend's imports: no import on Saturday or Sunday", "2026-11-26T00:00:00Z", "2026-11-28T00:00:00Z", "2026-11-28T06:00:00Z"],
    ["skips a public holiday's imports (勤労感謝の日, 2026-11-23)", "2026-11-22T00:00:00Z", "2026-11-22T23:00:00Z", "2026-11-23T01:00:00Z"],
  ])("%s", (_title, sentAt, now, expected) => {
    expect(nextCheckAt(at(sentAt), at(now))?.toISOString()).toBe(at(expected).toISOString());
  });

  it("gives up 30 days after the request was sent", () => {
    const sentAt = at("2026-10-01T00:00:00Z");
    expect(nextCheckAt(sentAt, new Date(sentAt.getTime() + GIVE_UP_AFTER_MS))).toBeNull();
  });

  it("never plans a look past the day it gives up", () => {
    const sentAt = at("2026-10-01T00:00:00Z");
    const now = new Date(sentAt.getTime() + GIVE_UP_AFTER_MS - HOUR);
    expect(nextCheckAt(sentAt, now)?.getTime()).toBe(sentAt.getTime() + GIVE_UP_AFTER_MS);
  });
});
