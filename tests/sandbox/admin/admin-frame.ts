/**
 * The sandbox's Shopify admin: a page a person opens in their own browser (and the browser
 * tests drive) that frames the app as the admin does, with no Shopify store and no internet.
 *
 * - `/store/{store}/apps/{handle}/…` is the admin page: nav menu, title bar, save bar,
 *   toasts (frame.js), around an iframe of the app's page.
 * - `POST /__sandbox/session-token` mints a session token as App Bridge gets one from the
 *   admin: HS256 over the app's credentials, signed with the sandbox's own secret
 *   (@shopify/shopify-api/test-helpers' getJwt), valid for one minute.
 * - Everything else is the app, proxied so that the frame and the app share an origin.
 *   Its HTML has App Bridge's CDN script replaced by the sandbox's stand-in
 *   (app-bridge.js) and Shopify's font CDN by an empty stylesheet, and may be framed by
 *   this page.
 *
 * Test code only: the production server has no route that mints tokens
 * (tests/e2e/admin-pages.e2e.test.ts proves it).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getJwt } from "@shopify/shopify-api/test-helpers";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APP_BRIDGE_CDN = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
/** Shopify's font CDN (root.tsx): a stylesheet and a preconnect. */
const SHOPIFY_CDN = /https:\/\/cdn\.shopify\.com\/[^"'\s>]*/g;
/** The path every framed page of the app lives under, as in admin.shopify.com/store/{store}/apps/{handle}. */
const APP_HANDLE = "openlogi-order-sync";

/**
 * Only URLs change, never elements: React hydrates the whole document and would render it
 * all again (App Bridge's CDN script included) if an element were missing.
 */
function stubShopifyCdn(text: string): string {
  return text.replaceAll(APP_BRIDGE_CDN, "/__sandbox/app-bridge.js").replace(SHOPIFY_CDN, "/__sandbox/fonts.css");
}

function rewrite(answer: IncomingMessage, res: ServerResponse, headers: IncomingMessage["headers"], edit: (text: string) => string) {
  const chunks: Buffer[] = [];
  answer.on("data", (chunk: Buffer) => chunks.push(chunk));
  answer.on("end", () => {
    delete headers["content-length"];
    delete headers["transfer-encoding"];
    delete headers.etag;
    res.writeHead(answer.statusCode ?? 502, headers);
    res.end(edit(Buffer.concat(chunks).toString("utf8")));
  });
}

export interface AdminFrameOptions {
  /** Where the app listens, e.g. http://127.0.0.1:3000. */
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  /** The shop's myshopify domain. */
  shop: string;
  appName?: string;
  /** The admin user's language when the page's URL names none. */
  defaultLocale?: string;
  port?: number;
  host?: string;
}

export interface AdminFrame {
  /** The address to open, e.g. http://127.0.0.1:3100/ */
  url: string;
  /** The admin page for one of the app's paths, e.g. pageUrl("/app/settings", "ja"). */
  pageUrl(appPath?: string, locale?: string): string;
  server: Server;
  close(): Promise<void>;
}

export async function startAdminFrame(options: AdminFrameOptions): Promise<AdminFrame> {
  const storeName = options.shop.replace(/\.myshopify\.com$/, "");
  const base = `/store/${storeName}/apps/${APP_HANDLE}`;
  const upstream = new URL(options.appUrl);
  const files: Record<string, { type: string; body: string }> = {
    "/__sandbox/app-bridge.js": { type: "text/javascript", body: readFileSync(path.join(HERE, "app-bridge.js"), "utf8") },
    "/__sandbox/frame.js": { type: "text/javascript", body: readFileSync(path.join(HERE, "frame.js"), "utf8") },
    "/__sandbox/frame.css": { type: "text/css", body: readFileSync(path.join(HERE, "frame.css"), "utf8") },
    // Offline, the admin's fonts are the system's (Noto CJK for Japanese).
    "/__sandbox/fonts.css": { type: "text/css", body: "" },
  };

  async function mint(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const { token } = await getJwt(storeName, options.apiKey, options.apiSecret, {
      iss: `https://${options.shop}/admin`,
      exp: now + 60,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      sid: randomUUID(),
    });
    return token;
  }

  function framePage(url: URL): string {
    const config = {
      base,
      shop: options.shop,
      // The admin's `host` parameter: its own address, base64-encoded.
      host: Buffer.from(`admin.shopify.com/store/${storeName}`).toString("base64"),
      locale: url.searchParams.get("locale") || options.defaultLocale || "ja",
      appName: options.appName ?? "OpenLogi order sync",
    };
    const json = JSON.stringify(config).replace(/</g, "\\u003c");
    return `<!doctype html>
<html lang="${config.locale.startsWith("ja") ? "ja" : "en"}">
<head>
<meta charset="utf-8">
<title>${config.appName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__sandbox/frame.css">
</head>
<body>
<div id="loading"></div>
<header id="top">
  <span class="brand">Shopify</span><span class="store" id="store"></span>
  <span class="note" id="note"></span>
  <select id="locale" aria-label="Language"><option value="ja">日本語</option><option value="en">English</option></select>
  <div id="savebar" role="region"><span class="label"></span><div class="actions"><button class="discard" type="button"></button><button class="save" type="button"></button></div></div>
</header>
<nav id="nav"></nav>
<main id="main"><div id="titlebar"></div><iframe id="app" title="${config.appName}"></iframe></main>
<div id="toasts" aria-live="polite"></div>
<script id="sandbox-config" type="application/json">${json}</script>
<script src="/__sandbox/frame.js"></script>
</body>
</html>`;
  }

  function proxy(req: IncomingMessage, res: ServerResponse) {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        const headers = { ...answer.headers };
        const type = String(headers["content-type"] ?? "");
        if (/^(text|application)\/javascript\b/i.test(type)) {
          // The client bundle renders the same URLs: rewritten alike, it hydrates what the HTML holds.
          rewrite(answer, res, headers, (text) => stubShopifyCdn(text));
          return;
        }
        if (!/^text\/html\b/i.test(type)) {
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          return;
        }
        // This page frames the app from the app's own origin.
        headers["content-security-policy"] = "frame-ancestors 'self'";
        // The library's preload of App Bridge (addDocumentResponseHeaders).
        if (typeof headers.link === "string") headers.link = stubShopifyCdn(headers.link);
        rewrite(answer, res, headers, stubShopifyCdn);
      },
    );
    forward.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" }).end(`sandbox admin: the app did not answer (${error.message})`);
      else res.destroy();
    });
    req.pipe(forward);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const file = files[url.pathname];
    if (req.method === "GET" && file) {
      res.writeHead(200, { "Content-Type": `${file.type}; charset=utf-8`, "Cache-Control": "no-store" }).end(file.body);
      return;
    }
    if (req.method === "POST" && url.pathname === "/__sandbox/session-token") {
      mint().then(
        (token) => res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify({ token })),
        (error: Error) => res.writeHead(500, { "Content-Type": "text/plain" }).end(error.message),
      );
      return;
    }
    if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(302, { Location: `${base}${url.search}` }).end();
      return;
    }
    if (req.method === "GET" && (url.pathname === base || url.pathname.startsWith(`${base}/`))) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(framePage(url));
      return;
    }
    proxy(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.host ?? "127.0.0.1"}:${port}`;
  return {
    url: `${origin}/`,
    pageUrl(appPath = "/app", locale) {
      const url = new URL(`${base}${appPath}`, origin);
      if (locale) url.searchParams.set("locale", locale);
      return url.toString();
    },
    server,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
