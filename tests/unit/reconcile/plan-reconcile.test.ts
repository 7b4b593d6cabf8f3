import { nextCheckpoint, OVERLAP_MS, planReconcile, readSince, type ReconcileOrder } from "../../../app/reconcile/plan-reconcile";

const SHOP = "plan.myshopify.com";
const SINCE = new Date("2026-11-20T01:00:00Z");
const t = (minutes: number) => new Date(SINCE.getTime() + minutes * 60_000);
const order = (patch: Partial<ReconcileOrder> = {}): ReconcileOrder => ({
  id: "1001",
  createdAt: t(-600),
  updatedAt: t(10),
  cancelledAt: null,
  ...patch,
});

describe("planReconcile", () => {
  it.each<[string, ReconcileOrder, Map<string, Date>, { task: string; jobKey: string } | null]>([
    ["queues a cancellation under the webhook's own key", order({ cancelledAt: t(10) }), new Map(), { task: "cancelled", jobKey: `${SHOP}:cancelled:1001` }],
    ["queues a cancellation even when an earlier change of the order was handled", order({ cancelledAt: t(10) }), new Map([["1001", t(5)]]), { task: "cancelled", jobKey: `${SHOP}:cancelled:1001` }],
    ["leaves a cancellation made before the window to the cycle or webhook that saw it", order({ cancelledAt: t(-1), updatedAt: t(10) }), new Map(), null],
    ["queues a change no webhook reported", order(), new Map(), { task: "updated", jobKey: `${SHOP}:updated:1001:reconcile:${t(10).toISOString()}` }],
    ["queues a change newer than the last webhook of the order", order(), new Map([["1001", t(9)]]), { task: "updated", jobKey: `${SHOP}:updated:1001:reconcile:${t(10).toISOString()}` }],
    ["leaves a change a webhook reported", order(), new Map([["1001", t(10)]]), null],
    ["leaves a change when a later webhook came", order(), new Map([["1001", t(11)]]), null],
    ["leaves an order never changed since it was created", order({ createdAt: t(10) }), new Map(), null],
  ])("%s", (_title, input, handled, expected) => {
    const jobs = planReconcile(SHOP, SINCE, [input], handled);
    expect(jobs.map(({ task, jobKey }) => ({ task, jobKey }))).toEqual(expected ? [expected] : []);
  });

  it("runs each job at the moment Shopify made the change", () => {
    const [cancelled, updated] = planReconcile(SHOP, SINCE, [order({ id: "1", cancelledAt: t(3) }), order({ id: "2", updatedAt: t(4) })], new Map());
    expect([cancelled.triggeredAt, updated.triggeredAt]).toEqual([t(3), t(4)]);
  });
});

describe("readSince and nextCheckpoint", () => {
  const installedAt = new Date("2026-11-19T00:00:00Z");

  it("starts a shop never reconciled at its install, less the overlap", () => {
    expect(readSince(null, installedAt)).toEqual(new Date(installedAt.getTime() - OVERLAP_MS));
  });

  it("reads from the checkpoint, less the overlap", () => {
    expect(readSince(SINCE, installedAt)).toEqual(new Date(SINCE.getTime() - OVERLAP_MS));
  });

  it("moves the checkpoint to the last change read", () => {
    expect(nextCheckpoint(SINCE, installedAt, [order({ updatedAt: t(3) }), order({ updatedAt: t(7) })])).toEqual(t(7));
  });

  it("never moves the checkpoint back, as the overlap re-reads older changes", () => {
    expect(nextCheckpoint(SINCE, installedAt, [order({ updatedAt: t(-2) })])).toEqual(SINCE);
  });

  it("keeps the install time when a new shop has no change yet", () => {
    expect(nextCheckpoint(null, installedAt, [])).toEqual(installedAt);
  });
});
