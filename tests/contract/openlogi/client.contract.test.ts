/**
 * The real client against the strict double over HTTP: every request it sends must
 * pass the contract (the double rejects it otherwise), and every answer, good or bad,
 * must come back as a snapshot or one of the named errors.
 */
import { buildModifyBody, buildUpdateBody } from "../../../app/sync/shipment-body";
import { createOpenLogiClient, openLogiBaseUrl, type OpenLogiClientOptions } from "../../../app/openlogi/client.server";
import {
  OpenLogiAuthError,
  OpenLogiClientError,
  OpenLogiRateLimitedError,
  OpenLogiServerError,
  describeOpenLogiError,
} from "../../../app/openlogi/errors";
import type {
  OpenLogiRecipient,
  ShipmentRequestBody,
  ShipmentResponse,
  ShipmentStatus,
  ShipmentUpdateBody,
} from "../../../app/sync/types";
import { buildShipment } from "../../doubles/build-shipment";
import {
  DOUBLE_ACCOUNT,
  DOUBLE_TOKEN,
  Hold,
  startOpenLogiDouble,
  type OpenLogiDouble,
} from "../../doubles/openlogi-double";

let double: OpenLogiDouble;

beforeAll(async () => {
  double = await startOpenLogiDouble({
    rateLimitPerMinute: 10_000,
    tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT], "other-token": ["XX999"] },
  });
});
afterAll(() => double.close());
beforeEach(() => {
  double.reset();
  double.setRateLimit(10_000);
});

function recordingLimiter() {
  return {
    acquire: vi.fn(async (_token: string) => {}),
    backOff: vi.fn(async (_token: string, _ms: number) => {}),
    observeRemaining: vi.fn(async (_token: string, _remaining: number) => {}),
  };
}

function clientFor(overrides: Partial<OpenLogiClientOptions> = {}) {
  const limiter = recordingLimiter();
  const client = createOpenLogiClient({
    baseUrl: double.url,
    token: DOUBLE_TOKEN,
    accountCode: DOUBLE_ACCOUNT,
    limiter,
    ...overrides,
  });
  return { client, limiter };
}

/**
 * The real fetch, except that the client's abort (its timeout) takes effect only once the
 * request is held at the double: however slow the machine, the request has reached
 * OpenLogi before the client gives up.
 */
function abortingOnlyOnceHeld(hold: Hold) {
  return (request: Request) => {
    const controller = new AbortController();
    void hold.arrived.then(() => {
      const abort = () => controller.abort(request.signal.reason);
      if (request.signal.aborted) abort();
      else request.signal.addEventListener("abort", abort, { once: true });
    });
    return fetch(new Request(request, { signal: controller.signal }));
  };
}

function seedOne(status: ShipmentStatus = "waiting", overrides: Partial<ShipmentResponse> = {}): ShipmentResponse {
  return double.seed([buildShipment({ status, ...overrides })])[0];
}

/** What the app sends back in a PUT: every request field of the shipment, unchanged. */
function requestBodyOf(shipment: ShipmentResponse): ShipmentUpdateBody {
  return buildUpdateBody(shipment, {});
}

describe("base URL", () => {
  it("points at production or demo, unless an override is given", () => {
    expect(openLogiBaseUrl("production")).toBe("https://api.openlogi.com/api");
    expect(openLogiBaseUrl("demo")).toBe("https://api-demo.openlogi.com/api");
    expect(openLogiBaseUrl("production", "http://127.0.0.1:4010/api/")).toBe("http://127.0.0.1:4010/api");
  });
});

