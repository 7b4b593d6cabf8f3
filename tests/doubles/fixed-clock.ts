/** A clock the test moves by hand; `sleep` advances it instead of waiting. */
export function createFixedClock(start = new Date("2026-11-20T01:00:00.000Z")) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    nowMs: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(date: Date) {
      now = date.getTime();
    },
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}
export type FixedClock = ReturnType<typeof createFixedClock>;
