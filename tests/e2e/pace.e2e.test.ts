/**
 * Issue 8, section 5: a burst of cancellations never meets a 429 from a limiter as strict as
 * a sliding window of 60 calls per 60 s, and costs at most 1.02 calls each. The app and the
 * double run on one clock twice as fast as real time (doubles/scaled-clock.ts); the
 * 2,000-cancellation run and its drain time are `npm run bench` (tests/bench/pace.bench.ts).
 */
import { runCancellationBurst } from "../helpers/pace-burst";

// Twice real time leaves 600 ms of real lateness a window can absorb: the app and both doubles
// share this process with the rest of the suite on two cores.
it("drains 100 cancellations with four workers on one token: no 429, at most 1.02 calls each", async () => {
  const figures = await runCancellationBurst({ cancellations: 100, speed: 2, workers: 4 });
  expect(figures.left).toBe(0);
  expect(figures.tooManyRequests).toBe(0);
  expect(figures.callsPerCancellation).toBeLessThanOrEqual(1.02);
}, 300_000);
