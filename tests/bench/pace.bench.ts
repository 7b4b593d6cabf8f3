/**
 * Issue 8, section 5: 2,000 cancellations against an OpenLogi double as strict as a sliding
 * window of 60 calls per 60 s, drained by four workers sharing one token. Prints OpenLogi
 * calls, 429s and drain time against the floor (calls ÷ 60 minutes). The app and the double
 * run on one clock PACE_BENCH_SPEED times faster than real time (4 unless set), so the
 * 35-minute drain takes about nine; every interval, lease and window is unchanged. The app,
 * its four workers and both doubles share this one process: a speed at which they cannot do a
 * job within a scaled interval shows as a slower drain, never as a better one.
 */
import { bench, describe } from "vitest";
import { describeBurst, runCancellationBurst } from "../helpers/pace-burst";

const speed = Number(process.env.PACE_BENCH_SPEED ?? 4);
const cancellations = Number(process.env.PACE_BENCH_CANCELLATIONS ?? 2_000);

describe("OpenLogi's pace in a burst of cancellations", () => {
  bench(
    `${cancellations} cancellations, four workers, one token`,
    async () => {
      const figures = await runCancellationBurst({ cancellations, speed, workers: 4 });
      console.log(describeBurst(figures, speed));
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
