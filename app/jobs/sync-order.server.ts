/** Decides and acts for each shipment of one order (SPEC.md: "each is handled on its own"). */
import type { ShopContext } from "../models/settings.server";
import type { ClaimedJob, JobTask } from "../models/sync-job.server";
import { describeOpenLogiError, OpenLogiClientError } from "../openlogi/errors";
import { decideSync } from "../sync/decide-sync";
import type { OrderSnapshot, ShipmentSnapshot, SyncDecision, SyncEvent } from "../sync/types";
import { executeDecision } from "./execute-decision.server";
import type { ExecutionContext, Scrub } from "./execution-context";
import { actionOf, type Executed } from "./history-entry";
import { recordOutcome } from "./record-outcome.server";
import type { OpenLogiApi, SyncDeps } from "./sync-deps.server";

/** What the batch read for one order. */
export interface OrderRead {
  order: OrderSnapshot;
  /** The shipments found by the order's key. */
  shipments: ShipmentSnapshot[];
  addedLineItemIds: ReadonlySet<string>;
}

export async function syncOrder(
  deps: SyncDeps,
  context: ShopContext,
  openlogi: OpenLogiApi,
  job: ClaimedJob,
  { order, shipments, addedLineItemIds }: OrderRead,
  scrub: Scrub,
) {
  const event = eventOf(job);
  const decide = (seen: ShipmentSnapshot | null) =>
    decideSync({
      event,
      order,
      shipment: seen,
      siblings: shipments.filter((other) => other.id !== seen?.id),
      addedLineItemIds,
      settings: context.settings,
    });
  const ctx: ExecutionContext = { deps, shop: context.shop, openlogi, job, order, decide, scrub };
  for (const read of shipments.length > 0 ? shipments : [null]) {
    const startedAt = deps.clock();
    let shipment = read;
    let decision = decide(shipment);
    if (decision.kind === "update" && shipment) {
      // A PUT replaces the whole request: build it from the shipment as OpenLogi holds it now,
      // not as the batch read it a minute ago (the merchant may have held it or changed a field since).
      shipment = await openlogi.getShipment(shipment.id);
      decision = decide(shipment);
    }
    try {
      const executed = await executeDecision(ctx, decision, shipment);
      await recordOutcome(deps, job, order, shipment, { ...executed, decision, startedAt }, scrub);
    } catch (error) {
      if (!(error instanceof OpenLogiClientError) || shipment === null) throw error;
      await decideAgainAfterRefusal(ctx, decision, shipment, error, startedAt);
    }
  }
}

/**
 * OpenLogi refused a write (400/404/422). The batch read the shipment a minute or two ago;
 * if it has moved on since (picking began, someone deleted it), decide once more with what
 * it is now (SPEC.md "Re-decide on a stale view"). Otherwise the refusal stands, in
 * OpenLogi's own words.
 */
async function decideAgainAfterRefusal(
  ctx: ExecutionContext,
  decision: SyncDecision,
  seen: ShipmentSnapshot,
  refusal: OpenLogiClientError,
  startedAt: Date,
) {
  const { deps, job, order } = ctx;
  const now = await ctx.openlogi.getShipment(seen.id);
  if (now !== null && now.status === seen.status) {
    await recordOutcome(deps, job, order, seen, refused(decision, refusal, startedAt), ctx.scrub);
    return;
  }
  const again = ctx.decide(now);
  const redecided = { after: describeOpenLogiError(refusal), statusBefore: seen.status };
  try {
    const executed = await executeDecision(ctx, again, now);
    await recordOutcome(deps, job, order, now, { ...executed, decision: again, startedAt, extra: { ...executed.extra, redecided } }, ctx.scrub);
  } catch (error) {
    if (!(error instanceof OpenLogiClientError)) throw error;
    const record = refused(again, error, startedAt);
    await recordOutcome(deps, job, order, now, { ...record, extra: { ...record.extra, redecided } }, ctx.scrub);
  }
}

/** 400/404/422 will not get better by retrying: show OpenLogi's own words. */
function refused(decision: SyncDecision, error: OpenLogiClientError, startedAt: Date): Executed {
  return {
    action: actionOf(decision),
    billable: false, // refused: OpenLogi charges nothing
    outcome: "openlogi_rejected",
    message: error.message,
    extra: { openlogi: describeOpenLogiError(error) },
    decision,
    startedAt,
  };
}

/** Each job task is the webhook topic it came from, and so the event decided on. */
export function eventOf(job: ClaimedJob): SyncEvent {
  const task = job.task as JobTask;
  switch (task) {
    case "cancelled":
    case "edited":
    case "updated":
      return task;
    default: {
      const unhandled: never = task;
      throw new Error(`unknown job task: ${String(unhandled)}`);
    }
  }
}
