/**
 * The headers every answer of the real Remix build carries over HTTP, and the frame-ancestors
 * policy no HTML document goes without.
 */
import { readdirSync } from "node:fs";
import { startAppHarness, type AppHarness } from "../helpers/app-harness";

let app: AppHarness;

beforeAll(async () => {
  app = await startAppHarness();
});
afterAll(() => app.close());

// A browser's user agent: authenticate.admin answers bots with 410.
const get = (path: string) => fetch(`${app.url}${path}`, { redirect: "manual", headers: { "User-Agent": "Mozilla/5.0 Chrome/130" } });

const EVERY_RESPONSE = {
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function headersOf(response: Response, names: string[]) {
  return Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
}

describe("every response", () => {
  const asset = readdirSync("public/build").find((name) => name.endsWith(".js"));

  it.each([
    ["a plain-text page", "/"],
    ["a JSON endpoint", "/healthz"],
    ["a redirect to login", "/app"],
    ["a document that is not found", "/no-such-page"],
    ["a static asset", `/build/${asset}`],
  ])("carries HSTS, nosniff and a Referrer-Policy: %s", async (_what, path) => {
    const response = await get(path);
    expect(headersOf(response, Object.keys(EVERY_RESPONSE))).toEqual(EVERY_RESPONSE);
  });

  it("carries them on a webhook's answer too", async () => {
    const response = await app.sendWebhook("/webhooks/orders/cancelled", {
      topic: "orders/cancelled", shop: "headers.myshopify.com", payload: { id: 1 }, secret: "not-the-secret",
    });
    expect(response.status).toBe(401);
    expect(headersOf(response, Object.keys(EVERY_RESPONSE))).toEqual(EVERY_RESPONSE);
  });
});

describe("frame-ancestors on every HTML document", () => {
  it.each([
    ["a document without a shop", "/no-such-page"],
    ["a document whose shop is not a shop domain", "/no-such-page?shop=evil.example.com"],
  ])("lets only Shopify's admin frame %s", async (_what, path) => {
    const response = await get(path);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors https://admin.shopify.com");
  });

  it.each([
    ["a document", "/no-such-page?shop=frame.myshopify.com"],
    ["Shopify's session-token page", "/auth/session-token?shop=frame.myshopify.com&shopify-reload=%2Fapp"],
  ])("keeps Shopify's policy for the shop in the URL on %s, and adds none", async (_what, path) => {
    const response = await get(path);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const policy = response.headers.get("content-security-policy");
    expect(policy).toMatch(/^frame-ancestors https:\/\/frame\.myshopify\.com https:\/\/admin\.shopify\.com /);
    expect(policy).not.toContain(",");
  });

  it("adds frame-ancestors to a Shopify page rendered without a shop", async () => {
    const response = await get("/auth/session-token?shopify-reload=%2Fapp");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors https://admin.shopify.com");
  });
});
