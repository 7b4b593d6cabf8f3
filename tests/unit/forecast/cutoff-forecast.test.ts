import { callsToDrain, forecastCutoff } from "../../../app/forecast/cutoff-forecast";

// Friday 2026-11-20, 8:00 JST: the next import is 9:00 JST (00:00 UTC).
const fridayMorning = new Date("2026-11-19T23:00:00Z");

describe("the cut-off forecast", () => {
  it.each([
    [0, 0],
    [1, 3],
    [100, 201],
    [101, 204],
    [1000, 2010],
  ])("%i queued jobs need %i OpenLogi calls (one lookup per 100, two calls a job)", (queued, calls) => {
    expect(callsToDrain(queued)).toBe(calls);
  });

  it.each([
    // queued, calls/min, now, drain ms, misses, cut-off made
    ["an empty queue misses nothing", 0, 60, fridayMorning, 0, false, "2026-11-20T00:00:00.000Z"],
    ["1,000 jobs at 60 a minute take 33.5 minutes and make 9:00", 1000, 60, fridayMorning, 2_010_000, false, "2026-11-20T00:00:00.000Z"],
    ["2,000 jobs take 67 minutes: they miss 9:00 and make 12:30", 2000, 60, fridayMorning, 4_020_000, true, "2026-11-20T03:30:00.000Z"],
    ["the same 2,000 at 120 a minute make 9:00", 2000, 120, fridayMorning, 2_010_000, false, "2026-11-20T00:00:00.000Z"],
    // 7 calls a minute: ceil(60000/7) = 8572 ms a call, the limiter's own rounding.
    ["an uneven pace is rounded up as the limiter rounds it", 10, 7, fridayMorning, 21 * 8572, false, "2026-11-20T00:00:00.000Z"],
    [
      "a backlog after Friday's 12:30 has until Tuesday 9:00 (Monday is a holiday)",
      20_000,
      60,
      new Date("2026-11-20T04:00:00Z"),
      40_200_000,
      false,
      "2026-11-24T00:00:00.000Z",
    ],
    [
      "one job queued a second before 9:00 misses it",
      1,
      60,
      new Date("2026-11-19T23:59:59Z"),
      3_000,
      true,
      "2026-11-20T03:30:00.000Z",
    ],
  ])("%s", (_case, queued, callsPerMinute, now, drainMs, misses, made) => {
    const forecast = forecastCutoff({ queued, callsPerMinute, now });
    expect(forecast.drainMs).toBe(drainMs);
    expect(forecast.drainsAt.getTime()).toBe(now.getTime() + drainMs);
    expect(forecast.missesCutoff).toBe(misses);
    expect(forecast.cutoffMade.toISOString()).toBe(made);
  });
});