describe("requests", () => {
  it("sends the bearer token, X-Api-Version 1.5 and Accept: application/json, after taking a turn from the limiter", async () => {
    const shipment = seedOne();
    const { client, limiter } = clientFor();

    await client.getShipment(shipment.id);

    const [request] = double.requests;
    expect(request.headers).toMatchObject({
      authorization: `Bearer ${DOUBLE_TOKEN}`,
      "x-api-version": "1.5",
      accept: "application/json",
    });
    expect(limiter.acquire).toHaveBeenCalledExactlyOnceWith(DOUBLE_TOKEN);
  });

  it("gets a shipment as a snapshot, and null when OpenLogi has no such shipment", async () => {
    const shipment = seedOne("picking", { identifier: "#3001", order_no: "#3001-A" });
    const { client } = clientFor();

    const found = await client.getShipment(shipment.id);
    const missing = await client.getShipment("TS001-S999999");

    expect(found).toEqual({
      id: shipment.id,
      identifier: "#3001",
      orderNo: "#3001-A",
      status: "picking",
      raw: shipment,
    });
    expect(missing).toBeNull();
  });

  it("looks 150 keys up in two calls of at most 100, matching identifiers and, where there is none, order numbers", async () => {
    // GIVEN shipments found by identifier, one found only by order_no, and 150 keys with a duplicate
    const byIdentifier = seedOne("waiting", { identifier: "#1001", order_no: "#1001" });
    const byOrderNo = seedOne("picked", { identifier: null, order_no: "#1150" });
    const keys = [...Array.from({ length: 150 }, (_, i) => `#${1001 + i}`), "#1001"];
    const { client, limiter } = clientFor();

    // WHEN the client looks them up
    const found = await client.findShipmentsByKeys(keys);

    // THEN two GETs went out, each with at most 100 distinct keys, and both shipments came back
    expect(double.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", `/shipments/${DOUBLE_ACCOUNT}`, 200],
      ["GET", `/shipments/${DOUBLE_ACCOUNT}`, 200],
    ]);
    const sent = double.requests.map((r) => r.query.identifier.split(","));
    expect(sent.map((chunk) => chunk.length)).toEqual([100, 50]);
    expect(new Set(sent.flat()).size).toBe(150);
    expect(found.map((s) => s.id).sort()).toEqual([byIdentifier.id, byOrderNo.id].sort());
    expect(found.find((s) => s.id === byOrderNo.id)).toMatchObject({
      identifier: null,
      orderNo: "#1150",
      status: "picked",
    });
    expect(limiter.acquire).toHaveBeenCalledTimes(2);
  });

  it("makes no call for an empty list of keys", async () => {
    const { client } = clientFor();

    expect(await client.findShipmentsByKeys([])).toEqual([]);
    expect(double.requests).toEqual([]);
  });

  it("PUTs a whole, contract-valid request and keeps every merchant-set field it sends back", async () => {
    // GIVEN an open shipment with carrier, time slot, cushioning, gift wrapping and a message
    const shipment = seedOne("waiting");
    const body = requestBodyOf(shipment);
    body.recipient = { ...body.recipient!, address2: "神宮前ハイツ305号室" } as ShipmentRequestBody["recipient"];
    const { client } = clientFor();

    // WHEN the client PUTs it
    const updated = await client.updateShipment(shipment.id, body);

    // THEN OpenLogi holds the new address and everything the merchant set
    expect(updated).toMatchObject({ id: shipment.id, status: "waiting" });
    expect(double.requests[0]).toMatchObject({
      method: "PUT",
      status: 200,
      headers: { "content-type": "application/json" },
    });
    expect(double.get(shipment.id)).toMatchObject({
      recipient: { address2: "神宮前ハイツ305号室", name: "山田 太郎" },
      delivery_carrier: "YAMATO",
      delivery_time_slot: "14",
      cushioning_type: "BUBBLE_PACK",
      gift_wrapping_type: "NAVY",
      message: shipment.message,
      shipping_email: shipment.shipping_email,
    });
  });

  it("deletes a shipment with its id in the path and in the query", async () => {
    const shipment = seedOne("backordered");
    const { client } = clientFor();

    await client.deleteShipment(shipment.id);

    expect(double.requests[0]).toMatchObject({
      method: "DELETE",
      path: `/shipments/${shipment.id}`,
      query: { id: shipment.id },
      status: 200,
    });
    expect(double.get(shipment.id)).toBeUndefined();
  });

  it("sends a billable cancel request and returns the shipment in cancel_request", async () => {
    const shipment = seedOne("picking");
    const { client } = clientFor();

    const requested = await client.requestBillableCancel(shipment.id);

    expect(requested).toMatchObject({ id: shipment.id, status: "cancel_request" });
    expect(double.requests[0]).toMatchObject({
      method: "POST",
      path: `/shipments/${shipment.id}/cancel`,
      query: { id: shipment.id },
    });
  });

  it("sends a billable modify request carrying the shipment's identifier and items unchanged, as the contract requires", async () => {
    // GIVEN a confirmed shipment the caller has just read, and the body the core builds from it
    const shipment = seedOne("picked");
    const { client } = clientFor();
    const current = (await client.getShipment(shipment.id))!;
    const recipient = { ...shipment.recipient!, address2: "別館 305号室" } as OpenLogiRecipient;
    const body = buildModifyBody(current.raw, recipient, "#unused");

    // WHEN the client asks for the new recipient
    const requested = await client.requestBillableModify(shipment.id, body);

    // THEN one POST went out with the new recipient and the unchanged identifier and items
    expect(requested.status).toBe("modify_request");
    const posts = double.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      path: `/shipments/${shipment.id}/modify`,
      query: { id: shipment.id },
      body: { identifier: shipment.identifier, items: shipment.items!.map(({ id: _id, ...item }) => item), recipient },
      status: 200,
    });
  });
});

