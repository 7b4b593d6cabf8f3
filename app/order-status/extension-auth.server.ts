/**
 * The order page's block calls the app with `fetch`, and the admin adds the user's ID token
 * as a bearer credential. authenticate.admin checks it, answers the CORS preflight (OPTIONS)
 * and gives the `cors` helper every answer must pass through. A request without a token is
 * no admin's: 401, before the library would treat it as a document load and redirect.
 */
import { json } from "@remix-run/node";
import { authenticate } from "../shopify.server";

export async function authenticateExtension(request: Request) {
  if (request.method !== "OPTIONS" && !/^Bearer \S/.test(request.headers.get("Authorization") ?? "")) {
    throw json({ error: "An ID token is required" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  }
  return authenticate.admin(request);
}
