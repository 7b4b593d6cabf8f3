/**
 * `npm run sandbox [-- --set key=value …]`: the app as `npm start` runs it, against the
 * OpenLogi and Admin API doubles, with one seeded order per row of SPEC.md's tables.
 * Offline, on 127.0.0.1 only. `npm run sandbox:send` drives it from another terminal.
 *
 * Environment: SANDBOX_APP_PORT (3000), SANDBOX_BROWSER_PORT (3100, the admin pages for a
 * browser), SANDBOX_OPENLOGI_PORT (4010), SANDBOX_ADMIN_PORT (4020), SANDBOX_CONTROL_PORT
 * (4030) — 0 picks a free port; SANDBOX_DATABASE_URL
 * (file:./prisma/sandbox.sqlite); SANDBOX_STATE_FILE (tests/.tmp/sandbox.json);
 * SANDBOX_LOG_LEVEL (info).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createClient } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";
import { parseSettingPairs } from "../../app/models/settings-input";
import { toSyncSettings, type SettingsPatch } from "../../app/models/settings.server";
import { seedShop } from "../../app/models/shop-seed.server";
import { rateLimitKey } from "../../app/openlogi/rate-limiter.server";
import { createTokenCipher } from "../../app/security/token-cipher.server";
import type { OrderSnapshot, SyncSettings } from "../../app/sync/types";
import { ensureBuild } from "../../scripts/ensure-build";
import { migrateDatabase } from "../../scripts/setup-db";
import { ensureAdminSchema } from "../../scripts/fetch-admin-schema";
import { startAdminApiDouble, type AdminApiDouble } from "../doubles/admin-api-double";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../doubles/openlogi-double";
import { adminOrderFixture } from "../doubles/scenario";
import { startAdminFrame, type AdminFrame } from "./admin/admin-frame";
import { buildCase, CASES, describeShipment, OPENLOGI_LOCATION_ID, OTHER_LOCATION_ID, predict, type SeededCase } from "./cases";
import { createControlServer } from "./control";
import { outcomeLabel, renderTable, SHORT_LABELS } from "./format";
import { closeServer, createLoggingProxy, HOST, listen, portFromEnv, reservePort, SandboxError } from "./net";
import { removeState, stateFilePath, writeState, type SandboxState } from "./state";

const SHOP = "sandbox.myshopify.com";
const ADMIN_TOKEN = "shpat_sandbox_offline_token";
const API_KEY = "sandbox-key";
const API_SECRET = "sandbox-secret";
// Public on purpose: the sandbox database only ever holds the double's fake OpenLogi token.
const TOKEN_ENCRYPTION_KEY = "5a4e4442585f73616e64626f785f6b65795f6e6f745f615f7365637265742121";
/** Where OpenLogi's Shopify import ships from; #1014 ships from the store instead. */
const SANDBOX_DEFAULT_SETTINGS: SettingsPatch = { locationId: OPENLOGI_LOCATION_ID };

const USAGE = `Usage: npm run sandbox [-- --set key=value …]

Settings (SPEC.md "Settings"): reflectChanges, cancelAfterConfirmation, modifyAfterConfirmation,
reflectItemChanges, paused (true|false); shipmentKey (name|number|id); locationId (a GID, or all).
Example: npm run sandbox -- --set cancelAfterConfirmation=true --set modifyAfterConfirmation=true`;

/** `npm start`'s own command line (package.json), so the sandbox keeps in step with it. */
function startCommand(): { nodeOptions: string[]; script: string } {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts?: Record<string, string> };
  const words = (scripts?.start ?? "").trim().split(/\s+/);
  const script = words.at(-1) ?? "";
  if (words[0] !== "node" || !/\.[cm]?[jt]s$/.test(script)) {
    throw new SandboxError(`package.json's "start" is not "node [options] <script>" any more: ${scripts?.start}`);
  }
  return { nodeOptions: words.slice(1, -1), script };
}

const log = (message: string) => console.log(`[sandbox] ${message}`);

