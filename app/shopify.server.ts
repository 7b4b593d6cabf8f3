import "@shopify/shopify-app-remix/adapters/node";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { getEnv } from "./env.server";
import prisma from "./models/db.server";
import { recordInstall } from "./models/shop-install.server";
import { createWebhookValidator } from "./webhooks/webhook-hmac.server";

const env = getEnv();

/** The Admin API version every call and webhook of this app uses. */
export const apiVersion = ApiVersion.July26;

// The one door to Shopify: every route and job goes through these exports.
const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: env.SCOPES?.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  hooks: {
    // Runs after a token exchange for a shop without a working session: an install, first
    // or again. A reinstalled shop syncs again; one that only renewed its token is left alone.
    afterAuth: async ({ session }) => {
      await recordInstall(prisma, session.shop, new Date());
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
});

/**
 * Webhook HMAC and header checks, the library's (webhooks/webhook-hmac.server.ts does the
 * same for Shopify's webhook deliveries, measured and compared with it, at a fraction of the
 * cost), without loading the shop's session.
 * `authenticate.webhook` loads the offline session and, with expiring offline tokens, refreshes
 * it first; after an uninstall Shopify refuses the refresh, and app/uninstalled and shop/redact
 * would fail forever (Shopify/shopify-app-js#3360). No webhook route needs a session: the
 * worker reads orders through `unauthenticated.admin`.
 */
export const validateWebhook = createWebhookValidator(env.SHOPIFY_API_SECRET, shopifyApi({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion,
  hostName: new URL(env.SHOPIFY_APP_URL).host,
  isEmbeddedApp: true,
  // The instance inside shopifyApp() already announces the library version.
  logger: { level: LogSeverity.Error },
}).webhooks.validate);

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
