/**
 * Runs one claimed batch. Jobs are grouped by shop so one OpenLogi lookup
 * (`GET /shipments/{account}?identifier=…`, up to 100 keys) serves them all. Every job is
 * released on every path — completed, rescheduled, failed, or handed back unstarted for
 * the worker to release — as graphile-worker does it.
 */
import { loadEditPayloads } from "../models/order-edits.server";
import {
  loadShopContext,
  markConnectionBroken,
  markTokenUnreadable,
  TOKEN_UNREADABLE_ERROR,
  type ShopContext,
} from "../models/settings.server";
import {
  completeJob,
  failJob,
  queuedUpdatesCoveredBy,
  rescheduleJob,
  settleByPlan,
  touchJob,
  type ClaimedJob,
  type Holder,
} from "../models/sync-job.server";
import { scrubSecrets } from "../security/scrub-secrets";
import { ShopifyAuthError } from "../shopify/errors";
import { decideSync } from "../sync/decide-sync";
import { shipmentKeyOf, shipmentsForKey } from "../sync/shipment-key";
import type { OrderSnapshot, ShipmentSnapshot } from "../sync/types";
import { addedLineItemIds } from "./edit-additions";
import type { Scrub } from "./execution-context";
import { breaksConnection, planFailure, wasRefused } from "./failure-policy";
import type { ExecutionOutcome } from "../history/execution-outcomes";
import { recordOutcome } from "./record-outcome.server";
import type { OrderReader, SyncDeps } from "./sync-deps.server";
import { eventOf, syncOrder } from "./sync-order.server";

/** How long a shop with a broken or missing OpenLogi connection waits before its jobs are looked at again. */
export const CONNECTION_RETRY_MS = 15 * 60_000;

/** One batch in hand: `take` marks a job as settled on the current path. */
interface Batch {
  holder: Holder;
  shouldStop: () => boolean;
  take(job: ClaimedJob): void;
}


/**
 * Runs the batch and returns the ids of the jobs it did not start (when asked to stop),
 * for the worker to hand back. A batch holds at most one job per order (claimJobs hands
 * out only an order's head).
 */
export async function runSyncBatch(
  deps: SyncDeps,
  jobs: ClaimedJob[],
  holder: Holder,
  shouldStop: () => boolean = () => false,
): Promise<number[]> {
  const unstarted = new Set(jobs.map((job) => job.id));
  const batch: Batch = { holder, shouldStop, take: (job) => unstarted.delete(job.id) };
  const byShop = new Map<string, ClaimedJob[]>();
  for (const job of jobs) byShop.set(job.shop, [...(byShop.get(job.shop) ?? []), job]);
  for (const [shop, shopJobs] of byShop) {
    if (shouldStop()) break;
    await runShopJobs(deps, shop, shopJobs, batch);
  }
  return [...unstarted];
}

async function runShopJobs(deps: SyncDeps, shop: string, jobs: ClaimedJob[], batch: Batch) {
  const { prisma, clock } = deps;
  const context = await loadShopContext(prisma, deps.cipher, shop);
  if (context?.uninstalled) {
    // The app is gone from the shop: its token is dead and nobody reads the history.
    for (const job of jobs) {
      batch.take(job);
      await failJob(prisma, job.id, batch.holder, "app uninstalled", clock());
    }
    return;
  }
  if (context?.tokenUnreadable) {
    // One shop's undecryptable row marks that shop broken; the batch's other shops go on.
    if (!context.connectionError) {
      await markTokenUnreadable(prisma, shop, clock());
      deps.logger.warn({ shop, reason: context.tokenUnreadable }, "stored OpenLogi token unreadable");
    }
    for (const job of jobs) {
      batch.take(job);
      await waitForConnection(deps, batch.holder, job, "connection_broken", TOKEN_UNREADABLE_ERROR);
    }
    return;
  }
  if (!context || !context.openlogi || context.connectionError) {
    const reason: ExecutionOutcome = context?.connectionError ? "connection_broken" : "openlogi_not_connected";
    for (const job of jobs) {
      batch.take(job);
      await waitForConnection(deps, batch.holder, job, reason, context?.connectionError ?? null);
    }
    return;
  }
  const token = context.openlogi.token;
  const scrub: Scrub = (text) => scrubSecrets(text, [token]);

  // Read every order first: the shipment keys of the whole batch go into one lookup. The
  // queued updates each run covers are noted before its order is read, so the read sees them.
  const orders = new Map<number, OrderSnapshot | null>();
  const covered = new Map<number, number[]>();
  let readOrder: OrderReader | null = null;
  for (const job of jobs) {
    try {
      covered.set(job.id, await queuedUpdatesCoveredBy(prisma, job));
      readOrder ??= await deps.orderReaderFor(shop);
      orders.set(job.id, await readOrder(`gid://shopify/Order/${job.orderId}`));
    } catch (error) {
      batch.take(job);
      await settleFailure(deps, batch.holder, job, error, null, scrub);
    }
  }
  const ready = jobs.filter((job) => orders.has(job.id));
  if (ready.length === 0) return;

  const openlogi = deps.openLogiFor(context);
  // Only orders whose decision depends on the shipment are looked up: a paused shop, an order
  // that is not OpenLogi's, or a change to a cancelled order calls nothing (SPEC.md).
  const keys = ready.flatMap((job) => {
    const order = orders.get(job.id);
    return order && needsShipment(context, job, order) ? [shipmentKeyOf(order, context.settings.shipmentKey)] : [];
  });
  let shipments: ShipmentSnapshot[];
  try {
    shipments = keys.length > 0 ? await openlogi.findShipmentsByKeys(keys) : [];
  } catch (error) {
    ready.forEach(batch.take);
    // A refused lookup (a mistyped account code, a revoked token) is the connection's fault, not the jobs'.
    if (wasRefused(error) && error instanceof Error) {
      return holdShop(deps, batch.holder, shop, scrub(error.message), ready, orders);
    }
    for (const job of ready) await settleFailure(deps, batch.holder, job, error, orders.get(job.id) ?? null, scrub);
    return;
  }

  for (const [index, job] of ready.entries()) {
    if (batch.shouldStop()) return;
    batch.take(job);
    if (!(await touchJob(prisma, job.id, batch.holder, clock()))) {
      leaseLost(deps, job, batch.holder);
      continue;
    }
    const order = orders.get(job.id) ?? null;
    try {
      if (!order) {
        await recordOutcome(deps, job, null, null, { action: "none", outcome: "order_not_found" }, scrub);
      } else {
        const key = shipmentKeyOf(order, context.settings.shipmentKey);
        const mine = shipmentsForKey(shipments, key);
        const edits = job.task === "cancelled" ? [] : await loadEditPayloads(prisma, shop, job.orderId);
        await syncOrder(deps, context, openlogi, job, { order, shipments: mine, addedLineItemIds: addedLineItemIds(edits) }, scrub);
      }
      if (!(await completeJob(prisma, job.id, batch.holder, clock(), covered.get(job.id)))) leaseLost(deps, job, batch.holder);
    } catch (error) {
      if (breaksConnection(error) && error instanceof Error) {
        // The rest of this shop's batch waits too: every call would fail the same way.
        const rest = ready.slice(index);
        rest.forEach(batch.take);
        return holdShop(deps, batch.holder, shop, scrub(error.message), rest, orders);
      }
      await settleFailure(deps, batch.holder, job, error, order, scrub);
    }
  }
}

