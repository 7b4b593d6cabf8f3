/**
 * `npm run sandbox` and `npm run sandbox:send` as a developer uses them: the sandbox in a
 * child process (on free ports, its own state file and database), two sends, the
 * history they leave, and a clean stop.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { testDialect } from "../helpers/test-db";
import type { HistoryRowJson } from "./format";
import { readState, type SandboxState } from "./state";

const run = promisify(execFile);
const id = randomUUID().slice(0, 8);
const stateFile = path.resolve("tests/.tmp", `sandbox-e2e-${id}.json`);
const databaseFile = path.resolve("tests/.tmp", `sandbox-e2e-${id}.sqlite`);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SANDBOX_APP_PORT: "0",
  SANDBOX_BROWSER_PORT: "0",
  SANDBOX_OPENLOGI_PORT: "0",
  SANDBOX_ADMIN_PORT: "0",
  SANDBOX_CONTROL_PORT: "0",
  SANDBOX_STATE_FILE: stateFile,
  SANDBOX_DATABASE_URL: `file:${databaseFile}`,
};

let sandbox: ChildProcess | undefined;
let output = "";

const exited = () => sandbox!.exitCode !== null || sandbox!.signalCode !== null;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForState(timeoutMs: number): Promise<SandboxState> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the sandbox exited while starting:\n${output}`);
    const state = readState(stateFile);
    if (state) return state;
    await sleep(200);
  }
  throw new Error(`the sandbox was not ready within ${timeoutMs} ms:\n${output}`);
}

const send = (...args: string[]) => run("npm", ["run", "--silent", "sandbox:send", "--", ...args], { env, timeout: 30_000 });

afterAll(() => {
  if (sandbox && !exited()) sandbox.kill("SIGKILL");
  for (const file of [stateFile, databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) rmSync(file, { force: true });
});

// The sandbox is the developer's one-process tool on its own SQLite file (SANDBOX_DATABASE_URL);
// the SQLite run covers it, and the PostgreSQL run would only repeat that run on SQLite.
it.skipIf(testDialect() === "postgresql")("syncs a cancellation and an address change sent with sandbox:send, then stops cleanly (SQLite only: the sandbox runs on its own SQLite file)", async () => {
  // One process, as `tsx tests/sandbox/sandbox.ts` runs it, so SIGTERM reaches the sandbox itself.
  sandbox = spawn(process.execPath, ["--import", "tsx", "tests/sandbox/sandbox.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  sandbox.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  sandbox.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const state = await waitForState(40_000);
  expect(state.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(Object.values(state.ports).every((port) => port > 0)).toBe(true);
  const waiting = state.orders.filter((order) => order.status === "waiting").map((order) => order.name);
  expect(waiting).toEqual(expect.arrayContaining(["#1001", "#1003"]));
  // The guide is printed right after the state file is written: it may still be in the pipe.
  await vi.waitFor(() => expect(output).toContain("npm run sandbox:send -- cancel"), { timeout: 10_000 });

  const [cancel, address] = await Promise.all([send("cancel", "#1003"), send("address", "#1001")]);
  expect(cancel.stdout).toContain("Sent orders/cancelled to the app → HTTP 200");
  expect(address.stdout).toContain("Sent orders/updated to the app → HTTP 200");

  const orderIds = Object.fromEntries(state.orders.map((order) => [order.name, order.orderId]));
  let rows: HistoryRowJson[] = [];
  const deadline = Date.now() + 20_000;
  const has = (name: string, outcome: string) => rows.some((row) => row.orderId === orderIds[name] && row.outcome === outcome);
  while (Date.now() < deadline && !(has("#1003", "deleted") && has("#1001", "updated"))) {
    rows = (await (await fetch(`${state.controlUrl}/history?limit=50`)).json()) as HistoryRowJson[];
    if (!(has("#1003", "deleted") && has("#1001", "updated"))) await sleep(300);
  }
  expect(rows.map(({ orderName, outcome, action, statusSeen }) => ({ orderName, outcome, action, statusSeen }))).toEqual(
    expect.arrayContaining([
      { orderName: "#1003", outcome: "deleted", action: "delete", statusSeen: "waiting" },
      { orderName: "#1001", outcome: "updated", action: "update", statusSeen: "waiting" },
    ]),
  );

  // The admin pages a person opens: the frame, a token it mints, the app's page through it.
  const frame = await fetch(state.browserUrl);
  expect(frame.status).toBe(200);
  expect(await frame.text()).toContain('<iframe id="app"');
  const { token } = (await (await fetch(new URL("/__sandbox/session-token", state.browserUrl), { method: "POST" })).json()) as { token: string };
  const page = new URL("/app/history", state.browserUrl);
  for (const [name, value] of Object.entries({ embedded: "1", shop: state.shop, host: "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvc2FuZGJveA==", locale: "ja", id_token: token })) {
    page.searchParams.set(name, value);
  }
  const historyPage = await fetch(page, { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36" } });
  expect(historyPage.status).toBe(200);
  const html = await historyPage.text();
  expect(html).toContain("注文キャンセル連携履歴");
  expect(html).toContain("/__sandbox/app-bridge.js");
  expect(html).not.toContain("cdn.shopify.com");

  const history = await send("history");
  expect(history.stdout).toMatch(/#1003 .*deleted/);
  expect(history.stdout).toMatch(/#1001 .*updated/);

  const stopped = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    sandbox!.once("exit", (code, signal) => resolve([code, signal])),
  );
  sandbox.kill("SIGTERM");
  expect(await stopped).toEqual([0, null]);
  expect(output).toContain("[sandbox] stopped");
  expect(output).not.toMatch(/unexpectedly|broke (its|the) contract/);
  expect(existsSync(stateFile)).toBe(false);
}, 60_000);
