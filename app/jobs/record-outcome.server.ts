import { recordHistory } from "../models/sync-history.server";
import type { ClaimedJob } from "../models/sync-job.server";
import type { OrderSnapshot, ShipmentSnapshot } from "../sync/types";
import { historyEntry, type Executed } from "./history-entry";
import type { SyncDeps } from "./sync-deps.server";

/** Writes the history row the merchant reads, and says so in the log (without personal data). */
export async function recordOutcome(
  deps: SyncDeps,
  job: ClaimedJob,
  order: OrderSnapshot | null,
  shipment: ShipmentSnapshot | null,
  executed: Executed,
) {
  const entry = historyEntry(job, order, shipment, executed, deps.clock());
  await recordHistory(deps.prisma, entry);
  deps.logger.info(
    { shop: job.shop, orderId: job.orderId, jobId: job.id, outcome: entry.outcome, action: entry.action },
    "decision recorded",
  );
}
