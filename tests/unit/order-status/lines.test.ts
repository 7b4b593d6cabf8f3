import { buildLines, type HistoryRow, type LineInputs } from "../../../app/order-status/lines";
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
    retryJobs: new Map(),
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

  it("offers Retry on a failed or action-required record, and says when it is queued or done", () => {
    const failed = row(1, { outcome: "failed", shipmentId: "S-1" });
    const action = row(2, { outcome: "not_cancellable_packed", actionRequired: true, shipmentId: "S-2", statusSeen: "packed" });
    const fine = row(3, { outcome: "deleted", shipmentId: "S-3" });

    const offered = buildLines(inputs([failed, action, fine]));
    expect(offered.map((line) => line.latest?.retry)).toEqual(["available", "available", null]);
    expect(offered[1].latest?.tone).toBe("critical");

    const queued = buildLines(inputs([failed, action, fine], { retryJobs: new Map([[failed.id, "running"], [action.id, "completed"]]) }));
    expect(queued.map((line) => line.latest?.retry)).toEqual(["pending", "done", null]);
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
});
