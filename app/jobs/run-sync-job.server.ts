import type { PrismaClient } from "@prisma/client";
import type { Logger } from "../logger.server";
import {
  forgetBillableIntent,
  markBillableSent,
  recordBillableIntent,
  type BillableKey,
} from "../models/billable-request.server";
import { markConnectionBroken, loadShopContext, type ShopContext } from "../models/settings.server";
import { recordHistory, type HistoryAction, type HistoryEntry } from "../models/sync-history.server";
import {
  completeJob,
  failJob,
  rescheduleJob,
  touchJob,
  type ClaimedJob,
} from "../models/sync-job.server";
import type { OpenLogiClient } from "../openlogi/client.server";
import {
  describeOpenLogiError,
  OpenLogiAuthError,
  OpenLogiClientError,
  OpenLogiRateLimitedError,
  OpenLogiServerError,
} from "../openlogi/errors";
import { ShopifyAuthError, ShopifyThrottledError } from "../shopify/errors";
import type { TokenCipher } from "../security/token-cipher.server";
import { decideSync } from "../sync/decide-sync";
import { shipmentKeyOf } from "../sync/shipment-key";
import type {
  OrderSnapshot,
  OutcomeCode,
  ShipmentSnapshot,
  SyncDecision,
  SyncEvent,
} from "../sync/types";
import { backoffMs } from "./backoff";
import type { ExecutionOutcome } from "./outcomes";

/** The OpenLogi calls the runner makes; tests may pass another implementation. */
export type OpenLogiApi = OpenLogiClient;

/** Reads an order again through the Admin API with the shop's offline session. */
export type OrderReader = (orderGid: string) => Promise<OrderSnapshot | null>;

/** Everything the shell needs from the outside world; tests pass doubles and a fixed clock. */
export interface SyncDeps {
  prisma: PrismaClient;
  cipher: TokenCipher;
  clock: () => Date;
  logger: Logger;
  openLogiFor(shop: ShopContext): OpenLogiApi;
  orderReaderFor(shop: string): Promise<OrderReader>;
}

/** How long a shop with a broken or missing OpenLogi connection waits before its jobs are looked at again. */
export const CONNECTION_RETRY_MS = 15 * 60_000;

/**
 * Runs one claimed batch: jobs are grouped by shop so one OpenLogi lookup
 * (`GET /shipments/{account}?identifier=…`, up to 100 keys) serves them all.
 * A batch holds at most one job per order (claimJobs hands out only an order's head).
 */
export async function runSyncBatch(deps: SyncDeps, jobs: ClaimedJob[], workerId: string, shouldStop = () => false) {
  const byShop = new Map<string, ClaimedJob[]>();
  for (const job of jobs) byShop.set(job.shop, [...(byShop.get(job.shop) ?? []), job]);
  const unstarted = new Set(jobs.map((job) => job.id));

  for (const [shop, shopJobs] of byShop) {
    if (shouldStop()) break;
    await runShopJobs(deps, shop, shopJobs, workerId, unstarted, shouldStop);
  }
  return [...unstarted];
}

