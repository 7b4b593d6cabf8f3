import {
  HISTORY_OUTCOMES,
  isActionRequired,
  isHistoryOutcome,
  isRetryable,
  outcomeGroup,
  outcomesOf,
  outcomeTone,
  OUTCOME_GROUPS,
} from "../../../app/history/outcome-group";

describe("outcome groups", () => {
  it("put every outcome in exactly one group", () => {
    const grouped = OUTCOME_GROUPS.flatMap((group) => outcomesOf(group));
    expect([...grouped].sort()).toEqual([...HISTORY_OUTCOMES].sort());
  });

  it.each([
    ["deleted", "deleted"],
    ["cancel_requested", "billable"],
    ["modify_requested", "billable"],
    ["not_cancellable_packed", "not_reflected"],
    ["reflect_disabled", "not_reflected"],
    ["openlogi_rejected", "failed"],
    ["missing_sku", "failed"],
    ["no_change", "other"],
    ["already_sent", "other"],
  ] as const)("puts %s in %s", (outcome, group) => {
    expect(outcomeGroup(outcome)).toBe(group);
  });
});

describe("action required", () => {
  it("follows an Action-required notice, and data the sync cannot send", () => {
    expect(isActionRequired("not_reflected_packed", [{ code: "removed_items_may_ship", actionRequired: true }])).toBe(true);
    expect(isActionRequired("updated", [{ code: "name_truncated", actionRequired: false }])).toBe(false);
    expect(isActionRequired("missing_sku", [])).toBe(true);
    expect(isActionRequired("failed", [])).toBe(false);
  });
});

describe("outcome tones", () => {
  it.each([
    ["deleted", false, "success"],
    ["no_change", false, "success"],
    ["cancel_requested", false, "info"],
    ["request_pending", false, "info"],
    ["not_cancellable_packed", false, "warning"],
    ["openlogi_rejected", false, "critical"],
    ["updated", true, "critical"],
  ] as const)("shows %s (action required: %s) as %s", (outcome, actionRequired, tone) => {
    expect(outcomeTone(outcome, actionRequired)).toBe(tone);
  });
});

describe("retry", () => {
  it.each([
    ["openlogi_rejected", false, false, true],
    ["failed", false, false, true],
    ["not_reflected_packed", true, false, true],
    ["deleted", false, false, false],
    ["no_change", false, false, false],
    // The record's own job still waits for the connection: it runs again by itself.
    ["connection_broken", false, true, false],
    ["openlogi_not_connected", false, true, false],
    // Once that job has settled (failed, or the shop was disconnected for good), staff may retry.
    ["connection_broken", false, false, true],
    ["openlogi_not_connected", false, false, true],
    // An outcome this version does not know is never retried on its own account.
    ["outcome_from_a_newer_version", false, false, false],
  ] as const)("offers Retry on %s (action required: %s, own job waiting: %s): %s", (outcome, actionRequired, waiting, expected) => {
    expect(isRetryable(outcome, actionRequired, waiting)).toBe(expected);
  });

  it("knows the outcomes this version can name, and nothing else", () => {
    expect(HISTORY_OUTCOMES.every((outcome) => isHistoryOutcome(outcome))).toBe(true);
    expect(isHistoryOutcome("outcome_from_a_newer_version")).toBe(false);
  });
});
