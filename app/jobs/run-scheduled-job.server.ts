/**
 * Runs one scheduled job (a shop's reconciliation cycle or follow-up) and settles it. Neither
 * is an order's, so a failure writes no history record: it is logged, retried by the failure
 * policy, and in the end left to the next slot.
 */
import { followUpShop } from "../follow-up/follow-up-shop.server";
import { completeJob, settleByPlan, touchJob, type ClaimedJob, type Holder } from "../models/sync-job.server";
import { reconcileShop } from "../reconcile/reconcile-shop.server";
import { scrubSecrets } from "../security/scrub-secrets";
import { planFailure } from "./failure-policy";
import type { ScheduledKind } from "./scheduled-jobs";
import type { SyncDeps } from "./sync-deps.server";

export async function runScheduledJob(deps: SyncDeps, job: ClaimedJob & { kind: ScheduledKind }, holder: Holder) {
  const { prisma, clock } = deps;
  const log = deps.logger.child({ shop: job.shop, jobId: job.id, kind: job.kind, attempt: job.attempts });
  if (!(await touchJob(prisma, job.id, holder, clock()))) return;
  try {
    switch (job.kind) {
      case "reconcile":
        await reconcileShop(deps, job.shop);
        break;
      case "follow_up":
        await followUpShop(deps, job.shop);
        break;
      default: {
        const unhandled: never = job.kind;
        throw new Error(`Unhandled scheduled kind ${String(unhandled)}`);
      }
    }
    await completeJob(prisma, job.id, holder, clock());
  } catch (error) {
    const message = scrubSecrets(error instanceof Error ? error.message : String(error));
    const plan = planFailure(error, job.attempts, job.maxAttempts);
    if (!(await settleByPlan(prisma, job.id, holder, plan, message, clock()))) {
      log.warn("scheduled job's lease lost to another worker; left to it");
    } else if (plan.kind === "fail") {
      log.error({ err: message }, "scheduled job failed; the next slot tries again");
    } else {
      log.warn({ err: message, delayMs: plan.delayMs }, "scheduled job will be retried");
    }
  }
}
