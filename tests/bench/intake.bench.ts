/**
 * Webhook intake through the real server (`npm start`, WORKER_MODE=off: a deployment that
 * takes thousands a second runs its workers apart). Signed `orders/updated` deliveries, each
 * with its own webhook id, event id and HMAC, for 1,000 orders: at fixed offered rates of
 * 100, 500 and 1,000 a second (autocannon `overallRate`; latency corrected for coordinated
 * omission, see `latencies` below), then as fast as the server takes them. Prints acks/s, p50
 * and p99, and the server's CPU time per acknowledgement, which tells what one free core would
 * take when other processes share the machine.
 * Issue 8's targets: p99 under 50 ms at 500/s, and at least 2,000 acks/s.
 *
 * On SQLite, then on PostgreSQL (a database of its own on 127.0.0.1:5432, or
 * BENCH_DATABASE_URL=postgres://…, migrated). BENCH_SECONDS sets each phase's length (10 s).
 */
import autocannon from "autocannon";
import { afterAll, bench, describe } from "vitest";
import type { Dialect } from "../../app/models/database-url";
import { signedHeaders, startIntakeServer, updatedOrderBody, type IntakeServer } from "./intake-server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ORDERS = 1_000;
const DATABASES: Record<Dialect, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

/**
 * Latency samples corrected for coordinated omission as HdrHistogram's
 * recordValueWithExpectedInterval does: a response slower than its connection's interval
 * between requests also stands for the requests that interval would have sent meanwhile.
 * autocannon 9 makes that correction itself with an interval of `Math.ceil(1 / rate)` = 1 ms
 * (lib/run.js), rate being requests a second: every response of n ms then adds n − 1 phantom
 * samples, and the p99 it prints is that of the phantoms. So the bench turns autocannon's
 * correction off and makes it here, with the connection's average interval. autocannon does
 * not space a connection's requests: each sends its share of a second back to back from the
 * second's start (lib/httpClient.js), so the server meets every connection at once, a harsher
 * load than the same rate spread out.
 */
function latencies(instance: autocannon.Instance, intervalMs: number | null) {
  const samples: number[] = [];
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode > 299) return;
    samples.push(responseTime);
    if (intervalMs) for (let missed = responseTime - intervalMs; missed >= intervalMs; missed -= intervalMs) samples.push(missed);
  });
  return (quantile: number) => {
    samples.sort((a, b) => a - b);
    return samples.length ? Math.round(samples[Math.max(0, Math.ceil(quantile * samples.length) - 1)]) : NaN;
  };
}

/** One phase: `rate` deliveries a second (none: as fast as it takes them); its printed row. */
async function phase(server: IntakeServer, rate: number | undefined): Promise<string> {
  let sequence = 0;
  const cpuBefore = server.cpuMs();
  const connections = rate ? Math.min(100, Math.max(10, rate / 10)) : 50;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${server.url}/webhooks/orders/updated`,
        method: "POST",
        duration: SECONDS,
        connections,
        ...(rate ? { overallRate: rate, ignoreCoordinatedOmission: true } : {}),
        requests: [
          {
            setupRequest(request) {
              const body = updatedOrderBody(5_000_000 + (sequence++ % ORDERS), `bench-${sequence}`);
              // autocannon sets Content-Length itself; a second one stops every request.
              return { ...request, method: "POST", body, headers: signedHeaders("orders/updated", body) };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  // Each connection sends rate ÷ connections requests a second.
  const latency = latencies(instance, rate ? 1000 / (rate / connections) : null);
  const result = await finished;
  const acks = result["2xx"];
  const cpuPerAck = (server.cpuMs() - cpuBefore) / Math.max(1, acks);
  const label = rate ? `${rate}/s` : "max";
  return [
    label.padEnd(10),
    (acks / SECONDS).toFixed(0).padStart(8),
    String(latency(0.5)).padStart(8),
    String(latency(0.99)).padStart(8),
    String(result.non2xx).padStart(9),
    String(result.errors + result.timeouts).padStart(8),
    cpuPerAck.toFixed(2).padStart(19),
  ].join(" ");
}

// Each database's server, started by its first phase (vitest runs no beforeAll hook ahead of
// a bench), and its printed rows; vitest may call a bench more than once, the last run counts.
const servers = new Map<Dialect, IntakeServer>();
const rows = new Map<Dialect, Map<string, string>>();

async function serverOn(dialect: Dialect): Promise<IntakeServer> {
  let server = servers.get(dialect);
  if (!server) servers.set(dialect, (server = await startIntakeServer(dialect, { WORKER_MODE: "off" })));
  return server;
}

// Only a top-level afterAll runs in vitest's bench mode.
afterAll(async () => {
  for (const [dialect, printed] of rows) {
    const title = `webhook intake, npm start on ${DATABASES[dialect]}, ${SECONDS} s a phase (2 shared cores: pessimistic)`;
    const header = "offered      acks/s   p50 ms   p99 ms   not 200   errors   server CPU ms/ack";
    console.log(["", title, header, ...printed.values()].join("\n"));
  }
  for (const server of servers.values()) await server.close();
});

for (const dialect of ["sqlite", "postgresql"] as const) {
  describe(`webhook intake on ${DATABASES[dialect]}`, () => {
    const printed = new Map<string, string>();
    rows.set(dialect, printed);
    for (const rate of [100, 500, 1_000, undefined]) {
      const label = rate ? `${rate} deliveries a second offered` : "as fast as the server takes them";
      bench(label, async () => void printed.set(label, await phase(await serverOn(dialect), rate)), {
        iterations: 1,
        warmupIterations: 0,
        time: 0,
        warmupTime: 0,
      });
    }
  });
}
