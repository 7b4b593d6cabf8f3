/**
 * A billable request (cancel or modify) goes out at most once per change and order
 * version, and never again for the change the shipment's last request carried: the intent
 * is recorded first, an earlier request whose answer never came is read back from OpenLogi
 * before anything is sent for the same change, and a refusal forgets the intent (nothing
 * was charged).
 */
import {
  carriedChange,
  findBillableInDoubt,
  forgetBillableIntent,
  lastBillableChange,
  markBillableSent,
  recordBillableIntent,
  type BillableChange,
} from "../models/billable-request.server";
import type { HistoryAction } from "../models/sync-history.server";
import { isJobRunning } from "../models/sync-job.server";
import type { ShipmentSnapshot, ShipmentStatus, SyncDecision } from "../sync/types";
import type { ExecutionContext } from "./execution-context";
import { wasRefused, workMayHaveBeenDone } from "./failure-policy";
import type { Executed } from "./history-entry";

export interface BillablePlan {
  change: BillableChange;
  /** The order version the request is for ("" for a cancel: one per shipment, ever). */
  orderVersion: string;
  send: () => Promise<unknown>;
  /** The status OpenLogi shows once the request is in. */
  landedStatus: ShipmentStatus;
  action: HistoryAction;
}

export async function sendBillable(
  ctx: ExecutionContext,
  decision: SyncDecision,
  shipment: ShipmentSnapshot,
  plan: BillablePlan,
): Promise<Executed> {
  const { prisma } = ctx.deps;
  const done: Executed = { action: plan.action, billable: true, outcome: decision.outcome };
  const landed = async () => (await ctx.openlogi.getShipment(shipment.id))?.status === plan.landedStatus;

  const inDoubt = await findBillableInDoubt(prisma, plan.change);
  if (!inDoubt && carriedChange(await lastBillableChange(prisma, plan.change), plan.change.changeKey)) {
    return { action: "none", billable: false, outcome: "already_sent" };
  }
  const key = inDoubt ?? { ...plan.change, orderVersion: plan.orderVersion };
  const { state, ownerJobId } = await recordBillableIntent(prisma, key, ctx.job.id);
  if (state === "sent") return { action: "none", billable: false, outcome: "already_sent" };
  // Another job's intent while that job still runs: its request may be on the wire right now.
  if (state === "intent" && ownerJobId !== null && ownerJobId !== ctx.job.id && (await isJobRunning(prisma, ownerJobId))) {
    throw new BillableInFlightError(ownerJobId);
  }
  if (state === "intent" && (await landed())) {
    await markBillableSent(prisma, key, ctx.deps.clock());
    return done;
  }
  try {
    await plan.send();
  } catch (error) {
    if (workMayHaveBeenDone(error) && (await landed())) {
      await markBillableSent(prisma, key, ctx.deps.clock());
      return done;
    }
    // Refused outright: nothing was charged, and the same change may be asked for again.
    if (wasRefused(error)) {
      await forgetBillableIntent(prisma, key);
    }
    throw error;
  }
  await markBillableSent(prisma, key, ctx.deps.clock());
  return done;
}

/** Waits, without using an attempt, for the job whose billable request may be in flight. */
export class BillableInFlightError extends Error {
  readonly retryable = true;
  readonly consumesAttempt = false;
  readonly retryAfterMs = 30_000;

  constructor(ownerJobId: number) {
    super(`job ${ownerJobId} is sending the same billable request; waiting for its answer`);
  }
}
