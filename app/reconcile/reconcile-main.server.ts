/** `npm run reconcile`: one reconciliation cycle for every connected shop, now; prints what each found. */
import "../preflight.server";
import { getEnvOrExit } from "../env.server";
import { createSyncDeps } from "../jobs/sync-deps.server";
import { logger } from "../logger.server";
import prisma from "../models/db.server";
import { reconcileAllShops } from "./reconcile-all.server";

const env = getEnvOrExit();
const { unauthenticated } = await import("../shopify.server");
const deps = createSyncDeps({
  prisma,
  env,
  logger,
  async loadAccessToken(shop) {
    const { session } = await unauthenticated.admin(shop);
    return session.accessToken!;
  },
});
const cycles = await reconcileAllShops(deps);
for (const cycle of cycles) {
  const figures = cycle.ok
    ? cycle.summary
      ? `read ${cycle.summary.seen} orders in ${cycle.summary.pages} pages (${cycle.summary.points} points), queued ${cycle.summary.queued}${cycle.summary.complete ? "" : ", more next cycle"}`
      : "not installed"
    : `failed: ${cycle.error}`;
  process.stdout.write(`${cycle.shop}: ${figures}\n`);
}
await prisma.$disconnect();
process.exit(cycles.some((cycle) => !cycle.ok) ? 1 : 0);