async function runShopJobs(
  deps: SyncDeps,
  shop: string,
  jobs: ClaimedJob[],
  workerId: string,
  unstarted: Set<number>,
  shouldStop: () => boolean,
) {
  const { prisma, clock } = deps;
  const context = await loadShopContext(prisma, deps.cipher, shop);
  if (context?.uninstalled) {
    // The app is gone from the shop: its token is dead and nobody reads the history.
    for (const job of jobs) {
      unstarted.delete(job.id);
      await failJob(prisma, job.id, "app uninstalled", clock());
    }
    return;
  }
  if (!context || !context.openlogi || context.connectionError) {
    const reason: ExecutionOutcome = context?.connectionError ? "connection_broken" : "openlogi_not_connected";
    for (const job of jobs) {
      unstarted.delete(job.id);
      await waitForConnection(deps, job, reason, context?.connectionError ?? null);
    }
    return;
  }

  // Read every order first: the shipment keys of the whole batch go into one lookup.
  const orders = new Map<number, OrderSnapshot | null>();
  let readOrder: OrderReader | null = null;
  for (const job of jobs) {
    try {
      readOrder ??= await deps.orderReaderFor(shop);
      orders.set(job.id, await readOrder(`gid://shopify/Order/${job.orderId}`));
    } catch (error) {
      unstarted.delete(job.id);
      await settleFailure(deps, job, error, null);
    }
  }
  const ready = jobs.filter((job) => orders.has(job.id));
  if (ready.length === 0) return;

  const openlogi = deps.openLogiFor(context);
  // Only orders whose decision depends on the shipment are looked up: a paused shop, an order
  // that is not OpenLogi's, or a change to a cancelled order calls nothing (SPEC.md).
  const keys = ready.flatMap((job) => {
    const order = orders.get(job.id);
    if (!order) return [];
    const blind = decideSync({ event: eventOf(job), order, shipment: null, shipmentCount: 0, settings: context.settings });
    return blind.outcome === "no_shipment" ? [shipmentKeyOf(order, context.settings.shipmentKey)] : [];
  });
  let shipments: ShipmentSnapshot[];
  try {
    shipments = keys.length > 0 ? await openlogi.findShipmentsByKeys(keys) : [];
  } catch (error) {
    for (const job of ready) unstarted.delete(job.id);
    if (error instanceof OpenLogiAuthError) return holdShop(deps, shop, error, ready, orders);
    for (const job of ready) await settleFailure(deps, job, error, orders.get(job.id) ?? null);
    return;
  }

  for (const job of ready) {
    if (shouldStop()) return;
    unstarted.delete(job.id);
    if (!(await touchJob(prisma, job.id, workerId, clock()))) {
      deps.logger.warn({ shop, jobId: job.id, workerId }, "job lease lost to another worker; left to it");
      continue;
    }
    const order = orders.get(job.id) ?? null;
    try {
      if (!order) {
        await record(deps, job, null, null, { action: "none", outcome: "order_not_found" });
      } else {
        const key = shipmentKeyOf(order, context.settings.shipmentKey);
        const mine = shipments.filter((s) => s.identifier === key || (!s.identifier && s.orderNo === key));
        await syncOrder(deps, context, openlogi, job, order, mine);
      }
      await completeJob(prisma, job.id, clock());
    } catch (error) {
      if (error instanceof OpenLogiAuthError) {
        // The rest of this shop's batch waits too: every call would fail the same way.
        const rest = ready.slice(ready.indexOf(job));
        rest.forEach((waiting) => unstarted.delete(waiting.id));
        return holdShop(deps, shop, error, rest, orders);
      }
      await settleFailure(deps, job, error, order);
    }
  }
}

/** OpenLogi answered 401/402/403: mark the connection broken; the shop's jobs wait for the fix. */
async function holdShop(
  deps: SyncDeps,
  shop: string,
  error: OpenLogiAuthError,
  jobs: ClaimedJob[],
  orders: Map<number, OrderSnapshot | null>,
) {
  await markConnectionBroken(deps.prisma, shop, openLogiMessage(error), deps.clock());
  for (const job of jobs) {
    await waitForConnection(deps, job, "connection_broken", openLogiMessage(error), orders.get(job.id));
  }
}

/** Decides and acts for each shipment of the order (SPEC.md: "each is handled on its own"). */
async function syncOrder(
  deps: SyncDeps,
  context: ShopContext,
  openlogi: OpenLogiApi,
  job: ClaimedJob,
  order: OrderSnapshot,
  shipments: ShipmentSnapshot[],
) {
  const event = eventOf(job);
  const targets: (ShipmentSnapshot | null)[] = shipments.length > 0 ? shipments : [null];
  for (const shipment of targets) {
    const startedAt = deps.clock();
    const decide = (seen: ShipmentSnapshot | null) =>
      decideSync({ event, order, shipment: seen, shipmentCount: shipments.length, settings: context.settings });
    const decision = decide(shipment);
    try {
      const executed = await execute(deps, context.shop, openlogi, job, decision, shipment, decide);
      await record(deps, job, order, shipment, { ...executed, decision, startedAt });
    } catch (error) {
      if (error instanceof OpenLogiClientError) {
        // 400/404/422 will not get better by retrying: show OpenLogi's own words.
        await record(deps, job, order, shipment, {
          action: actionOf(decision),
          billable: false, // refused: OpenLogi charges nothing
          outcome: "openlogi_rejected",
          message: openLogiMessage(error),
          extra: { openlogi: describeOpenLogiError(error) },
          decision,
          startedAt,
        });
        continue;
      }
      throw error;
    }
  }
}

