/**
 * Shopify's token exchange (POST https://{shop}/admin/oauth/access_token), as strict as
 * Shopify about what the app sends: its own client id and secret, the token-exchange grant,
 * and a session token signed with the app's secret for that very shop. It answers with an
 * offline token (expiring, with a refresh token, when asked). The app's fetch reaches it
 * through {@link routeTokenExchange}, which must be installed before the Remix build is
 * imported (the library keeps the fetch it finds then).
 * https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/token-exchange
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TokenExchangeDouble {
  url: string;
  /** Every exchange Shopify granted, in order. */
  granted: { shop: string; accessToken: string }[];
  refused: string[];
  close(): Promise<void>;
}

export const EXCHANGE_SCOPES = "read_orders,read_merchant_managed_fulfillment_orders,read_third_party_fulfillment_orders,read_locations";

function verifyJwt(token: string, secret: string): Record<string, unknown> | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

export async function startTokenExchangeDouble({ apiKey, apiSecret }: { apiKey: string; apiSecret: string }): Promise<TokenExchangeDouble> {
  const granted: TokenExchangeDouble["granted"] = [];
  const refused: string[] = [];
  let issued = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const shop = String(req.headers["x-forwarded-shop"] ?? "");
      const refuse = (why: string) => {
        refused.push(why);
        res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "invalid_subject_token", error_description: why }));
      };
      if (req.method !== "POST" || req.url !== "/admin/oauth/access_token") return refuse(`${req.method} ${req.url}`);
      let body: Record<string, string>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>;
      } catch {
        return refuse("body is not JSON");
      }
      if (body.client_id !== apiKey || body.client_secret !== apiSecret) return refuse("wrong client credentials");
      if (body.grant_type !== "urn:ietf:params:oauth:grant-type:token-exchange") return refuse(`grant_type ${body.grant_type}`);
      if (body.subject_token_type !== "urn:ietf:params:oauth:token-type:id_token") return refuse(`subject_token_type ${body.subject_token_type}`);
      if (body.requested_token_type !== "urn:shopify:params:oauth:token-type:offline-access-token") return refuse(`requested ${body.requested_token_type}`);
      const claims = verifyJwt(body.subject_token ?? "", apiSecret);
      if (!claims || claims.dest !== `https://${shop}`) return refuse("session token not signed for this shop");
      const accessToken = `shpat_exchanged_${++issued}`;
      granted.push({ shop, accessToken });
      res.writeHead(200, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          access_token: accessToken,
          scope: EXCHANGE_SCOPES,
          ...(body.expiring === "1" ? { expires_in: 3600, refresh_token: `shprt_${issued}`, refresh_token_expires_in: 7_776_000 } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    granted,
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sends the app's token exchanges (https://{shop}/admin/oauth/access_token) to the double,
 * naming the shop in a header; every other request goes out as before.
 */
export function routeTokenExchange(double: () => string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol === "https:" && url.pathname === "/admin/oauth/access_token") {
      const headers = new Headers(init?.headers);
      headers.set("X-Forwarded-Shop", url.host);
      return original(`${double()}${url.pathname}`, { ...init, headers });
    }
    return original(input, init);
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}
