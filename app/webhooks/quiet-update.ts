/**
 * Whether an `orders/updated` delivery is quiet: nothing a shipment depends on changed since
 * the last delivery of that order that became a job (issue 8 §6). A quiet delivery is stored
 * but gets no job: no Admin read, no OpenLogi call, no history record; the order counts it.
 *
 * The worker reads the order's current state, whatever the payload said, so a job that ran
 * (or will run) after the state with this fingerprint existed covers it. Anything that
 * makes that uncertain enqueues: when unsure, do not skip.
 */

/** What the intake remembers of an order (the OrderFingerprint row). */
export interface FingerprintState {
  /** The newest delivery that became a job, or that was found quiet after one. */
  fingerprint: string | null;
  triggeredAt: Date | null;
  /** When the delivery that became a job was received (compared with a settings change). */
  acceptedAt: Date | null;
  jobId: number | null;
  quietCount: number;
  lastQuietAt: Date | null;
}

export const EMPTY_FINGERPRINT_STATE: FingerprintState = {
  fingerprint: null,
  triggeredAt: null,
  acceptedAt: null,
  jobId: null,
  quietCount: 0,
  lastQuietAt: null,
};

/** The state of the job `jobId` names; "missing" when it is gone (erased, or never made). */
export type LastJobState = "pending" | "running" | "completed" | "failed" | "missing";

export interface QuietInput {
  delivery: { fingerprint: string | null; triggeredAt: Date };
  state: FingerprintState;
  lastJob: LastJobState;
  /** When the shop's settings or connection last changed; null when it has none. */
  settingsChangedAt: Date | null;
}

export type QuietDecision =
  | { kind: "quiet" }
  | { kind: "enqueue"; reason: "no_fingerprint" | "first" | "changed" | "not_newer" | "last_job_failed" | "settings_changed" };

export function decideQuietUpdate({ delivery, state, lastJob, settingsChangedAt }: QuietInput): QuietDecision {
  if (delivery.fingerprint === null) return { kind: "enqueue", reason: "no_fingerprint" };
  if (state.fingerprint === null || state.triggeredAt === null || state.acceptedAt === null) return { kind: "enqueue", reason: "first" };
  if (state.fingerprint !== delivery.fingerprint) return { kind: "enqueue", reason: "changed" };
  // Out of order: an older delivery may be the one a later state has not been compared with.
  if (delivery.triggeredAt.getTime() <= state.triggeredAt.getTime()) return { kind: "enqueue", reason: "not_newer" };
  // A failed or vanished job did not bring the shipment to this state.
  if (lastJob === "failed" || lastJob === "missing") return { kind: "enqueue", reason: "last_job_failed" };
  // New settings (reflect changes on, sync resumed, connection fixed) may decide otherwise.
  if (settingsChangedAt !== null && settingsChangedAt.getTime() > state.acceptedAt.getTime()) {
    return { kind: "enqueue", reason: "settings_changed" };
  }
  return { kind: "quiet" };
}

/**
 * The state after a delivery: a quiet one is counted and moves the newest time on; one that
 * became a job (`jobId`, null when its job key was taken) is remembered when it is the newest.
 */
export function nextFingerprintState(
  state: FingerprintState,
  delivery: { fingerprint: string | null; triggeredAt: Date; receivedAt: Date },
  decision: QuietDecision,
  jobId: number | null,
): FingerprintState {
  if (decision.kind === "quiet") {
    return { ...state, triggeredAt: delivery.triggeredAt, quietCount: state.quietCount + 1, lastQuietAt: delivery.receivedAt };
  }
  if (delivery.fingerprint === null) return state;
  if (state.triggeredAt !== null && delivery.triggeredAt.getTime() <= state.triggeredAt.getTime()) return state;
  return { ...state, fingerprint: delivery.fingerprint, triggeredAt: delivery.triggeredAt, acceptedAt: delivery.receivedAt, jobId };
}
