import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActionFunction, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import { SECURITY_HEADERS } from "./security/response-headers";
import { declaredLength, WEBHOOK_BODY_LIMIT_BYTES } from "./webhooks/bounded-body";

/** The routes that take Shopify's order webhooks by the thousand (a flash sale's cancellations). */
export const ORDER_WEBHOOK_ROUTES = ["routes/webhooks.orders.cancelled", "routes/webhooks.orders.edited", "routes/webhooks.orders.updated"] as const;

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * POST handlers that call the order webhook routes' own `action`s on Node's request, ahead of
 * Express and Remix's router. The route modules stay the one place that answers a webhook;
 * this only skips what a webhook never needs (Express's request decoration, route matching
 * over every page, document and data-request handling), which cost more CPU than the
 * intake's own work (README, "Webhook intake figures"). Anything else, and any other method
 * on these paths, still goes through Express and Remix.
 */
export function orderWebhookHandlers(build: ServerBuild, mode: string, log: (error: unknown) => void): Map<string, NodeHandler> {
  const handlers = new Map<string, NodeHandler>();
  for (const id of ORDER_WEBHOOK_ROUTES) {
    const route = build.routes[id];
    const action = route?.module.action as ActionFunction | undefined;
    if (route?.path && action) handlers.set(`/${route.path}`, handlerFor(action, mode, log));
  }
  return handlers;
}

const KEPT_ON_ERROR = new Set(Object.keys(SECURITY_HEADERS).map((name) => name.toLowerCase()));

function handlerFor(action: ActionFunction, mode: string, log: (error: unknown) => void): NodeHandler {
  return async (req, res) => {
    try {
      const request = await toWebRequest(req);
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
      if (res.headersSent) return void res.destroy();
      // Remix's answer: the details only in development; Shopify retries the delivery. Only
      // the headers every answer carries stay, not the ones copied from the route's answer.
      for (const name of res.getHeaderNames()) if (!KEPT_ON_ERROR.has(name)) res.removeHeader(name);
      const details = mode === "development" && error instanceof Error ? `\n\n${error.stack}` : "";
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end(`Unexpected Server Error${details}`);
    }
  };
}

/**
 * A delivery whose Content-Length is within the limit is read here and handed over whole: Node
 * frames the body by that length, and a Fetch API stream over Node's costs more CPU than
 * reading it here. Anything else keeps its stream, so the route's bounded reader answers it
 * (411, 413) without reading it.
 */
async function toWebRequest(req: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const declared = declaredLength(req.headers["content-length"]);
  const framed = declared !== null && declared <= WEBHOOK_BODY_LIMIT_BYTES;
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: req.method,
    headers,
    body: framed ? await readWhole(req) : createReadableStreamFromReadable(req),
    duplex: "half",
  } as RequestInit);
}

/** The body's chunks as Node read them, in a stream that neither joins nor copies them. */
function readWhole(req: IncomingMessage): Promise<ReadableStream<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () =>
      resolve(
        new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
      ),
    );
    req.on("error", reject);
  });
}

async function sendWebResponse(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers.entries()) res.appendHeader(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
