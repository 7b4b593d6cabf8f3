/**
 * One look at a shop's pending billable requests: their shipments read in batches of up to
 * 100 ids (`GET /shipments?id=…`, through the shared pace like every other call), each
 * request settled by the rules (settle-request.ts) or given its next look (poll-schedule.ts).
 */
import type { SyncDeps } from "../jobs/sync-deps.server";
import { loadDueRequests, recordRequestResult, scheduleNextLook } from "../models/billable-follow-up.server";
import { loadShopContext } from "../models/settings.server";
import { MAX_KEYS_PER_LOOKUP } from "../openlogi/client.server";
import { nextCheckAt } from "./poll-schedule";
import { requestedRecipientOf, settleBillableRequest } from "./settle-request";

/** Requests looked at in one job: five calls at most, so a backlog never holds the pace for long. */
export const MAX_REQUESTS_PER_LOOK = 5 * MAX_KEYS_PER_LOOKUP;

export interface FollowUpSummary {
  shop: string;
  looked: number;
  settled: number;
  calls: number;
}

/** null when the shop cannot reach OpenLogi now: its requests stay due and are looked at once it can. */
export async function followUpShop(deps: SyncDeps, shop: string): Promise<FollowUpSummary | null> {
  const { prisma, clock } = deps;
  const context = await loadShopContext(prisma, deps.cipher, shop);
  if (!context?.openlogi || context.uninstalled || context.connectionError || context.tokenUnreadable) return null;
  const openlogi = deps.openLogiFor(context);
  const due = await loadDueRequests(prisma, shop, clock(), MAX_REQUESTS_PER_LOOK);
  const summary: FollowUpSummary = { shop, looked: due.length, settled: 0, calls: 0 };

  // One batched read: the client asks for up to 100 ids a call.
  const ids = new Set(due.map((request) => request.shipmentId));
  const seen = new Map((await openlogi.findShipmentsByIds([...ids])).map((shipment) => [shipment.id, shipment]));
  summary.calls = Math.ceil(ids.size / MAX_KEYS_PER_LOOKUP);

  const now = clock();
  for (const request of due) {
    const shipment = seen.get(request.shipmentId);
    const settlement = settleBillableRequest(
      request.kind,
      requestedRecipientOf(request.changeKey),
      shipment ? { status: shipment.status, recipient: shipment.raw.recipient } : null,
    );
    if (settlement.kind === "settled") {
      await recordRequestResult(prisma, shop, request, { result: settlement.result, status: settlement.status, at: now });
      summary.settled++;
      continue;
    }
    const next = nextCheckAt(request.sentAt, now);
    if (next) {
      await scheduleNextLook(prisma, request.id, next);
    } else {
      await recordRequestResult(prisma, shop, request, { result: "no_answer", status: shipment?.status ?? null, at: now });
      summary.settled++;
    }
  }
  deps.logger.info(summary, "billable requests followed up");
  return summary;
}
