import type { Env } from "../env.server";
import { logger } from "../logger.server";
import prisma from "../models/db.server";
import { paceIntervalMs } from "../openlogi/rate-limiter.server";
import { scheduleRetentionPurge } from "../privacy/purge-expired.server";
import { createSyncDeps } from "./sync-deps.server";
import { createScheduler } from "./schedule.server";
import { createWorker } from "./worker.server";

/** Warns once about overrides that point the app somewhere other than the real services. */
export function warnAboutOverrides(env: Env) {
  if (env.OPENLOGI_API_BASE_URL) {
    logger.warn({ url: env.OPENLOGI_API_BASE_URL }, "OPENLOGI_API_BASE_URL overrides the OpenLogi base URL for every shop");
  }
  if (env.SHOPIFY_ADMIN_API_ORIGIN) {
    logger.warn({ origin: env.SHOPIFY_ADMIN_API_ORIGIN }, "SHOPIFY_ADMIN_API_ORIGIN overrides https://{shop} for Admin API calls");
  }
}

/** The sync's dependencies on the app's database, with each shop's offline Admin API token. */
export async function createAppSyncDeps(env: Env) {
  // Imported here so a worker-only process does not need the Remix build.
  const { unauthenticated } = await import("../shopify.server");
  return createSyncDeps({
    prisma,
    env,
    logger,
    async loadAccessToken(shop) {
      const { session } = await unauthenticated.admin(shop);
      return session.accessToken!;
    },
  });
}

/** Starts WORKER_CONCURRENCY worker loops on the app's database; `stop()` drains them. */
export async function startWorkers(env: Env) {
  warnAboutOverrides(env);
  const deps = await createAppSyncDeps(env);
  const scheduler = createScheduler(deps);
  const options = {
    scheduler,
    leaseMs: env.WORKER_LEASE_MS,
    heartbeatMs: env.WORKER_HEARTBEAT_MS,
    msPerJob: paceIntervalMs(env.OPENLOGI_CALLS_PER_MINUTE),
  };
  const workers = Array.from({ length: env.WORKER_CONCURRENCY }, () => createWorker(deps, options));
  workers.forEach((worker) => worker.start());
  const purge = scheduleRetentionPurge(prisma, { retentionDays: env.PRIVACY_RETENTION_DAYS, logger });
  return { stop: () => Promise.all([...workers.map((worker) => worker.stop()), purge.stop()]).then(() => undefined) };
}
