import { backoffMs } from "../../../app/jobs/backoff";

// graphile-worker pushes a failed job back by exp(least(attempts, 10)) seconds (src/sql/failJobs.ts).
describe("backoffMs", () => {
  it.each([
    { attempts: 1, ms: 2_718 },
    { attempts: 2, ms: 7_389 },
    { attempts: 3, ms: 20_086 },
    { attempts: 4, ms: 54_598 },
    { attempts: 5, ms: 148_413 },
    { attempts: 6, ms: 403_429 },
    { attempts: 7, ms: 1_096_633 },
    { attempts: 8, ms: 2_980_958 },
    { attempts: 10, ms: 22_026_466 },
  ])("waits $ms ms, e^$attempts seconds, after attempt $attempts", ({ attempts, ms }) => {
    expect(backoffMs(attempts)).toBe(ms);
  });

  it.each([11, 20, 1_000])("stops growing after the tenth attempt: attempt %i waits e^10 seconds too", (attempts) => {
    expect(backoffMs(attempts)).toBe(22_026_466);
  });
});