interface Executed {
  action: HistoryAction;
  billable?: boolean;
  outcome: OutcomeCode | ExecutionOutcome;
  message?: string | null;
  extra?: Record<string, unknown>;
}

async function execute(
  deps: SyncDeps,
  shop: string,
  openlogi: OpenLogiApi,
  job: ClaimedJob,
  decision: SyncDecision,
  shipment: ShipmentSnapshot | null,
  decide: (seen: ShipmentSnapshot | null) => SyncDecision,
): Promise<Executed> {
  switch (decision.kind) {
    case "none":
      return { action: "none", outcome: decision.outcome };
    case "delete": {
      const id = shipment!.id;
      await writeThenVerify(
        () => openlogi.deleteShipment(id),
        async () => (await openlogi.getShipment(id)) === null,
      );
      return { action: "delete", outcome: decision.outcome };
    }
    case "update": {
      const id = shipment!.id;
      await writeThenVerify(
        () => openlogi.updateShipment(id, decision.body),
        // Landed when deciding again on what OpenLogi now holds finds nothing to change.
        async () => {
          const now = await openlogi.getShipment(id);
          return now !== null && decide(now).outcome === "no_change";
        },
      );
      return { action: "update", outcome: decision.outcome };
    }
    case "billableCancelRequest":
      return sendBillable(deps, openlogi, job, decision, shipment!, {
        key: { shop, shipmentId: shipment!.id, kind: "cancel", changeKey: "cancel" },
        send: () => openlogi.requestBillableCancel(shipment!.id),
        landedStatus: "cancel_request",
        action: "cancel_request",
      });
    case "billableModifyRequest":
      return sendBillable(deps, openlogi, job, decision, shipment!, {
        key: { shop, shipmentId: shipment!.id, kind: "modify", changeKey: decision.changeKey },
        send: () => openlogi.requestBillableModify(shipment!.id, decision.body),
        landedStatus: "modify_request",
        action: "modify_request",
      });
    default: {
      const unhandled: never = decision;
      throw new Error(`Unhandled decision ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * After a 5xx or a timeout OpenLogi may have done the work (its API description says so):
 * GET the shipment and count the write as done when it shows; otherwise let the job retry.
 */
async function writeThenVerify(write: () => Promise<unknown>, landed: () => Promise<boolean>) {
  try {
    await write();
  } catch (error) {
    if (error instanceof OpenLogiServerError && (await landed())) return;
    throw error;
  }
}

/**
 * A billable request is sent at most once per change: the intent is recorded first
 * (unique per shop, shipment, kind and change); a retry after an unknown answer GETs
 * the shipment before it sends anything again.
 */
async function sendBillable(
  deps: SyncDeps,
  openlogi: OpenLogiApi,
  job: ClaimedJob,
  decision: SyncDecision,
  shipment: ShipmentSnapshot,
  plan: { key: BillableKey; send: () => Promise<unknown>; landedStatus: string; action: HistoryAction },
): Promise<Executed> {
  const { prisma } = deps;
  const landed = async () => (await openlogi.getShipment(shipment.id))?.status === plan.landedStatus;
  const state = await recordBillableIntent(prisma, plan.key, job.id);
  if (state === "sent") return { action: "none", billable: false, outcome: "already_sent" };
  if (state === "intent" && (await landed())) {
    await markBillableSent(prisma, plan.key);
    return { action: plan.action, billable: true, outcome: decision.outcome };
  }
  try {
    await plan.send();
  } catch (error) {
    if (error instanceof OpenLogiServerError && (await landed())) {
      await markBillableSent(prisma, plan.key);
      return { action: plan.action, billable: true, outcome: decision.outcome };
    }
    // Refused outright: nothing was charged, and the same change may be asked for again.
    if (error instanceof OpenLogiClientError || error instanceof OpenLogiAuthError) {
      await forgetBillableIntent(prisma, plan.key);
    }
    throw error;
  }
  await markBillableSent(prisma, plan.key);
  return { action: plan.action, billable: true, outcome: decision.outcome };
}

/** Maps a failure to reschedule (no attempt used), backoff, or permanent failure. */
async function settleFailure(deps: SyncDeps, job: ClaimedJob, error: unknown, order: OrderSnapshot | null) {
  const { prisma, clock, logger } = deps;
  const now = clock();
  const message = error instanceof Error ? error.message : String(error);
  const log = logger.child({ shop: job.shop, orderId: job.orderId, jobId: job.id, attempt: job.attempts });

  // Being paced is not a failure: the job goes back without using up an attempt.
  if (error instanceof OpenLogiRateLimitedError || error instanceof ShopifyThrottledError) {
    await rescheduleJob(prisma, job.id, {
      runAt: new Date(now.getTime() + error.retryAfterMs),
      lastError: message,
      refundAttempt: true,
    });
    log.info({ delayMs: error.retryAfterMs }, "job deferred");
    return;
  }

  const permanent = error instanceof ShopifyAuthError || (error as { retryable?: boolean }).retryable === false;
  if (permanent || job.attempts >= job.maxAttempts) {
    await failJob(prisma, job.id, message, now);
    const outcome: ExecutionOutcome = error instanceof ShopifyAuthError ? "shopify_unauthorized" : "failed";
    await record(deps, job, order, null, { action: "none", outcome, message });
    log.error({ err: message }, "job failed");
    return;
  }
  await rescheduleJob(prisma, job.id, {
    runAt: new Date(now.getTime() + backoffMs(job.attempts)),
    lastError: message,
    refundAttempt: false,
  });
  log.warn({ err: message }, "job will be retried");
}

/** The shop cannot reach OpenLogi: the job waits (no attempt used); the history says why, once. */
async function waitForConnection(
  deps: SyncDeps,
  job: ClaimedJob,
  outcome: ExecutionOutcome,
  message: string | null,
  order?: OrderSnapshot | null,
) {
  const firstTime = job.lastError === null;
  await rescheduleJob(deps.prisma, job.id, {
    runAt: new Date(deps.clock().getTime() + CONNECTION_RETRY_MS),
    lastError: message ?? outcome,
    refundAttempt: true,
  });
  if (firstTime) await record(deps, job, order ?? null, null, { action: "none", outcome, message });
}

async function record(
  deps: SyncDeps,
  job: ClaimedJob,
  order: OrderSnapshot | null,
  shipment: ShipmentSnapshot | null,
  executed: Executed & { decision?: SyncDecision; startedAt?: Date },
) {
  const now = deps.clock();
  const { decision } = executed;
  const entry: HistoryEntry = {
    shop: job.shop,
    list: job.task === "cancelled" ? "cancel" : "modify",
    orderId: job.orderId,
    orderName: order?.name ?? payloadName(job),
    shipmentId: shipment?.id ?? null,
    shipmentIdentifier: shipment?.identifier ?? shipment?.orderNo ?? null,
    statusSeen: shipment?.status ?? null,
    action: executed.action,
    billable: executed.billable ?? false,
    outcome: executed.outcome,
    message: executed.message ?? null,
    details:
      decision || executed.extra
        ? {
            ...(decision ? { decision: decision.kind, notices: decision.notices } : {}),
            ...(decision && "changes" in decision ? { changes: decision.changes } : {}),
            ...(decision?.kind === "none" && decision.params ? { params: decision.params } : {}),
            ...executed.extra,
          }
        : null,
    attempts: job.attempts,
    jobId: job.id,
    webhookId: job.webhookEvent.webhookId,
    startedAt: executed.startedAt ?? now,
    finishedAt: now,
  };
  await recordHistory(deps.prisma, entry);
  deps.logger.info(
    { shop: job.shop, orderId: job.orderId, jobId: job.id, outcome: entry.outcome, action: entry.action },
    "decision recorded",
  );
}

function eventOf(job: ClaimedJob): SyncEvent {
  return job.task === "cancelled" ? "cancelled" : "changed";
}

function payloadName(job: ClaimedJob): string | null {
  try {
    const payload = JSON.parse(job.webhookEvent.payload) as { name?: unknown };
    return typeof payload.name === "string" ? payload.name : null;
  } catch {
    return null;
  }
}

function actionOf(decision: SyncDecision): HistoryAction {
  switch (decision.kind) {
    case "delete":
      return "delete";
    case "update":
      return "update";
    case "billableCancelRequest":
      return "cancel_request";
    case "billableModifyRequest":
      return "modify_request";
    case "none":
      return "none";
    default: {
      const unhandled: never = decision;
      throw new Error(`Unhandled decision ${JSON.stringify(unhandled)}`);
    }
  }
}

function openLogiMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
