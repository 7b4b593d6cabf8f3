import type { OrderJob } from "../../../app/history/retry-jobs";
import { buildLines, isOrderCancelled, statusAfter, type HistoryRow, type LineInputs } from "../../../app/order-status/lines";
import type { SyncSettings } from "../../../app/sync/types";

const SETTINGS: SyncSettings = {
  reflectChanges: true,
  cancelAfterConfirmation: true,
  modifyAfterConfirmation: false,
  reflectItemChanges: true,
  shipmentKey: "name",
  locationId: null,
  paused: false,
};

let nextId = 100;
function row(minute: number, overrides: Partial<HistoryRow>): HistoryRow {
  return {
    id: nextId++,
    shipmentId: "S-1",
    statusSeen: "waiting",
    outcome: "no_change",
    actionRequired: false,
    billable: false,
    list: "modify",
    jobId: null,
    createdAt: new Date(Date.UTC(2026, 10, 20, 9, minute)),
    ...overrides,
  };
}

/** Records as the model returns them: newest first. */
function inputs(records: HistoryRow[], extra: Partial<LineInputs> = {}): LineInputs {
  const newestFirst = [...records].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  return {
    records: newestFirst,
    billable: newestFirst.filter((record) => record.billable),
    jobs: [],
    read: null,
    settings: SETTINGS,
    ...extra,
  };
}