/** Child processes find prisma and remix as npm scripts do, whoever started the sandbox. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}`, ...extra };
}

/**
 * `*.sqlite` is gitignored but its -wal/-shm files are not; the app exits without closing
 * its connection, so the sandbox checkpoints and closes last, which removes them.
 */
async function tidyWal(databaseUrl: string): Promise<void> {
  try {
    const client = createClient({ url: databaseUrl });
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    client.close();
  } catch {
    // only tidying
  }
}

/** Each start begins clean: only the sandbox shop's rows, so a shared database is safe. */
async function resetShop(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    prisma.syncHistory.deleteMany({ where: { shop: SHOP } }),
    prisma.billableRequest.deleteMany({ where: { shop: SHOP } }),
    prisma.syncJob.deleteMany({ where: { shop: SHOP } }),
    prisma.webhookEvent.deleteMany({ where: { shop: SHOP } }),
    prisma.session.deleteMany({ where: { shop: SHOP } }),
    prisma.shopSettings.deleteMany({ where: { shop: SHOP } }),
    prisma.rateLimitBucket.deleteMany({ where: { key: rateLimitKey(DOUBLE_TOKEN) } }),
  ]);
}

function describeOpenLogiCall(method: string, url: string, status: number, headers: Record<string, unknown>): string {
  const pathAndQuery = decodeURIComponent(url.replace(/^\/api/, ""));
  const remaining = headers["x-ratelimit-remaining"];
  const pace = remaining !== undefined ? `  (${remaining}/${headers["x-ratelimit-limit"]} left this minute)` : "";
  return `[openlogi] ${method} ${pathAndQuery} → ${status}${pace}`;
}

function describeAdminCall(body: Buffer, status: number): string {
  let operation = "query";
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { operationName?: string; query?: string };
    operation = parsed.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(parsed.query ?? "")?.[1] ?? operation;
  } catch {
    // not JSON: the double will say so
  }
  return `[shopify]  Admin GraphQL ${operation} → ${status}`;
}

const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** pino's JSON lines, made readable: "[app] 10:00:01 info  webhook received topic=… orderId=…". */
function formatAppLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `[app] ${line}`;
  }
  if (!record || typeof record !== "object" || typeof record.level !== "number") return `[app] ${line}`;
  const { level, time, msg, ...rest } = record;
  const when = typeof time === "number" ? new Date(time).toLocaleTimeString("en-GB", { hour12: false }) : "";
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  return `[app] ${when} ${(LEVELS[level as number] ?? String(level)).padEnd(5)} ${String(msg ?? "")} ${fields}`.trimEnd();
}

function pipeLines(stream: NodeJS.ReadableStream, write: (line: string) => void): void {
  createInterface({ input: stream }).on("line", write);
}

async function waitForHealth(appUrl: string, app: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null || app.signalCode !== null) throw new SandboxError("the app exited while starting (see its log above)");
    try {
      const response = await fetch(`${appUrl}/healthz`);
      const body = (await response.json()) as { ok?: boolean };
      if (response.ok && body.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new SandboxError(`the app did not answer ${appUrl}/healthz within ${timeoutMs / 1000} s`);
}

function settingsLine(settings: SyncSettings): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value ?? "all"}`)
    .join(" ");
}

function printGuide(state: SandboxState, seeded: SeededCase[], settings: SyncSettings, databaseUrl: string): void {
  const cell = (seededCase: SeededCase, action: "cancel" | "address" | "remove-item") => {
    const { outcome, actionRequired } = predict(seededCase, action, settings);
    return `${SHORT_LABELS[outcome] ?? outcomeLabel(outcome)}${actionRequired ? " !" : ""}`;
  };
  const rows = seeded.map((seededCase) => {
    const { status, band } = describeShipment(seededCase.case);
    return [seededCase.order.name, status, band, cell(seededCase, "cancel"), cell(seededCase, "address"), cell(seededCase, "remove-item")];
  });
  const rule = "─".repeat(78);
  const text = `
${rule}
 OpenLogi order sync — the sandbox is ready  (shop ${state.shop})
