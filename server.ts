/**
 * Production entry (`npm start`): serves the built Remix app on PORT and, unless
 * WORKER_MODE=off, runs the sync worker in the same process. Larger deployments run
 * `npm run worker` processes beside it and set WORKER_MODE=off here.
 */
import "./app/preflight.server";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnvOrExit } from "./app/env.server";
import { createHttpApp } from "./app/http-app.server";
import { startWorkers } from "./app/jobs/worker-process.server";
import { logger } from "./app/logger.server";

const env = getEnvOrExit();
const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const server = createServer(createHttpApp(build, env.NODE_ENV));
const onListening = () => logger.info({ host: env.HOST ?? "*", port: env.PORT }, "server listening");
if (env.HOST) server.listen(env.PORT, env.HOST, onListening);
else server.listen(env.PORT, onListening);
const workers = env.WORKER_MODE === "inline" ? await startWorkers(env) : null;

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close();
  await workers?.stop();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
