import {
  decideQuietUpdate,
  EMPTY_FINGERPRINT_STATE,
  nextFingerprintState,
  type FingerprintState,
  type QuietInput,
} from "../../../app/webhooks/quiet-update";

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 1, 0, seconds));
const handled: FingerprintState = { fingerprint: "A", triggeredAt: t(10), acceptedAt: t(11), jobId: 7, quietCount: 0, lastQuietAt: null };
const input = (patch: Partial<QuietInput> = {}, delivery: Partial<QuietInput["delivery"]> = {}): QuietInput => ({
  delivery: { fingerprint: "A", triggeredAt: t(20), ...delivery },
  state: handled,
  lastJob: "completed",
  settingsChangedAt: t(0),
  ...patch,
});

describe("decideQuietUpdate", () => {
  it.each<[string, QuietInput, ReturnType<typeof decideQuietUpdate>]>([
    ["skips a newer delivery with the fingerprint of the last one handled", input(), { kind: "quiet" }],
    ["skips it while that job still waits (the job reads the order when it runs)", input({ lastJob: "pending" }), { kind: "quiet" }],
    ["skips it while that job runs", input({ lastJob: "running" }), { kind: "quiet" }],
    ["skips it for a shop without settings", input({ settingsChangedAt: null }), { kind: "quiet" }],
    ["enqueues a delivery without a fingerprint", input({}, { fingerprint: null }), { kind: "enqueue", reason: "no_fingerprint" }],
    ["enqueues the first delivery of an order", input({ state: EMPTY_FINGERPRINT_STATE }), { kind: "enqueue", reason: "first" }],
    ["enqueues a delivery whose fingerprint differs", input({}, { fingerprint: "B" }), { kind: "enqueue", reason: "changed" }],
    ["enqueues an older delivery arriving late, even with the same fingerprint", input({}, { triggeredAt: t(5) }), { kind: "enqueue", reason: "not_newer" }],
    ["enqueues one triggered at the same instant", input({}, { triggeredAt: t(10) }), { kind: "enqueue", reason: "not_newer" }],
    ["enqueues when the last job failed", input({ lastJob: "failed" }), { kind: "enqueue", reason: "last_job_failed" }],
    ["enqueues when the last job is gone", input({ lastJob: "missing" }), { kind: "enqueue", reason: "last_job_failed" }],
    ["enqueues when the settings changed since that delivery", input({ settingsChangedAt: t(15) }), { kind: "enqueue", reason: "settings_changed" }],
  ])("%s", (_name, given, expected) => {
    expect(decideQuietUpdate(given)).toEqual(expected);
  });
});

describe("nextFingerprintState", () => {
  const delivery = { fingerprint: "A", triggeredAt: t(20), receivedAt: t(21) };

  it("counts a quiet delivery and moves the newest time on, keeping the job", () => {
    expect(nextFingerprintState(handled, delivery, { kind: "quiet" }, null)).toEqual({
      ...handled,
      triggeredAt: t(20),
      quietCount: 1,
      lastQuietAt: t(21),
    });
  });

  it("remembers a newer delivery that became a job", () => {
    const changed = { ...delivery, fingerprint: "B" };
    expect(nextFingerprintState(handled, changed, { kind: "enqueue", reason: "changed" }, 9)).toEqual({
      ...handled,
      fingerprint: "B",
      triggeredAt: t(20),
      acceptedAt: t(21),
      jobId: 9,
    });
  });

  it("keeps the newest one when an older delivery becomes a job", () => {
    const older = { ...delivery, fingerprint: "B", triggeredAt: t(5) };
    expect(nextFingerprintState(handled, older, { kind: "enqueue", reason: "changed" }, 9)).toEqual(handled);
  });

  it("keeps the state for a delivery without a fingerprint", () => {
    expect(nextFingerprintState(handled, { ...delivery, fingerprint: null }, { kind: "enqueue", reason: "no_fingerprint" }, 9)).toEqual(handled);
  });
});
