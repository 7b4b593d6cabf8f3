/**
 * The billable ledger's guard against a request sent twice: another job's intent is read
 * back only once that job no longer runs, since while it runs its request may be on the wire.
 */
import { createHash } from "node:crypto";
import type { ExecutionContext } from "../../../app/jobs/execution-context";
import { BillableInFlightError, sendBillable, type BillablePlan } from "../../../app/jobs/send-billable.server";
import { recordBillableIntent } from "../../../app/models/billable-request.server";
import { redactChangeKey } from "../../../app/privacy/redact-history";
import type { ShipmentSnapshot, SyncDecision } from "../../../app/sync/types";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-db";

const SHOP = "ledger.myshopify.com";
const NOW = new Date("2026-11-20T00:00:00Z");
const change = { shop: SHOP, shipmentId: "TS001-S1", kind: "cancel" as const, changeKey: "cancel" };

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const job = (key: string, status: string) =>
  db.prisma.syncJob.create({ data: { shop: SHOP, orderId: "1", task: "cancelled", jobKey: key, triggeredAt: NOW, status } });

function attempt(jobId: number, landed: boolean) {
  const send = vi.fn(async () => undefined);
  const ctx = {
    deps: { prisma: db.prisma, clock: () => NOW },
    job: { id: jobId },
    openlogi: { getShipment: async () => ({ status: landed ? "cancel_request" : "picking" }) },
  } as unknown as ExecutionContext;
  const plan: BillablePlan = { change, orderVersion: "", send, landedStatus: "cancel_request", action: "cancel_request" };
  const decision = { outcome: "cancel_requested" } as unknown as SyncDecision;
  return { send, run: () => sendBillable(ctx, decision, { id: change.shipmentId } as ShipmentSnapshot, plan) };
}

it("waits, sending nothing, while the job that recorded the intent still runs", async () => {
  const owner = await job("owner", "running");
  const other = await job("other", "running");
  await recordBillableIntent(db.prisma, { ...change, orderVersion: "" }, owner.id);

  const { send, run } = attempt(other.id, false);

  await expect(run()).rejects.toBeInstanceOf(BillableInFlightError);
  expect(send).not.toHaveBeenCalled();
});

it("reads back, and sends once, an intent whose job is no longer running", async () => {
  const owner = await job("owner", "failed");
  const other = await job("other", "running");
  await recordBillableIntent(db.prisma, { ...change, orderVersion: "" }, owner.id);

  const { send, run } = attempt(other.id, false);
  await run();

  expect(send).toHaveBeenCalledTimes(1);
  expect(await db.prisma.billableRequest.findFirstOrThrow({ where: change })).toMatchObject({ state: "sent" });
});

it("sends nothing when the dead job's request had landed after all", async () => {
  const owner = await job("owner", "failed");
  const other = await job("other", "running");
  await recordBillableIntent(db.prisma, { ...change, orderVersion: "" }, owner.id);

  const { send, run } = attempt(other.id, true);
  await run();

  expect(send).not.toHaveBeenCalled();
  expect(await db.prisma.billableRequest.findFirstOrThrow({ where: change })).toMatchObject({ state: "sent" });
});

it("knows a modification it sent after its ledger key lost the recipient to a redaction", async () => {
  const modify = { shop: SHOP, shipmentId: "TS001-S2", kind: "modify" as const, changeKey: 'TS001-S2:recipient:{"name":"山田 太郎"}' };
  const owner = await job("owner", "completed");
  const other = await job("other", "running");
  await recordBillableIntent(db.prisma, { ...modify, orderVersion: "v1" }, owner.id);
  // As customers/redact leaves it (app/models/personal-data.server.ts).
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  await db.prisma.billableRequest.updateMany({ where: modify, data: { state: "sent", changeKey: redactChangeKey(modify.changeKey, digest) } });
  expect((await db.prisma.billableRequest.findFirstOrThrow({ where: { shipmentId: modify.shipmentId } })).changeKey).not.toBe(modify.changeKey);

  const send = vi.fn(async () => undefined);
  const ctx = {
    deps: { prisma: db.prisma, clock: () => NOW },
    job: { id: other.id },
    openlogi: { getShipment: async () => ({ status: "modify_request" }) },
  } as unknown as ExecutionContext;
  const plan: BillablePlan = { change: modify, orderVersion: "v1", send, landedStatus: "modify_request", action: "modify_request" };
  const done = await sendBillable(ctx, { outcome: "modify_requested" } as unknown as SyncDecision, { id: modify.shipmentId } as ShipmentSnapshot, plan);

  expect(done.outcome).toBe("already_sent");
  expect(send).not.toHaveBeenCalled();
});
