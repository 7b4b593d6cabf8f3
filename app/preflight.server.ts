/**
 * Imported first by the entry points (server.ts, jobs/worker-main.server.ts), so it runs
 * before any other module: an old Node.js stops with a clear message instead of rounding
 * ids, and production is the default. Remix and React read NODE_ENV: outside production
 * they send stack traces to clients.
 */
import { nodeVersionProblem } from "./node-version";

const problem = nodeVersionProblem(process.version);
if (problem) {
  console.error(problem);
  process.exit(1);
}
process.env.NODE_ENV ??= "production";
