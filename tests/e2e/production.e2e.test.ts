/**
 * `npm start` as an operator runs it, without NODE_ENV: production by default, so an error
 * reaches the client without a stack, and the URL overrides are refused unless meant.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { signedWebhookRequest } from "../doubles/sign-webhook";
import { createEmptyTestDatabase } from "../helpers/test-db";
import { reservePort } from "../sandbox/net";

const SECRET = "production-test-secret";
const children: ChildProcess[] = [];
const databases: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const drop of databases.splice(0)) await drop();
});

/** This process's environment and `extra`, without NODE_ENV: an operator's shell need not set it. */
function operatorEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: undefined, ...extra };
  return env as NodeJS.ProcessEnv; // Remix types NODE_ENV as always set
}

/** Runs package.json's "start" with `env` (and no NODE_ENV unless given) in a process of its own. */
async function npmStart(env: Record<string, string>) {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const [command, ...args] = scripts.start.split(" ");
  expect(command).toBe("node");
  const port = await reservePort(0, "the app", "PORT");
  // An empty database of the run's dialect: any query fails, which is the error these tests need.
  const database = await createEmptyTestDatabase();
  databases.push(database.drop);
  const childEnv = operatorEnv({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    SHOPIFY_API_SECRET: SECRET,
    WORKER_MODE: "off",
    LOG_LEVEL: "warn",
    ...env,
  });
  const child = spawn(process.execPath, args, {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, exited, output: () => output };
}

/** Resolves "listening" once the server answers, or "exited" if the process ends first. */
async function started(app: Awaited<ReturnType<typeof npmStart>>): Promise<"listening" | "exited"> {
  let exited = false;
  void app.exited.then(() => (exited = true));
  for (let attempt = 0; attempt < 300 && !exited; attempt++) {
    try {
      await fetch(`${app.url}/healthz`);
      return "listening";
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (exited) return "exited";
  throw new Error(`the app neither answered nor exited:\n${app.output()}`);
}

/** A correctly signed order webhook: storing it fails on the empty database. */
function failingWebhook(url: string) {
  return fetch(
    signedWebhookRequest(`${url}/webhooks/orders/cancelled`, {
      secret: SECRET,
      topic: "orders/cancelled",
      shop: "production.myshopify.com",
      payload: { id: 1, admin_graphql_api_id: "gid://shopify/Order/1", cancelled_at: "2026-11-20T10:00:00+09:00" },
    }),
  );
}

describe("npm start", () => {
  it("runs in production unless told otherwise: a server error answers without a stack", async () => {
    const app = await npmStart({});
    expect(await started(app), app.output()).toBe("listening");
    const response = await failingWebhook(app.url);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toBe("Unexpected Server Error");
  });

  it("sends the error's details to the client only when NODE_ENV says development", async () => {
    // The other side of the test above: what production keeps back.
    const app = await npmStart({ NODE_ENV: "development" });
    expect(await started(app), app.output()).toBe("listening");
    const response = await failingWebhook(app.url);
    expect(response.status).toBe(500);
    // The intake's driver says it: SQLite (SqliteError) "no such table", PostgreSQL (pg's
    // DatabaseError, whose stack begins "error:") 'relation "WebhookEvent" does not exist'.
    expect(await response.text()).toMatch(/^Unexpected Server Error\n\n(\w*Error|error): [\s\S]*(no such table|relation "WebhookEvent" does not exist)/);
  });

  it.each(["OPENLOGI_API_BASE_URL", "SHOPIFY_ADMIN_API_ORIGIN"])("refuses to start in production with %s, saying how to allow it", async (name) => {
    const app = await npmStart({ [name]: "http://127.0.0.1:9" });
    expect(await started(app)).toBe("exited");
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain(`${name}: is refused in production`);
    expect(app.output()).toContain("ALLOW_API_OVERRIDES=1");
    expect(app.output()).not.toMatch(/\n\s+at /);
  });

  it("starts in production with the overrides when ALLOW_API_OVERRIDES=1 says they are meant", async () => {
    const app = await npmStart({ OPENLOGI_API_BASE_URL: "http://127.0.0.1:9", SHOPIFY_ADMIN_API_ORIGIN: "http://127.0.0.1:9", ALLOW_API_OVERRIDES: "1" });
    expect(await started(app), app.output()).toBe("listening");
  });
});

/** A Node.js older than 22 on this machine's PATH (the machines have Node 20 beside the project's 22). */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "node");
    if (!existsSync(candidate)) continue;
    const major = Number(/^v(\d+)\./.exec(execFileSync(candidate, ["--version"], { encoding: "utf8" }))?.[1]);
    if (major < 22) return candidate;
  }
  return undefined;
}

describe("the entry points on an old Node.js", () => {
  const node = olderNode();

  // Without a Node.js older than 22 installed there is nothing to start it with; the message
  // itself is tested in tests/unit/node-version.test.ts.
  it.skipIf(!node).each(["server.ts", "app/jobs/worker-main.server.ts"])("%s refuses to start, saying why", (entry) => {
    const result = spawnSync(node!, ["--import", "tsx/esm", entry], { encoding: "utf8", env: operatorEnv(), timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^OpenLogi Order Sync needs Node\.js 22 or newer, and this is Node\.js v\d+/);
    expect(result.stderr).toContain("JSON.parse source text access");
  });
});
