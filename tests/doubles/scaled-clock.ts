/**
 * Time running `speed` times faster than the wall clock, for the app and the doubles alike:
 * a 35-minute drain against OpenLogi's 60-per-60-s window runs in 35 / speed minutes, with
 * every interval, lease and window the app and the double know unchanged. Only real delays
 * (HTTP, the database, the event loop) grow `speed` times in scaled time, so a speed that is
 * too high shows up as lateness, never as a result better than real.
 */
export function createScaledClock(speed: number, start = Date.now()) {
  const origin = Date.now();
  const nowMs = () => start + (Date.now() - origin) * speed;
  return {
    speed,
    nowMs,
    now: () => new Date(nowMs()),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms) / speed)),
    /** Scaled milliseconds as real ones, for timers that run on the wall clock (the heartbeat). */
    real: (ms: number) => ms / speed,
  };
}
export type ScaledClock = ReturnType<typeof createScaledClock>;
