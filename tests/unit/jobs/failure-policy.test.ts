import { breaksConnection, planFailure, wasRefused, workMayHaveBeenDone } from "../../../app/jobs/failure-policy";
import { OpenLogiAuthError, OpenLogiClientError, OpenLogiRateLimitedError, OpenLogiServerError } from "../../../app/openlogi/errors";
import { ShopifyAuthError, ShopifyServerError, ShopifyThrottledError } from "../../../app/shopify/errors";

describe("planFailure", () => {
  it.each<[string, unknown, number, ReturnType<typeof planFailure>]>([
    ["defers a 429 by OpenLogi's wait without using an attempt", new OpenLogiRateLimitedError(30_000), 8, { kind: "defer", delayMs: 30_000 }],
    ["defers Shopify's throttle by its wait", new ShopifyThrottledError("throttled", 200, 4_000), 3, { kind: "defer", delayMs: 4_000 }],
    ["retries a 5xx after e^1 seconds on the first attempt", new OpenLogiServerError(500, ""), 1, { kind: "retry", delayMs: 2_718 }],
    ["retries a Shopify 5xx after e^3 seconds on the third", new ShopifyServerError("down", 503), 3, { kind: "retry", delayMs: 20_086 }],
    ["retries an error that declares nothing (a database hiccup)", new Error("SQLITE_BUSY"), 2, { kind: "retry", delayMs: 7_389 }],
    ["fails a 5xx on the last attempt", new OpenLogiServerError(500, ""), 8, { kind: "fail" }],
    ["fails a refusal at once", new OpenLogiClientError(422, "validation_failed", null, null), 1, { kind: "fail" }],
    ["fails a refused Shopify token at once", new ShopifyAuthError("refused", 401), 1, { kind: "fail" }],
    ["fails OpenLogi's auth refusal at once (the runner holds the shop before it gets here)", new OpenLogiAuthError(401, null, null), 1, { kind: "fail" }],
  ])("%s", (_, error, attempts, plan) => {
    expect(planFailure(error, attempts, 8)).toEqual(plan);
  });
});

describe("what the runner reads of an error's declared traits", () => {
  it.each<[string, unknown, { refused: boolean; breaksConnection: boolean; workMayHaveBeenDone: boolean }]>([
    ["OpenLogi's 422: refused, nothing done", new OpenLogiClientError(422, "validation_failed", null, null), { refused: true, breaksConnection: false, workMayHaveBeenDone: false }],
    ["OpenLogi's 401: refused, and the shop's connection is broken", new OpenLogiAuthError(401, null, null), { refused: true, breaksConnection: true, workMayHaveBeenDone: false }],
    ["OpenLogi's 504: not refused, may have been done", new OpenLogiServerError(504, ""), { refused: false, breaksConnection: false, workMayHaveBeenDone: true }],
    ["OpenLogi's 429: a wait, not a refusal", new OpenLogiRateLimitedError(1_000), { refused: false, breaksConnection: false, workMayHaveBeenDone: false }],
    ["a refused Shopify token: not OpenLogi's connection", new ShopifyAuthError("refused", 401), { refused: false, breaksConnection: false, workMayHaveBeenDone: false }],
    ["an error that declares nothing", new Error("SQLITE_BUSY"), { refused: false, breaksConnection: false, workMayHaveBeenDone: false }],
    ["a thrown non-error", "boom", { refused: false, breaksConnection: false, workMayHaveBeenDone: false }],
  ])("%s", (_, error, traits) => {
    expect({ refused: wasRefused(error), breaksConnection: breaksConnection(error), workMayHaveBeenDone: workMayHaveBeenDone(error) }).toEqual(traits);
  });
});
