/** Ports and a logging reverse proxy: the doubles pick their own port, the sandbox wants fixed ones. */
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const HOST = "127.0.0.1";

export class SandboxError extends Error {}

/** Reads a port from the environment; 0 means "any free port". */
export function portFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SandboxError(`${name} must be a port number (0 = any free port), got "${raw}"`);
  return port;
}

function portError(error: NodeJS.ErrnoException, port: number, what: string, envName: string): Error {
  if (error.code === "EADDRINUSE") {
    return new SandboxError(
      `Port ${port} on ${HOST} (${what}) is already in use — is another sandbox running?\n` +
        `  Stop it, or pick another port: ${envName}=${port + 100} npm run sandbox`,
    );
  }
  return new SandboxError(`Cannot listen on ${HOST}:${port} (${what}): ${error.message}`);
}

/** Listens on 127.0.0.1 only; resolves to the port actually bound. */
export function listen(server: Server, port: number, what: string, envName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(portError(error, port, what, envName));
    server.once("error", onError);
    server.listen(port, HOST, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Checks a port is free (0: finds one) without keeping it; for the app, which binds it itself. */
export async function reservePort(port: number, what: string, envName: string): Promise<number> {
  const probe = createServer();
  const bound = await listen(probe, port, what, envName);
  await new Promise((resolve) => probe.close(resolve));
  return bound;
}

export function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const clock = () => new Date().toLocaleTimeString("en-GB", { hour12: false });

/**
 * Forwards every request to `target` (the double's own port) and logs one line per call,
 * so the terminal shows what the app asked OpenLogi and Shopify, and how fast.
 */
export function createLoggingProxy(target: string, describe: (req: IncomingMessage, body: Buffer, res: IncomingMessage) => string): Server {
  const upstream = new URL(target);
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          console.log(`${clock()} ${describe(req, body, answer)}`);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", (error) => {
        if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" }).end(`sandbox proxy: ${error.message}`);
        else res.destroy();
      });
      forward.end(body);
    });
  });
}
