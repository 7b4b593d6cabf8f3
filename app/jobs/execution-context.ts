import type { ClaimedJob } from "../models/sync-job.server";
import type { OrderSnapshot, ShipmentSnapshot, SyncDecision } from "../sync/types";
import type { OpenLogiApi, SyncDeps } from "./sync-deps.server";

/** Removes the shop's OpenLogi token (and any bearer credential) from a text before it is stored or logged. */
export type Scrub = (text: string) => string;

/** One order of one job, as the runner acts on it. */
export interface ExecutionContext {
  deps: SyncDeps;
  shop: string;
  openlogi: OpenLogiApi;
  job: ClaimedJob;
  order: OrderSnapshot;
  /** Decides again, with the same order, on a shipment as OpenLogi now holds it. */
  decide: (seen: ShipmentSnapshot | null) => SyncDecision;
  scrub: Scrub;
}
