import type { RequestListener } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { logger } from "./logger.server";
import { setSecurityHeaders } from "./security/response-headers";
import { orderWebhookHandlers } from "./webhook-routes.server";

/**
 * For an HTML document that says nothing of its framing. Shopify's addDocumentResponseHeaders
 * allows the shop's admin when the URL names a valid shop and sets nothing otherwise; without
 * a shop, only Shopify's admin may frame the app.
 */
export const DEFAULT_FRAME_ANCESTORS = "frame-ancestors https://admin.shopify.com";

/**
 * The HTTP server's handler around the Remix build: the order webhooks first, straight to
 * their routes' actions (webhook-routes.server.ts); then, through Express, static assets and
 * every route through Remix.
 */
export function createHttpApp(build: ServerBuild, mode: string): RequestListener {
  const webhooks = orderWebhookHandlers(build, mode, (error) => logger.error({ err: error }, "webhook failed"));
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode }));
  return (request, response) => {
    const webhook = request.method === "POST" ? webhooks.get(request.url?.split("?")[0] ?? "") : undefined;
    if (!webhook) return app(request, response);
    setSecurityHeaders(response);
    // The handler answers its own errors; this is for one thrown while answering one.
    webhook(request, response).catch((error: unknown) => {
      logger.error({ err: error }, "webhook failed");
      response.destroy();
    });
  };
}

function securityHeaders(_request: Request, response: Response, next: NextFunction) {
  setSecurityHeaders(response);
  // HTML comes from Remix's documents, Shopify's auth pages and Express's error pages: the
  // last moment before the headers go out is the one place that sees them all.
  const writeHead = response.writeHead;
  response.writeHead = function (this: Response, ...args: unknown[]) {
    if (/^text\/html\b/i.test(String(this.getHeader("content-type") ?? ""))) {
      const policies = [this.getHeader("content-security-policy") ?? []].flat().map(String);
      // frame-ancestors does not fall back to default-src: a policy without it allows any frame.
      if (!policies.some((policy) => /(^|;)\s*frame-ancestors\s/i.test(policy))) {
        this.setHeader("Content-Security-Policy", [...policies, DEFAULT_FRAME_ANCESTORS]);
      }
    }
    return (writeHead as (...args: unknown[]) => Response).apply(this, args);
  } as typeof writeHead;
  next();
}
