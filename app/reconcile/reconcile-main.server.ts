/** `npm run reconcile`: one reconciliation cycle for every connected shop, now; prints what each found. */
import "../preflight.server";
import { getEnvOrExit } from "../env.server";
import { createAppSyncDeps } from "../jobs/worker-process.server";
import prisma from "../models/db.server";
import { reconcileAllShops } from "./reconcile-all.server";

const deps = await createAppSyncDeps(getEnvOrExit());
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
