import type { ActionFunction, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";

/** The routes that take Shopify's order webhooks by the thousand (a flash sale's cancellations). */
export const ORDER_WEBHOOK_ROUTES = ["routes/webhooks.orders.cancelled", "routes/webhooks.orders.edited", "routes/webhooks.orders.updated"] as const;

/**
 * POST handlers that call the order webhook routes' own `action`s, ahead of Remix's router.
 * The route modules stay the one place that answers a webhook; this only skips what a webhook
 * never needs (route matching over every page, document and data-request handling), which
 * cost more CPU than the whole intake (README, "Webhook intake"). Anything else, and any
 * other method on these paths, still goes through Remix.
 */
export function orderWebhookHandlers(build: ServerBuild, mode: string, log: (error: unknown) => void) {
  return ORDER_WEBHOOK_ROUTES.flatMap((id) => {
    const route = build.routes[id];
    const action = route?.module.action as ActionFunction | undefined;
    if (!route?.path || !action) return [];
    return [{ path: `/${route.path}`, handler: handlerFor(action, mode, log) }];
  });
}

function handlerFor(action: ActionFunction, mode: string, log: (error: unknown) => void) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const request = toWebRequest(req);
      let response: Response;
      try {
        response = (await action({ request, params: {}, context: {} })) as Response;
      } catch (thrown) {
        // Routes throw the Response to send (401, 400, 411, 413), as Remix lets them.
        if (!(thrown instanceof Response)) throw thrown;
        response = thrown;
      }
      await sendWebResponse(res, response);
    } catch (error) {
      log(error);
      if (res.headersSent) return next(error);
      // Remix's answer: the details only in development; Shopify retries the delivery.
      const details = mode === "development" && error instanceof Error ? `\n\n${error.stack}` : "";
      res.status(500).type("text/plain").send(`Unexpected Server Error${details}`);
    }
  };
}

function toWebRequest(req: ExpressRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return new Request(`http://${req.headers.host ?? "localhost"}${req.originalUrl}`, {
    method: req.method,
    headers,
    body: createReadableStreamFromReadable(req),
    duplex: "half",
  } as RequestInit);
}

async function sendWebResponse(res: ExpressResponse, response: Response) {
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
