import { EVERY_MS, isScheduledKind, scheduledJobKey, slotOf } from "../../../app/jobs/scheduled-jobs";

describe("scheduled jobs", () => {
  it.each<["reconcile" | "follow_up", string, string]>([
    ["reconcile", "2026-11-24T00:14:59.999Z", "2026-11-24T00:00:00.000Z"],
    ["reconcile", "2026-11-24T00:15:00.000Z", "2026-11-24T00:15:00.000Z"],
    ["follow_up", "2026-11-24T00:14:59.999Z", "2026-11-24T00:10:00.000Z"],
  ])("puts a %s asked at %s in the slot starting %s, whichever process asks", (kind, at, slot) => {
    expect(slotOf(kind, new Date(at)).toISOString()).toBe(slot);
  });

  it("runs reconciliation at least every 15 minutes per shop", () => {
    expect(EVERY_MS.reconcile).toBeLessThanOrEqual(15 * 60_000);
  });

  it("names one job per shop, kind and slot", () => {
    const slot = new Date("2026-11-24T00:15:00Z");
    expect(scheduledJobKey("reconcile", "a.myshopify.com", slot)).toBe("a.myshopify.com:reconcile:2026-11-24T00:15:00.000Z");
    expect(scheduledJobKey("reconcile", "a.myshopify.com", slot)).not.toBe(scheduledJobKey("follow_up", "a.myshopify.com", slot));
  });

  it.each([
    ["reconcile", true],
    ["follow_up", true],
    ["order_event", false],
    ["manual_retry", false],
  ])("tells %s apart from order jobs (scheduled: %s)", (kind, scheduled) => {
    expect(isScheduledKind(kind)).toBe(scheduled);
  });
});
