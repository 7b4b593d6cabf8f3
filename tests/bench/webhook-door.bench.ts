/**
 * What unsigned bodies cost the webhook door, over HTTP against the real Remix build: a
 * 150 MB POST (refused at its Content-Length) and a body at the 4 MiB limit with a bogus
 * HMAC (read, then refused). Prints the process's peak RSS above its baseline; before the
 * door was bounded, the 150 MB POST took the process from 159 MB to 1.1 GB.
 */
import { request as httpRequest } from "node:http";
import { afterAll, bench, describe } from "vitest";
import { WEBHOOK_BODY_LIMIT_BYTES } from "../../app/webhooks/bounded-body";
import { startAppHarness } from "../helpers/app-harness";

const app = await startAppHarness();
const MB = 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, "x");

/** POSTs `size` bytes (one reused chunk, so the sender holds almost nothing) until the app answers. */
function post(size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${app.url}/webhooks/orders/updated`, {
      method: "POST",
      headers: {
        "Content-Length": String(size),
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/updated",
        "X-Shopify-Hmac-Sha256": "bm90LWEtcmVhbC1obWFj",
        "X-Shopify-Shop-Domain": "bench.myshopify.com",
        "X-Shopify-API-Version": "2026-07",
        "X-Shopify-Webhook-Id": "bench",
      },
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      response.resume();
      response.on("end", () => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
    });
    // The app may close the connection while the rest is still being sent.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    let sent = 0;
    const write = () => {
      while (!answered && sent < size) {
        const part = Math.min(chunk.length, size - sent);
        sent += part;
        if (!request.write(part === chunk.length ? chunk : chunk.subarray(0, part))) return void request.once("drain", write);
      }
      if (sent >= size) request.end();
    };
    write();
  });
}

const OVERSIZED_POST = "refuse a 150 MB POST with a bogus HMAC (413)";
const LIMIT_POST = "read a 4 MiB body with a bogus HMAC and refuse it (401)";
const baseline = process.memoryUsage().rss;
const peaks = new Map<string, number>();
let running: string | undefined;
const sampler = setInterval(() => {
  if (running) peaks.set(running, Math.max(peaks.get(running) ?? 0, process.memoryUsage().rss));
}, 5);

afterAll(async () => {
  clearInterval(sampler);
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  console.log(`webhook door: RSS ${mb(baseline)} before the first request`);
  for (const [name, peak] of peaks) console.log(`  ${name}: peak RSS ${mb(peak)} (+${mb(peak - baseline)})`);
  await app.close();
});

/** Runs `send`, with the RSS sampler counting toward `name`. */
const measured = (name: string, send: () => Promise<void>) => async () => {
  running = name;
  await send();
};

describe("webhook door, unsigned bodies", () => {
  bench(
    OVERSIZED_POST,
    measured(OVERSIZED_POST, async () => {
      const status = await post(150 * MB);
      if (status !== 413) throw new Error(`expected 413, got ${status}`);
    }),
    { iterations: 5 },
  );

  bench(
    LIMIT_POST,
    measured(LIMIT_POST, async () => {
      const status = await post(WEBHOOK_BODY_LIMIT_BYTES);
      if (status !== 401) throw new Error(`expected 401, got ${status}`);
    }),
    { iterations: 20 },
  );
});