describe("errors", () => {
  it("keeps OpenLogi's api_exception and Japanese message when a PUT is refused with 400", async () => {
    const shipment = seedOne("picking");
    const { client } = clientFor();

    const error = await client.updateShipment(shipment.id, requestBodyOf(shipment)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiClientError);
    expect(error).toMatchObject({ status: 400, retryable: false, error: "api_exception" });
    expect((error as OpenLogiClientError).errorDescription).toMatch(/更新できません/);
    expect((error as Error).message).toContain((error as OpenLogiClientError).errorDescription);
  });

  it("keeps every field error of a 422, for the history", async () => {
    const shipment = seedOne("waiting");
    const body = requestBodyOf(shipment);
    body.recipient = { ...body.recipient!, postcode: "15-0001" } as ShipmentRequestBody["recipient"];
    const { client } = clientFor();

    const error = await client.updateShipment(shipment.id, body).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiClientError);
    expect(describeOpenLogiError(error)).toEqual({
      status: 422,
      error: "validation_failed",
      errorDescription: expect.any(String),
      errors: { "recipient.postcode": expect.any(String) },
    });
    expect((error as Error).message).toContain("recipient.postcode");
  });

  it("maps 404 on a write to a client error", async () => {
    const { client } = clientFor();

    const error = await client.deleteShipment("TS001-S999999").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiClientError);
    expect(error).toMatchObject({ status: 404, error: "not_found", retryable: false });
  });

  it("maps 401 for an unknown token to an auth error that never shows the token", async () => {
    const shipment = seedOne();
    const { client } = clientFor({ token: "revoked-secret-token" });

    const error = await client.getShipment(shipment.id).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiAuthError);
    expect(error).toMatchObject({ status: 401, error: "unauthorized", retryable: false, category: "auth" });
    expect(JSON.stringify(describeOpenLogiError(error)) + (error as Error).message).not.toContain(
      "revoked-secret-token"
    );
  });

  it("maps 403 for an account the token does not own to an auth error with OpenLogi's message", async () => {
    const { client } = clientFor({ accountCode: "XX999" });

    const error = await client.findShipmentsByKeys(["#1001"]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiAuthError);
    expect(error).toMatchObject({
      status: 403,
      error: "forbidden",
      errorDescription: expect.stringContaining("許可されていません"),
      retryable: false,
    });
  });

  it.each([
    [402, { error: "payment_required", error_description: "ご利用するにはお支払い方法の登録が必要になります。" }],
    [403, { error: "forbidden", error_description: "このリクエストを実行する権限がありません。" }],
  ] as const)("maps a %i to an auth error that keeps OpenLogi's own error and description", async (status, body) => {
    // GIVEN OpenLogi refuses the next DELETE with its own body
    const shipment = seedOne("waiting");
    double.failNext({ method: "DELETE", status, error: body });
    const { client } = clientFor();

    // WHEN the client sends it
    const error = await client.deleteShipment(shipment.id).catch((e: unknown) => e);

    // THEN it is an auth error (the connection is broken, not the request) carrying OpenLogi's words
    expect(double.requests.map((r) => [r.method, r.status])).toEqual([["DELETE", status]]);
    expect(error).toBeInstanceOf(OpenLogiAuthError);
    expect(error).toMatchObject({ status, retryable: false, category: "auth" });
    expect(describeOpenLogiError(error)).toEqual({
      status,
      error: body.error,
      errorDescription: body.error_description,
      errors: null,
    });
    expect((error as Error).message).toContain(body.error_description);
    expect(double.get(shipment.id)).toBeDefined();
  });

  it("maps 429 to a rate-limited error that uses no attempt, and backs every worker off for a minute", async () => {
    // GIVEN a token that has used its minute
    double.setRateLimit(1);
    const shipment = seedOne();
    const { client, limiter } = clientFor();
    await client.getShipment(shipment.id);

    // WHEN the next call is refused
    const error = await client.getShipment(shipment.id).catch((e: unknown) => e);

    // THEN the error says to wait, and the shared limiter holds the token back 60 s
    expect(error).toBeInstanceOf(OpenLogiRateLimitedError);
    expect(error).toMatchObject({ retryable: true, consumesAttempt: false, retryAfterMs: 60_000 });
    expect(limiter.backOff).toHaveBeenCalledExactlyOnceWith(DOUBLE_TOKEN, 60_000);
  });

  it("tells the shared pace what X-RateLimit-Remaining said after each call", async () => {
    // GIVEN a token allowed two calls a minute
    double.setRateLimit(2);
    const shipment = seedOne();
    const { client, limiter } = clientFor();
    // WHEN it calls twice
    await client.getShipment(shipment.id);
    await client.getShipment(shipment.id);
    // THEN the pace hears 1 left, then none
    expect(limiter.observeRemaining.mock.calls).toEqual([
      [DOUBLE_TOKEN, 1],
      [DOUBLE_TOKEN, 0],
    ]);
  });

  it("backs off until the window resets when a 429 says when", async () => {
    const shipment = seedOne();
    double.failNext({ status: 429, retryAfterSeconds: 17 });
    const { client, limiter } = clientFor();

    const error = await client.getShipment(shipment.id).catch((e: unknown) => e);

    expect(error).toMatchObject({ retryAfterMs: 17_000 });
    expect(limiter.backOff).toHaveBeenCalledWith(DOUBLE_TOKEN, 17_000);
  });

  it("maps 500 to a retryable server error", async () => {
    const shipment = seedOne();
    double.failNext({ status: 500 });
    const { client } = clientFor();

    const error = await client.deleteShipment(shipment.id).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiServerError);
    expect(error).toMatchObject({ status: 500, retryable: true, workMayHaveBeenDone: true });
    expect(double.get(shipment.id)).toBeDefined();
  });

  it("maps an HTML 503 to a server error without trying to read it as JSON", async () => {
    const shipment = seedOne();
    double.failNext({ status: 503 });
    const { client } = clientFor();

    const error = await client.getShipment(shipment.id).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiServerError);
    expect(error).toMatchObject({ status: 503, bodyText: expect.stringContaining("<html>") });
    expect((error as Error).message).toContain("ただいま、メンテナンス中です");
    expect((error as Error).message).not.toContain("<");
  });

  it("maps a 504 that came after the work to a server error, and a GET then shows the work was done", async () => {
    // GIVEN a gateway that times out after OpenLogi applied the cancel request
    const shipment = seedOne("picking");
    double.failNext({ method: "POST", status: 504, body: "html" });
    const { client } = clientFor();

    // WHEN the client sends it
    const error = await client.requestBillableCancel(shipment.id).catch((e: unknown) => e);

    // THEN it reports a 5xx, and reading the shipment again shows the request went through
    expect(error).toBeInstanceOf(OpenLogiServerError);
    expect(error).toMatchObject({ status: 504, retryable: true });
    expect((await client.getShipment(shipment.id))?.status).toBe("cancel_request");
  });

  it("gives up after its timeout with a retryable server error, while OpenLogi may still finish the work", async () => {
    // GIVEN an OpenLogi that holds a DELETE unanswered until the test releases it
    const shipment = seedOne("waiting");
    const hold = new Hold();
    double.failNext({ method: "DELETE", hold });
    const { client } = clientFor({ timeoutMs: 20, fetch: abortingOnlyOnceHeld(hold) });

    // WHEN the client's timeout runs out while OpenLogi holds the request
    const error = await client.deleteShipment(shipment.id).catch((e: unknown) => e);

    // THEN it reports a timeout, and the shipment is gone once OpenLogi finishes
    expect(error).toBeInstanceOf(OpenLogiServerError);
    expect(error).toMatchObject({ status: null, timedOut: true, retryable: true });
    expect(double.get(shipment.id)).toBeDefined();
    hold.release();
    await hold.handled;
    expect(double.get(shipment.id)).toBeUndefined();
  });

  it("maps a refused connection to a retryable server error", async () => {
    const { client } = clientFor({ baseUrl: "http://127.0.0.1:9/api" });

    const error = await client.getShipment("TS001-S000001").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenLogiServerError);
    expect(error).toMatchObject({ status: null, timedOut: false, retryable: true });
  });
});
