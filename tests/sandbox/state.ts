/** The file through which `sandbox:send` (and the test) find a running sandbox. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SyncSettings } from "../../app/sync/types";

export interface SandboxOrderInfo {
  name: string;
  orderId: string;
  shipmentId: string | null;
  status: string | null;
}

export interface SandboxState {
  pid: number;
  startedAt: string;
  shop: string;
  /** The fake SHOPIFY_API_SECRET webhooks are signed with (a sandbox value, not a credential). */
  webhookSecret: string;
  appUrl: string;
  /** The admin pages for a person's browser (tests/sandbox/admin). */
  browserUrl: string;
  controlUrl: string;
  openlogiUrl: string;
  adminApiUrl: string;
  ports: { app: number; browser: number; openlogi: number; admin: number; control: number };
  databaseUrl: string;
  settings: SyncSettings;
  orders: SandboxOrderInfo[];
}

export function stateFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SANDBOX_STATE_FILE || "tests/.tmp/sandbox.json");
}

export function writeState(file: string, state: SandboxState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function readState(file: string): SandboxState | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as SandboxState;
}

export function removeState(file: string): void {
  rmSync(file, { force: true });
}

/** What the control endpoint answers to POST /orders/:name/<action>. */
export interface ActionResult {
  order: string;
  topic: string;
  /** What changed in Shopify, in words. */
  change: string;
  webhookStatus: number;
  /** The newest history id before the webhook: rows after it are this action's. */
  lastHistoryId: number;
  /** False for a repeated cancellation: the app keeps one job per order's cancellation. */
  expectHistory: boolean;
}

export interface OrderStatusJson {
  name: string;
  cancelled: boolean;
  shipments: { id: string; status: string | null }[];
}

/** Order names as people type them: "#1003", "1003" (a bare # starts a shell comment). */
export function normaliseOrderName(input: string): string {
  const trimmed = input.trim();
  return trimmed.startsWith("#") ? trimmed : `#${trimmed}`;
}
