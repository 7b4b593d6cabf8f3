/** `npm run worker`: a worker process of its own, for deployments with several. */
import "../preflight.server";
import { getEnvOrExit } from "../env.server";
import { logger } from "../logger.server";
import { startWorkers } from "./worker-process.server";

const workers = await startWorkers(getEnvOrExit());
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, "worker shutting down");
    await workers.stop();
    process.exit(0);
  });
}
