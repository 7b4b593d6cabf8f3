import { getJwt } from "@shopify/shopify-api/test-helpers";
import type { JwtPayload } from "@shopify/shopify-api";
import { TEST_SECRET } from "./app-harness";

/**
 * An ID token as the admin mints it for the app's UI extensions and App Bridge: HS256 over the
 * app's secret, `dest` the shop, `aud` the app's API key.
 */
export async function adminIdToken(shop: string, overrides: Partial<JwtPayload> = {}, secret = TEST_SECRET): Promise<string> {
  const { token } = await getJwt(shop.replace(/\.myshopify\.com$/, ""), process.env.SHOPIFY_API_KEY!, secret, overrides);
  return token;
}

/** A browser's user agent: the library answers what looks like a bot (Node's "node") with 410. */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** Where admin UI extensions run, and so the Origin of their fetches. */
export const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";
