import "@shopify/shopify-api/adapters/web-api";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { createWebhookValidator } from "../../../app/webhooks/webhook-hmac.server";

const SECRET = "hmac-test-secret";
const library = shopifyApi({
  apiKey: "key",
  apiSecretKey: SECRET,
  apiVersion: "2026-07" as never,
  hostName: "app.test",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
}).webhooks.validate;
const validate = createWebhookValidator(SECRET, library);

const body = '{"id":450789469,"name":"#1001","note":"日本語のメモ"}';
const headers = {
  "X-Shopify-Topic": "orders/updated",
  "X-Shopify-Hmac-Sha256": getHmac(body, SECRET),
  "X-Shopify-Shop-Domain": "shop.myshopify.com",
  "X-Shopify-API-Version": "2026-07",
  "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  "X-Shopify-Triggered-At": "2026-11-22T10:00:00.123456789Z",
  "X-Shopify-Event-Id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
};
const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
const lowerCased = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));

const cases: [string, Record<string, string>, string][] = [
  ["a delivery signed with the app's secret", headers, body],
  ["the same delivery with lower-case header names", lowerCased, body],
  ["a delivery signed with another secret", { ...headers, "X-Shopify-Hmac-Sha256": getHmac(body, "another-secret") }, body],
  ["a body changed after signing", headers, body.replace("1001", "1002")],
  ["an HMAC that is not base64 of 32 bytes", { ...headers, "X-Shopify-Hmac-Sha256": "bm90LWEtcmVhbC1obWFj" }, body],
  ["no HMAC header", without("X-Shopify-Hmac-Sha256"), body],
  ["an empty body", { ...headers, "X-Shopify-Hmac-Sha256": getHmac("", SECRET) }, ""],
  ["no topic", without("X-Shopify-Topic"), body],
  ["no shop domain", without("X-Shopify-Shop-Domain"), body],
  ["no API version", without("X-Shopify-API-Version"), body],
  ["no webhook id", without("X-Shopify-Webhook-Id"), body],
  ["no topic and no webhook id", without("X-Shopify-Topic") && Object.fromEntries(Object.entries(without("X-Shopify-Topic")).filter(([key]) => key !== "X-Shopify-Webhook-Id")), body],
  ["no triggered-at or event id", Object.fromEntries(Object.entries(headers).filter(([key]) => !/Triggered|Event/.test(key))), body],
  ["a name header", { ...headers, "X-Shopify-Name": "subscription-a" }, body],
  ["a topic with a dot", { ...headers, "X-Shopify-Topic": "app_subscriptions.update" }, body],
  ["an Events-API delivery", { ...without("X-Shopify-Hmac-Sha256"), "Shopify-Hmac-Sha256": getHmac(body, SECRET) }, body],
  ["both kinds of HMAC header", { ...headers, "Shopify-Hmac-Sha256": getHmac(body, SECRET) }, body],
];

describe("createWebhookValidator", () => {
  it.each(cases)("answers as the library does for %s", async (_name, given, rawBody) => {
    const request = () => new Request("https://app.test/webhooks/orders/updated", { method: "POST", headers: given, body: rawBody });
    const expected = await library({ rawBody, rawRequest: request() });
    expect(await validate({ rawBody, rawRequest: request() })).toEqual(expected);
  });

  it("accepts a good delivery and refuses a forged one (the comparison is not vacuous)", async () => {
    const request = (hmac: string) => new Request("https://app.test/w", { method: "POST", headers: { ...headers, "X-Shopify-Hmac-Sha256": hmac }, body });
    expect(await validate({ rawBody: body, rawRequest: request(headers["X-Shopify-Hmac-Sha256"]) })).toMatchObject({ valid: true, topic: "ORDERS_UPDATED" });
    expect(await validate({ rawBody: body, rawRequest: request(getHmac(body, "forged")) })).toEqual({ valid: false, reason: "invalid_hmac" });
  });
});
