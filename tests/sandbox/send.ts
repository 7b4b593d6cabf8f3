/**
 * `npm run sandbox:send -- <cancel|address|remove-item> "#1003"` and
 * `npm run sandbox:send -- history ["#1003"]`: asks the running sandbox (through its
 * control endpoint, found in the state file) to change an order in Shopify and send the
 * webhook, then shows what the app recorded.
 */
import { renderHistory, type HistoryRowJson } from "./format";
import { normaliseOrderName, readState, stateFilePath, type ActionResult, type OrderStatusJson } from "./state";

const USAGE = `Usage:
  npm run sandbox:send -- cancel "#1003"        Shopify cancels the order (orders/cancelled)
  npm run sandbox:send -- address "#1001"       the shipping address changes (orders/updated)
  npm run sandbox:send -- remove-item "#1001"   an order edit removes one item (orders/edited)
  npm run sandbox:send -- history ["#1001"]     the latest sync history rows`;

const ACTIONS = ["cancel", "address", "remove-item"];
/** How long to wait for the worker: it polls every second and paces OpenLogi to 60 calls a minute. */
const FIRST_LOOK_MS = 2_000;
const GIVE_UP_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const stateFile = stateFilePath();
const state = readState(stateFile);
if (!state) fail(`The sandbox is not running (no ${stateFile}). Start it with: npm run sandbox`);

async function call<T>(method: "GET" | "POST", path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${state!.controlUrl}${path}`, { method });
  } catch {
    fail(`Cannot reach the sandbox at ${state!.controlUrl}: is \`npm run sandbox\` still running?`);
  }
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) fail(body.error ?? `${method} ${path} answered ${response.status}`);
  return body;
}

const historyPath = (params: Record<string, string | number | undefined>) => {
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  );
  return `/history?${query}`;
};

function describeShipments(status: OrderStatusJson): string {
  if (status.shipments.length === 0) return "no shipment (none, or deleted)";
  return status.shipments.map((shipment) => `${shipment.id} ${shipment.status ?? "?"}`).join(", ");
}

const [command, orderArg] = process.argv.slice(2);
if (!command || command === "--help" || command === "-h") fail(USAGE, command ? 0 : 2);

if (command === "history") {
  const rows = await call<HistoryRowJson[]>("GET", historyPath({ order: orderArg && normaliseOrderName(orderArg), limit: 20 }));
  console.log(renderHistory(rows));
} else if (ACTIONS.includes(command)) {
  if (!orderArg) fail(`Which order? e.g. npm run sandbox:send -- ${command} "#1001"\n\n${USAGE}`, 2);
  const name = normaliseOrderName(orderArg);
  const result = await call<ActionResult>("POST", `/orders/${encodeURIComponent(name)}/${command}`);
  console.log(`${result.order}: ${result.change}.`);
  console.log(`Sent ${result.topic} to the app → HTTP ${result.webhookStatus}${result.webhookStatus === 200 ? " (stored; the worker takes it from the queue)" : ""}`);
  if (result.webhookStatus !== 200) process.exit(1);
  if (!result.expectHistory) {
    console.log("A repeated delivery has one effect: the app records nothing new.");
    process.exit(0);
  }

  await sleep(FIRST_LOOK_MS);
  const deadline = Date.now() + GIVE_UP_MS;
  let rows: HistoryRowJson[] = [];
  while (true) {
    rows = await call<HistoryRowJson[]>("GET", historyPath({ order: name, after: result.lastHistoryId }));
    if (rows.length > 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  if (rows.length === 0) {
    console.log(`\nNothing recorded yet (a duplicate webhook has no effect; otherwise the worker is still busy).`);
    console.log(`Look again with: npm run sandbox:send -- history "${name}"`);
  } else {
    console.log(`\nHistory [連携履歴] for ${name}:`);
    console.log(renderHistory(rows));
  }
  const status = await call<OrderStatusJson>("GET", `/orders/${encodeURIComponent(name)}`);
  console.log(`\nIn OpenLogi now: ${describeShipments(status)}`);
} else {
  fail(`Unknown command "${command}".\n\n${USAGE}`, 2);
}
