import { recordHistory } from "../models/sync-history.server";
import type { ClaimedJob } from "../models/sync-job.server";
import { scrubSecrets } from "../security/scrub-secrets";
import type { OrderSnapshot, ShipmentSnapshot } from "../sync/types";
import { historyEntry, type Executed } from "./history-entry";
import type { SyncDeps } from "./sync-deps.server";

/**
 * Writes the history row the merchant reads, and says so in the log (without personal
 * data). Messages and details pass through `scrub` (the shop's token, when the caller
 * has it; any bearer credential always): OpenLogi's own words are stored as they came.
 */
export async function recordOutcome(
  deps: SyncDeps,
  job: ClaimedJob,
  order: OrderSnapshot | null,
  shipment: ShipmentSnapshot | null,
  executed: Executed,
  scrub: (text: string) => string = (text) => scrubSecrets(text),
) {
  const built = historyEntry(job, order, shipment, executed, deps.clock());
  const entry = {
    ...built,
    message: built.message === null ? null : scrub(built.message),
    details: built.details === null ? null : (JSON.parse(scrub(JSON.stringify(built.details))) as Record<string, unknown>),
  };
  await recordHistory(deps.prisma, entry);
  deps.logger.info(
    { shop: job.shop, orderId: job.orderId, jobId: job.id, outcome: entry.outcome, action: entry.action },
    "decision recorded",
  );
}
