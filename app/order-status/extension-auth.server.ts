/**
 * The order page's block calls the app with `fetch`, and the admin adds the user's ID token
 * as a bearer credential. authenticate.admin checks it, answers the CORS preflight (OPTIONS)
 * and gives the `cors` helper every answer must pass through. A request without a token is
 * no admin's: 401, before the library would treat it as a document load and redirect. It
 * carries the headers `cors` would add, so a block whose token went missing reads the 401
 * instead of a CORS failure.
 */
import { json } from "@remix-run/node";
import { authenticate } from "../shopify.server";

/** What the library's `cors` sets (ensure-cors-headers in @shopify/shopify-app-remix). */
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Expose-Headers": "X-Shopify-API-Request-Failure-Reauthorize-Url",
};

export async function authenticateExtension(request: Request) {
  if (request.method !== "OPTIONS" && !/^Bearer \S/.test(request.headers.get("Authorization") ?? "")) {
    throw json({ error: "An ID token is required" }, { status: 401, headers: { "WWW-Authenticate": "Bearer", ...CORS_HEADERS } });
  }
  return authenticate.admin(request);
}