/** Whether the decision needs the shipment: deciding without one says so by asking for it. */
function needsShipment(context: ShopContext, job: ClaimedJob, order: OrderSnapshot): boolean {
  const blind = decideSync({
    event: eventOf(job),
    order,
    shipment: null,
    siblings: [],
    addedLineItemIds: new Set(),
    settings: context.settings,
  });
  return blind.outcome === "no_shipment";
}

/** OpenLogi refused the connection (401/402/403, or a lookup 4xx): mark it broken; the shop's jobs wait for the fix. */
async function holdShop(
  deps: SyncDeps,
  holder: Holder,
  shop: string,
  message: string,
  jobs: ClaimedJob[],
  orders: Map<number, OrderSnapshot | null>,
) {
  await markConnectionBroken(deps.prisma, shop, message, deps.clock());
  for (const job of jobs) {
    await waitForConnection(deps, holder, job, "connection_broken", message, orders.get(job.id));
  }
}

/**
 * Carries out the failure policy: defer (no attempt used), retry after backoff, or fail for
 * good. An unexpected error's message may quote the token (fetch quotes a header it
 * refuses): it is scrubbed before it is stored or logged.
 */
async function settleFailure(
  deps: SyncDeps,
  holder: Holder,
  job: ClaimedJob,
  error: unknown,
  order: OrderSnapshot | null,
  scrub: Scrub,
) {
  const { prisma, clock, logger } = deps;
  const now = clock();
  const message = scrub(error instanceof Error ? error.message : String(error));
  const log = logger.child({ shop: job.shop, orderId: job.orderId, jobId: job.id, attempt: job.attempts });
  const plan = planFailure(error, job.attempts, job.maxAttempts);
  if (!(await settleByPlan(prisma, job.id, holder, plan, message, now))) return leaseLost(deps, job, holder);
  if (plan.kind === "fail") {
    const outcome: ExecutionOutcome = error instanceof ShopifyAuthError ? "shopify_unauthorized" : "failed";
    await recordOutcome(deps, job, order, null, { action: "none", outcome, message }, scrub);
    log.error({ err: message }, "job failed");
  } else if (plan.kind === "defer") {
    log.info({ delayMs: plan.delayMs }, "job deferred");
  } else {
    log.warn({ err: message }, "job will be retried");
  }
}

/** The shop cannot reach OpenLogi: the job waits (no attempt used); the history says why, once. */
async function waitForConnection(
  deps: SyncDeps,
  holder: Holder,
  job: ClaimedJob,
  outcome: ExecutionOutcome,
  message: string | null,
  order?: OrderSnapshot | null,
) {
  const firstTime = job.lastError === null;
  const now = deps.clock();
  const runAt = new Date(now.getTime() + CONNECTION_RETRY_MS);
  const held = await rescheduleJob(deps.prisma, job.id, holder, { runAt, lastError: message ?? outcome, refundAttempt: true, now });
  if (!held) return leaseLost(deps, job, holder);
  if (firstTime) await recordOutcome(deps, job, order ?? null, null, { action: "none", outcome, message });
}

/** Another worker holds the job now (this one's lease ran out): whatever it found is its to settle. */
function leaseLost(deps: SyncDeps, job: ClaimedJob, holder: Holder) {
  deps.logger.warn({ shop: job.shop, jobId: job.id, workerId: holder.workerId }, "job lease lost to another worker; left to it");
}