${rule}
  Admin pages        ${state.browserUrl}          open this in your browser: Home, Settings, History
  App (npm start)    ${state.appUrl}          health: ${state.appUrl}/healthz
  OpenLogi double    ${state.openlogiUrl}      60 requests a minute, like OpenLogi
  Admin API double   ${state.adminApiUrl}
  Control endpoint   ${state.controlUrl}          used by npm run sandbox:send
  Database           ${databaseUrl}  (the sandbox shop starts clean each run)
  Settings [設定]    ${settingsLine(settings)}

Seeded orders: each has a shipment request [出荷依頼] in OpenLogi unless noted. The last three
columns are what the app should record for each command with these settings (SPEC.md's
Cancellation and Changes tables):

${renderTable(["order", "shipment [ステータス]", "band", "cancel", "address", "remove-item"], rows)}

  ! = Action required [要対応]
  Bands (FAQ 217): OPEN 出庫確定前 · CONFIRMED ピッキング中〜ピッキング済 · PACKED 梱包済以降 ·
  REQUESTED a request is already pending · HELD 保留, handled as OPEN. allocating and working are
  API 1.3's names. #1013 has no shipment; #1014 ships from the store, not OpenLogi (another
  location); #1015 has a line without a SKU.

Try it from another terminal:
  npm run sandbox:send -- cancel "#1003"        Shopify cancels the order [注文キャンセル] → orders/cancelled
  npm run sandbox:send -- address "#1001"       the customer's address changes → orders/updated
  npm run sandbox:send -- remove-item "#1001"   an order edit [注文編集] removes one item → orders/edited
  npm run sandbox:send -- history               the sync history [連携履歴]; add an order name to filter
