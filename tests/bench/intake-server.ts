/**
 * The production server as an operator starts it (`npm start`, the command in package.json),
 * on a database of its own, for the intake benchmarks. Signed `orders/updated` deliveries for
 * autocannon's `setupRequest`, signed as Shopify signs them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import type { Dialect } from "../../app/models/database-url";
import { ensureBuild } from "../../scripts/ensure-build";
import { applySqliteMigrations } from "../../scripts/migrations";
import { migrateDatabase } from "../../scripts/setup-db";
import { onPostgresServer, postgresDatabaseUrl } from "../helpers/test-db";

export const BENCH_SECRET = "bench-api-secret";
export const BENCH_SHOP = "bench.myshopify.com";

export interface IntakeServer {
  url: string;
  databaseUrl: string;
  /** CPU time the server process has used so far (user + system), in ms; Linux only. */
  cpuMs(): number;
  close(): Promise<void>;
}

/** The PostgreSQL server the bench makes its database on, as the tests' is (README, "Tests"). */
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * Starts `npm start` on a free port, on a fresh database of its own that `close` removes:
 * a SQLite file, or a database made on the PostgreSQL server and migrated as `npm run setup`
 * migrates one. BENCH_DATABASE_URL (postgres://…, already migrated) replaces the latter.
 */
export async function startIntakeServer(dialect: Dialect, env: Record<string, string> = {}): Promise<IntakeServer> {
  ensureBuild();
  const database = await benchDatabase(dialect);
  const databaseUrl = database.url;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const [command, ...args] = scripts.start.split(" ");
  const child: ChildProcess = spawn(command === "node" ? process.execPath : command, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: "bench-api-key",
      SHOPIFY_API_SECRET: BENCH_SECRET,
      SHOPIFY_APP_URL: "https://bench.test",
      TOKEN_ENCRYPTION_KEY: "ab".repeat(32),
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      ...env,
    },
    // The log goes where a production log goes: out of the way, at its real cost.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    await database.drop();
  };
  try {
    await answering(child, url);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    databaseUrl,
    cpuMs() {
      // /proc/PID/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second).
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    close: stop,
  };
}

/** Waits until `npm start` answers /healthz, 30 s at most. */
async function answering(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("npm start did not answer /healthz within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function benchDatabase(dialect: Dialect): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === "sqlite") {
    const file = path.resolve("tests/.tmp", `bench-${randomUUID()}.sqlite`);
    const url = `file:${file}`;
    await applySqliteMigrations(url);
    return {
      url,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, drop: async () => {} };
  const name = `bench_${randomUUID().slice(0, 8)}`;
  await onPostgresServer(`CREATE DATABASE "${name}"`, POSTGRES_SERVER);
  const url = postgresDatabaseUrl(POSTGRES_SERVER, name);
  const drop = () => onPostgresServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, POSTGRES_SERVER);
  try {
    await migrateDatabase(url, { quiet: true });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

/** The headers Shopify sends with a delivery, signed over `body`. */
export function signedHeaders(topic: string, body: string, secret = BENCH_SECRET): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-shopify-topic": topic,
    "x-shopify-hmac-sha256": getHmac(body, secret),
    "x-shopify-shop-domain": BENCH_SHOP,
    "x-shopify-api-version": "2026-07",
    "x-shopify-webhook-id": randomUUID(),
    "x-shopify-event-id": randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  };
}

/**
 * An `orders/updated` body as the subscription in shopify.app.toml asks for it (its
 * include_fields), for a Japanese order of three lines.
 */
export function updatedOrderBody(orderId: number, tags = ""): string {
  return JSON.stringify({
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${orderId}`,
    order_number: orderId,
    updated_at: new Date().toISOString(),
    email: "hanako@example.com",
    contact_email: "hanako@example.com",
    phone: null,
    tags,
    note: null,
    financial_status: "paid",
    cancelled_at: null,
    cancel_reason: null,
    current_subtotal_price: "9800",
    current_total_discounts: "0",
    current_total_tax: "891",
    current_total_price: "10490",
    total_outstanding: "0",
    shipping_address: {
      first_name: "花子", last_name: "山田", name: "山田 花子", company: null, phone: "090-1234-5678",
      address1: "千代田1-1", address2: "千代田ビル 3F", city: "千代田区", province: "Tokyo", province_code: "JP-13",
      zip: "100-0001", country: "Japan", country_code: "JP",
    },
    shipping_lines: [{ id: 1, code: "standard", title: "通常配送", source: "shopify", carrier_identifier: null, is_removed: false }],
    line_items: [1, 2, 3].map((n) => ({
      id: orderId * 10 + n, sku: `SKU-${n}`, quantity: n, current_quantity: n, fulfillable_quantity: n,
      requires_shipping: true, fulfillment_status: null, fulfillment_service: "manual", variant_id: 1000 + n,
    })),
    fulfillments: [],
  });
}
