import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createHttpApp } from "../../app/http-app.server";
import { signedWebhookRequest, type SignedWebhookOptions } from "../doubles/sign-webhook";
import { createTestDatabase, type TestDatabase } from "./test-db";

export const TEST_SECRET = "test-api-secret";

export interface AppHarness {
  url: string;
  db: TestDatabase;
  /** Signs and POSTs a webhook to the app over HTTP, as Shopify would. */
  sendWebhook(path: string, options: Omit<SignedWebhookOptions, "secret"> & { secret?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real Remix build served over HTTP on 127.0.0.1, on a fresh migrated database.
 * The build's Prisma client is this database's client (db.server caches on `global`),
 * so the test and the app share one connection, as server.ts and its worker do.
 */
export async function startAppHarness(extraEnv: Record<string, string> = {}): Promise<AppHarness> {
  const db = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: db.url, SHOPIFY_API_SECRET: TEST_SECRET, ...extraEnv });
  globalThis.prismaGlobal = db.prisma;
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const server: Server = await new Promise((resolve) => {
    const listening = createServer(createHttpApp(build, "production")).listen(0, "127.0.0.1", () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    sendWebhook(route, options) {
      return fetch(signedWebhookRequest(`${url}${route}`, { secret: TEST_SECRET, ...options }));
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.drop();
    },
  };
}