describe("the block's lines", () => {
  it("shows each shipment's latest record, with the badge tone of its outcome group", () => {
    const older = row(1, { outcome: "updated", shipmentId: "S-1" });
    const newer = row(5, { outcome: "not_reflected_packed", statusSeen: "packed", shipmentId: "S-1" });
    const other = row(3, { outcome: "deleted", shipmentId: "S-2" });

    const lines = buildLines(inputs([older, newer, other]));

    expect(lines.map((line) => [line.shipmentId, line.latest?.outcome, line.latest?.tone])).toEqual([
      ["S-1", "not_reflected_packed", "warning"],
      ["S-2", "deleted", "success"],
    ]);
    expect(lines[0].latest?.recordPath).toBe(`/app/history/${newer.id}`);
    expect(lines[0].latest?.at).toBe("2026-11-20T09:05:00.000Z");
  });

  it("says when the last billable request went out, even behind later records", () => {
    const request = row(1, { outcome: "cancel_requested", billable: true, statusSeen: "picking" });
    const later = row(9, { outcome: "already_requested", statusSeen: "cancel_request" });

    const [line] = buildLines(inputs([request, later]));

    expect(line.billableSentAt).toBe("2026-11-20T09:01:00.000Z");
    expect(line.latest?.outcome).toBe("already_requested");
  });

  it("shows a billable request's result and when it was seen, once the follow-up saw it", () => {
    const pending = row(1, { outcome: "cancel_requested", billable: true, statusSeen: "picking", shipmentId: "S-1" });
    const settled = row(2, {
      outcome: "cancel_requested",
      billable: true,
      statusSeen: "picking",
      shipmentId: "S-2",
      requestResult: "not_carried_out",
      requestResultAt: new Date("2026-11-21T00:15:00Z"),
    });

    const lines = buildLines(inputs([settled, pending]));

    expect(lines.map((line) => [line.shipmentId, line.billableResult])).toEqual([
      ["S-1", null],
      ["S-2", { result: "not_carried_out", at: "2026-11-21T00:15:00.000Z" }],
    ]);
  });

  it("offers Retry on a failed or action-required record", () => {
    const failed = row(1, { outcome: "failed", shipmentId: "S-1" });
    const action = row(2, { outcome: "not_cancellable_packed", actionRequired: true, shipmentId: "S-2", statusSeen: "packed" });
    const fine = row(3, { outcome: "deleted", shipmentId: "S-3" });

    const offered = buildLines(inputs([failed, action, fine]));
    expect(offered.map((line) => line.latest?.retry)).toEqual(["available", "available", null]);
    expect(offered[1].latest?.tone).toBe("critical");
  });

  it("holds a queued retry pending for the whole order, since it syncs every shipment of it", () => {
    const failed = row(1, { outcome: "failed", shipmentId: "S-1" });
    const action = row(2, { outcome: "not_cancellable_packed", actionRequired: true, shipmentId: "S-2", statusSeen: "packed" });
    const retry: OrderJob = { id: 50, kind: "manual_retry", status: "pending", retryOfId: failed.id };

    const lines = buildLines(inputs([failed, action], { jobs: [retry] }));

    expect(lines.map((line) => line.latest?.retry)).toEqual(["pending", "pending"]);
  });

  it("no longer says pending once the retry's job has recorded its outcome, even while that job waits again", () => {
    const failed = row(1, { outcome: "openlogi_rejected", shipmentId: "S-1", jobId: 10 });
    // The retry met a broken connection before the lookup: a record with no shipment, and its job waits.
    const retried = row(2, { outcome: "connection_broken", shipmentId: null, statusSeen: null, jobId: 50 });
    const retry: OrderJob = { id: 50, kind: "manual_retry", status: "pending", retryOfId: failed.id };

    const lines = buildLines(inputs([failed, retried], { jobs: [retry] }));

    expect(lines.map((line) => [line.shipmentId, line.latest?.outcome, line.latest?.retry])).toEqual([
      [null, "connection_broken", "waiting"],
      ["S-1", "openlogi_rejected", "done"],
    ]);
  });

  it("says done once the retry's job has finished", () => {
    const failed = row(1, { outcome: "failed", shipmentId: "S-1" });
    const retry: OrderJob = { id: 50, kind: "manual_retry", status: "completed", retryOfId: failed.id };

    expect(buildLines(inputs([failed], { jobs: [retry] }))[0].latest?.retry).toBe("done");
  });

  it("calls a record waiting, not failed, while its own job waits for the connection", () => {
    const waiting = row(1, { outcome: "openlogi_not_connected", shipmentId: null, statusSeen: null, jobId: 10 });
    const job: OrderJob = { id: 10, kind: "order_event", status: "pending", retryOfId: null };

    expect(buildLines(inputs([waiting], { jobs: [job] }))[0].latest?.retry).toBe("waiting");
    // Once that job has failed for good, staff may retry it.
    expect(buildLines(inputs([waiting], { jobs: [{ ...job, status: "failed" }] }))[0].latest?.retry).toBe("available");
  });

  it("shows an outcome this version cannot name as neutral, with no code and no Retry of its own", () => {
    const future = row(1, { outcome: "outcome_from_a_newer_version" });

    const [line] = buildLines(inputs([future]));

    expect(line.latest).toMatchObject({ outcome: null, tone: "neutral", retry: null });
  });

  it("shows each shipment its own latest record, not the order's latest repeated", () => {
    const first = row(1, { outcome: "deleted", shipmentId: "S-1" });
    const second = row(2, { outcome: "not_cancellable_packed", statusSeen: "packed", shipmentId: "S-2" });
    const newest = row(3, { outcome: "no_change", shipmentId: "S-3" });

    const lines = buildLines(inputs([first, second, newest]));

    expect(lines.map((line) => [line.shipmentId, line.latest?.id])).toEqual([
      ["S-1", first.id],
      ["S-2", second.id],
      ["S-3", newest.id],
    ]);
  });

  it("shows the order's newest record as its own line when it reached no shipment", () => {
    const shipmentRecord = row(1, { outcome: "deleted" });
    const paused = row(2, { outcome: "paused", shipmentId: null, statusSeen: null });

    const lines = buildLines(inputs([shipmentRecord, paused]));
    expect(lines.map((line) => [line.shipmentId, line.latest?.outcome])).toEqual([
      [null, "paused"],
      ["S-1", "deleted"],
    ]);

    // An older record without a shipment is history, not a line.
    const later = row(3, { outcome: "updated" });
    expect(buildLines(inputs([shipmentRecord, paused, later])).map((line) => line.shipmentId)).toEqual(["S-1"]);
  });

  it("takes the newer of OpenLogi's last answer and the sync's last record, and what an action would do from it", () => {
    const record = row(5, { statusSeen: "waiting" });

    const fresh = buildLines(inputs([record], { read: { shipments: [{ id: "S-1", status: "picking" }], at: new Date(Date.UTC(2026, 10, 20, 9, 7)) } }));
    expect(fresh[0].status).toEqual({ code: "picking", at: "2026-11-20T09:07:00.000Z" });
    expect(fresh[0].wouldDo).toEqual({ cancel: "cancel_requested", addressEdit: "not_reflected_confirmed", itemEdit: "not_reflected_confirmed" });

    const stale = buildLines(inputs([record], { read: { shipments: [{ id: "S-1", status: "backordered" }], at: new Date(Date.UTC(2026, 10, 20, 9, 0)) } }));
    expect(stale[0].status).toEqual({ code: "waiting", at: "2026-11-20T09:05:00.000Z" });
    expect(stale[0].wouldDo?.cancel).toBe("deleted");
  });

  it("shows the status a sync left the shipment in once it is newer than the stored read", () => {
    const read = { shipments: [{ id: "S-1", status: "waiting" as const }, { id: "S-2", status: "picking" as const }], at: new Date(Date.UTC(2026, 10, 20, 9, 0)) };
    const deleted = row(5, { outcome: "deleted", statusSeen: "waiting", shipmentId: "S-1" });
    const requested = row(6, { outcome: "cancel_requested", billable: true, statusSeen: "picking", shipmentId: "S-2" });

    const lines = buildLines(inputs([deleted, requested], { read }));

    expect(lines.map((line) => [line.shipmentId, line.status])).toEqual([
      ["S-1", { code: null, at: "2026-11-20T09:05:00.000Z" }],
      ["S-2", { code: "cancel_request", at: "2026-11-20T09:06:00.000Z" }],
    ]);
    expect(lines[0].wouldDo).toBeNull();
    expect(lines[1].wouldDo?.cancel).toBe("already_requested");
  });

  it.each([
    ["deleted", "waiting", null],
    ["cancel_requested", "picking", "cancel_request"],
    ["modify_requested", "picked", "modify_request"],
    ["updated", "waiting", "waiting"],
    ["openlogi_rejected", "waiting", "waiting"],
    ["not_cancellable_packed", "packed", "packed"],
  ] as const)("takes a %s record seen at %s to leave the shipment %s", (outcome, statusSeen, after) => {
    expect(statusAfter({ outcome, statusSeen })).toBe(after);
  });

  it("says a shipment OpenLogi no longer lists is gone, and offers no preview for it", () => {
    const deleted = row(1, { outcome: "deleted", statusSeen: "waiting" });

    const [line] = buildLines(inputs([deleted], { read: { shipments: [], at: new Date(Date.UTC(2026, 10, 20, 9, 30)) } }));

    expect(line.status).toEqual({ code: null, at: "2026-11-20T09:30:00.000Z" });
    expect(line.wouldDo).toBeNull();
  });

  it("lists a shipment OpenLogi holds that the app has never synced", () => {
    const lines = buildLines(inputs([], { read: { shipments: [{ id: "S-9", status: "waiting" }], at: new Date(Date.UTC(2026, 10, 20, 9, 0)) } }));

    expect(lines).toEqual([
      {
        shipmentId: "S-9",
        latest: null,
        billableSentAt: null,
        billableResult: null,
        status: { code: "waiting", at: "2026-11-20T09:00:00.000Z" },
        wouldDo: { cancel: "deleted", addressEdit: "updated", itemEdit: "updated" },
      },
    ]);
  });

  it("says nothing of what an action would do without the shop's settings, or without a known status", () => {
    const record = row(1, { statusSeen: null });
    expect(buildLines(inputs([record]))[0]).toMatchObject({ status: null, wouldDo: null });
    expect(buildLines(inputs([row(2, {})], { settings: null }))[0]).toMatchObject({ status: { code: "waiting" }, wouldDo: null });
  });

  it("calls the order cancelled from its cancellation records, or the changes recorded after one", () => {
    expect(isOrderCancelled([row(1, { list: "cancel", outcome: "deleted" })])).toBe(true);
    expect(isOrderCancelled([row(1, { list: "cancel", outcome: "openlogi_rejected" })])).toBe(true);
    expect(isOrderCancelled([row(2, { outcome: "order_cancelled" })])).toBe(true);
    // A cancellation webhook for an order Shopify does not show as cancelled is no cancellation.
    expect(isOrderCancelled([row(1, { list: "cancel", outcome: "order_not_cancelled" })])).toBe(false);
    expect(isOrderCancelled([row(1, { outcome: "updated" })])).toBe(false);
  });
});