${process.env.SANDBOX_STATE_FILE ? `  (this sandbox's state file is not the default: run them with SANDBOX_STATE_FILE=${process.env.SANDBOX_STATE_FILE})\n` : ""}${settings.cancelAfterConfirmation && settings.modifyAfterConfirmation ? "" : `Billable requests after confirmation are off. To try them (the fee is only pretend here):
  npm run sandbox -- --set cancelAfterConfirmation=true --set modifyAfterConfirmation=true
`}
Below: the app's log, and every call it makes to OpenLogi and Shopify. Ctrl-C stops everything.
${rule}`;
  console.log(text);
}

// ---------------------------------------------------------------------------

interface Running {
  frame?: AdminFrame;
  openlogi?: OpenLogiDouble;
  admin?: AdminApiDouble;
  servers: Server[];
  prisma?: PrismaClient;
  app?: ChildProcess;
  stateFile?: string;
  databaseUrl?: string;
}

const running: Running = { servers: [] };
let stopping = false;
let stopSignalAt = 0;

function appAlive(app: ChildProcess | undefined): app is ChildProcess {
  return !!app && app.exitCode === null && app.signalCode === null;
}

async function stopApp(app: ChildProcess | undefined): Promise<void> {
  if (!appAlive(app)) return;
  const exited = new Promise<void>((resolve) => app.once("exit", () => resolve()));
  app.kill("SIGTERM");
  const timer = setTimeout(() => app.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  if (running.stateFile) removeState(running.stateFile);
  await stopApp(running.app);
  await running.frame?.close();
  await Promise.all(running.servers.map(closeServer));
  await running.admin?.close();
  try {
    await running.openlogi?.close();
  } catch (error) {
    console.error(`[sandbox] ${error instanceof Error ? error.message : String(error)}`);
    code = code || 1;
  }
  await running.prisma?.$disconnect();
  if (running.databaseUrl) await tidyWal(running.databaseUrl);
  if (running.openlogi) log(code === 0 ? "stopped" : `stopped (exit code ${code})`);
  // Exit by running out of work: libsql closes the file (and drops -wal/-shm) only then.
  process.exitCode = code;
  setTimeout(() => process.exit(code), 3_000).unref();
  return new Promise<never>(() => {});
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!stopping) {
      stopSignalAt = Date.now();
      log(`${signal}: stopping …`);
      void shutdown(0);
      return;
    }
    // npm, tsx and the terminal may each deliver the same stop; only a later one means "now".
    if (Date.now() - stopSignalAt < 1_500) return;
    log("stopping now, without waiting for the app's worker");
    if (appAlive(running.app)) running.app.kill("SIGKILL");
    process.exit(130);
  });
}
// Last resort (an uncaught error): never leave the app running on its port.
process.on("exit", () => {
  if (appAlive(running.app)) running.app.kill("SIGKILL");
});

async function main(): Promise<void> {
  let patch: SettingsPatch;
  try {
    const { values } = parseArgs({
      options: { set: { type: "string", multiple: true, default: [] }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      console.log(USAGE);
      return process.exit(0);
    }
    patch = { ...SANDBOX_DEFAULT_SETTINGS, ...parseSettingPairs(values.set ?? []) };
  } catch (error) {
    throw new SandboxError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }

  const databaseUrl = process.env.SANDBOX_DATABASE_URL || "file:./prisma/sandbox.sqlite";
  const stateFile = stateFilePath();
  const logLevel = process.env.SANDBOX_LOG_LEVEL || "info";
  const wanted = {
    app: portFromEnv("SANDBOX_APP_PORT", 3000),
    browser: portFromEnv("SANDBOX_BROWSER_PORT", 3100),
    openlogi: portFromEnv("SANDBOX_OPENLOGI_PORT", 4010),
    admin: portFromEnv("SANDBOX_ADMIN_PORT", 4020),
    control: portFromEnv("SANDBOX_CONTROL_PORT", 4030),
  };
  // Fail on a busy port before the slow steps.
  const appPort = await reservePort(wanted.app, "the app", "SANDBOX_APP_PORT");
  await reservePort(wanted.browser, "the admin pages", "SANDBOX_BROWSER_PORT");
  await reservePort(wanted.openlogi, "the OpenLogi double", "SANDBOX_OPENLOGI_PORT");
  await reservePort(wanted.admin, "the Admin API double", "SANDBOX_ADMIN_PORT");
  await reservePort(wanted.control, "the control endpoint", "SANDBOX_CONTROL_PORT");

  ensureBuild(log);
  // npm run setup's migration without its `prisma generate`: npm ci ran that, and doing it
  // again would rewrite node_modules/.prisma under any test or app process using it.
  await migrateDatabase(databaseUrl, { quiet: true }).catch((error: Error) => {
    throw new SandboxError(error.message);
  });
  running.databaseUrl = databaseUrl;
  log(`database ready: ${databaseUrl}`);

  try {
    ensureAdminSchema();
  } catch (error) {
    throw new SandboxError(
      "The Admin API double needs Shopify's Admin schema (.contracts/admin-2026-07.schema.json.gz), fetched once\n" +
        "  from npm and kept: run `npm exec tsx scripts/fetch-admin-schema.ts` (or `npm test`) once while online.\n" +
        `  (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
    );
  }

  // The doubles, behind fixed ports.
  const openlogi = (running.openlogi = await startOpenLogiDouble());
  const admin = (running.admin = await startAdminApiDouble({
    accessTokens: { [SHOP]: ADMIN_TOKEN },
    shops: {
      [SHOP]: {
        ianaTimezone: "Asia/Tokyo",
        locations: [
          { id: OPENLOGI_LOCATION_ID, name: "オープンロジ倉庫 (OpenLogi)", isFulfillmentService: true },
          { id: OTHER_LOCATION_ID, name: "渋谷店 (Shibuya store)" },
        ],
      },
    },
  }));
  const openlogiProxy = createLoggingProxy(new URL(openlogi.url).origin, (req, _body, res) =>
    describeOpenLogiCall(req.method ?? "GET", req.url ?? "/", res.statusCode ?? 0, res.headers),
  );
  const adminProxy = createLoggingProxy(admin.url, (_req, body, res) => describeAdminCall(body, res.statusCode ?? 0));
  running.servers.push(openlogiProxy, adminProxy);
  const openlogiPort = await listen(openlogiProxy, wanted.openlogi, "the OpenLogi double", "SANDBOX_OPENLOGI_PORT");
  const adminPort = await listen(adminProxy, wanted.admin, "the Admin API double", "SANDBOX_ADMIN_PORT");
  const openlogiUrl = `http://${HOST}:${openlogiPort}/api`;
  const adminApiUrl = `http://${HOST}:${adminPort}`;

  const seeded = CASES.map(buildCase);
  const orders = new Map<string, OrderSnapshot>();
  for (const { order, shipment } of seeded) {
    orders.set(order.name, order);
    admin.setOrder(SHOP, adminOrderFixture(order));
    if (shipment) openlogi.seed([shipment]);
  }

  const prisma = (running.prisma = new PrismaClient({ adapter: new PrismaLibSQL({ url: databaseUrl, timeout: 5_000 }) }));
  await resetShop(prisma);
  await seedShop(prisma, createTokenCipher(TOKEN_ENCRYPTION_KEY), {
    shop: SHOP,
    accessToken: ADMIN_TOKEN,
    openlogiToken: DOUBLE_TOKEN,
    openlogiAccountCode: DOUBLE_ACCOUNT,
    settings: patch,
  });
  const settings = toSyncSettings(await prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } }));

  const appUrl = `http://${HOST}:${appPort}`;
  const control = createControlServer({ prisma, admin, openlogi, shop: SHOP, secret: API_SECRET, appUrl, orders });
  running.servers.push(control);
  const controlPort = await listen(control, wanted.control, "the control endpoint", "SANDBOX_CONTROL_PORT");

  // The app exactly as `npm start` runs it, kept on 127.0.0.1 (the webhook secret is well known).
  const start = startCommand();
  log(`starting the app on ${appUrl} …`);
  const app = (running.app = spawn(
    process.execPath,
    [...start.nodeOptions, start.script],
    {
      env: childEnv({
        NODE_ENV: "production",
        PORT: String(appPort),
        HOST,
        DATABASE_URL: databaseUrl,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        SHOPIFY_APP_URL: appUrl,
        TOKEN_ENCRYPTION_KEY,
        OPENLOGI_API_BASE_URL: openlogiUrl,
        SHOPIFY_ADMIN_API_ORIGIN: adminApiUrl,
        // The doubles above stand in for OpenLogi and Shopify: the overrides are meant.
        ALLOW_API_OVERRIDES: "1",
        WORKER_MODE: "inline",
        OPENLOGI_CALLS_PER_MINUTE: "60",
        LOG_LEVEL: logLevel,
      }),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: Ctrl-C reaches the sandbox, which stops the app once.
      detached: true,
    },
  ));
  pipeLines(app.stdout!, (line) => console.log(formatAppLine(line)));
  pipeLines(app.stderr!, (line) => console.error(`[app] ${line}`));
  app.once("exit", (code, signal) => {
    if (stopping) return;
    log(`the app stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the sandbox`);
    void shutdown(1);
  });
  await waitForHealth(appUrl, app);

  // The Shopify admin a person opens: it frames the app and stands in for App Bridge.
  const frame = (running.frame = await startAdminFrame({
    appUrl,
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    shop: SHOP,
    port: wanted.browser,
    defaultLocale: "ja",
  }).catch((error: NodeJS.ErrnoException) => {
    throw new SandboxError(`Cannot listen on port ${wanted.browser} (the admin pages, SANDBOX_BROWSER_PORT): ${error.message}`);
  }));

  const state: SandboxState = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    shop: SHOP,
    webhookSecret: API_SECRET,
    appUrl,
    browserUrl: frame.url,
    controlUrl: `http://${HOST}:${controlPort}`,
    openlogiUrl,
    adminApiUrl,
    ports: { app: appPort, browser: Number(new URL(frame.url).port), openlogi: openlogiPort, admin: adminPort, control: controlPort },
    databaseUrl,
    settings,
    orders: seeded.map(({ order, shipment }) => ({
      name: order.name,
      orderId: order.legacyId,
      shipmentId: shipment?.id ?? null,
      status: shipment?.status ?? null,
    })),
  };
  printGuide(state, seeded, settings, databaseUrl);
  running.stateFile = stateFile;
  writeState(stateFile, state);
}

main().catch(async (error: unknown) => {
  if (error instanceof SandboxError) console.error(`\n[sandbox] ${error.message}\n`);
  else console.error("[sandbox] failed to start:", error);
  await shutdown(1);
});
