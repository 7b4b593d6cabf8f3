/**
 * The OpenLogi double must be as strict as OpenLogi, or tests against it prove nothing.
 * These tests talk to it over plain HTTP, without the app's client.
 */
import { buildUpdateBody } from "../../../app/sync/shipment-body";
import type { ShipmentRequestBody, ShipmentResponse, ShipmentStatus, ShipmentUpdateBody } from "../../../app/sync/types";
import { buildShipment } from "../../doubles/build-shipment";
import {
  DOUBLE_ACCOUNT,
  DOUBLE_TOKEN,
  Hold,
  startOpenLogiDouble,
  type OpenLogiDouble,
} from "../../doubles/openlogi-double";

let now = 1_700_000_000_000;
let double: OpenLogiDouble;

beforeAll(async () => {
  double = await startOpenLogiDouble({
    clock: () => now,
    tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT], "other-token": ["XX999"] },
  });
});
afterAll(() => double.close());
beforeEach(() => {
  double.reset();
  double.setRateLimit(60);
  now += 120_000;
});

interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

async function call(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { Accept: "application/json", "X-Api-Version": "1.5", ...options.headers };
  const token = options.token === undefined ? DOUBLE_TOKEN : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] ??= "application/json";
  const response = await fetch(`${double.url}${path}`, { method, headers, body });
  const text = await response.text();
  const json = /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, text, json };
}

/** What the app sends back in a PUT: every request field of the shipment, unchanged. */
function requestBodyOf(shipment: ShipmentResponse): ShipmentUpdateBody {
  return buildUpdateBody(shipment, {});
}

function seedOne(status: ShipmentStatus = "waiting", overrides: Partial<ShipmentResponse> = {}): ShipmentResponse {
  return double.seed([buildShipment({ status, ...overrides })])[0];
}

describe("requests", () => {
  it("answers a GET of a seeded shipment with the shipment, under /api like the real service", async () => {
    const shipment = seedOne();

    const response = await call("GET", `/shipments/${shipment.id}`);

    expect(response.status).toBe(200);
    expect(response.json).toEqual(shipment);
    expect(double.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
  });

  it("rejects a PUT whose body breaks the contract with 422 validation_failed, names each field, and changes nothing", async () => {
    // GIVEN an open shipment
    const shipment = seedOne();
    const body = requestBodyOf(shipment);
    body.recipient = {
      ...body.recipient!,
      postcode: "1500",
      name: "山田太郎山田太郎山田太郎山田太郎",
    } as ShipmentRequestBody["recipient"];
    body.items = [{ code: "TSHIRT-WHT-M", quantity: 0 }];

    // WHEN it is PUT with a bad postcode, a name over 15 characters and a zero quantity
    const response = await call("PUT", `/shipments/${shipment.id}`, { body });

    // THEN OpenLogi's 422 names the fields of the domestic address the data was meant as
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({ error: "validation_failed", error_description: expect.any(String) });
    expect(response.json.errors).toEqual({
      "recipient.postcode": expect.stringContaining("形式"),
      "recipient.name": expect.stringContaining("15文字"),
      "items.0.quantity": expect.stringContaining("1以上"),
    });
    expect(double.get(shipment.id)).toEqual(shipment);
  });

  it("rejects a PUT that lacks identifier, recipient and items, which ShipmentRequest requires", async () => {
    const shipment = seedOne();

    const response = await call("PUT", `/shipments/${shipment.id}`, { body: { message: "のみ" } });

    expect(response.status).toBe(422);
    expect(Object.keys(response.json.errors).sort()).toEqual(["identifier", "items", "recipient"]);
  });

  it("rejects a modify request without identifier and items, which ModifyShipmentRequest requires", async () => {
    const shipment = seedOne("picking");

    const response = await call("POST", `/shipments/${shipment.id}/modify?id=${shipment.id}`, {
      body: { recipient: shipment.recipient },
    });

    expect(response.status).toBe(422);
    expect(Object.keys(response.json.errors).sort()).toEqual(["identifier", "items"]);
    expect(double.get(shipment.id)?.status).toBe("picking");
  });

  it("answers malformed JSON with 422, as the error table files JSON syntax errors under validation_failed", async () => {
    const shipment = seedOne();

    const response = await call("PUT", `/shipments/${shipment.id}`, { rawBody: '{"identifier": "#1001",' });

    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({ error: "validation_failed", errors: { body: expect.any(String) } });
  });

  it("needs the id in the query of DELETE, cancel and modify, where the contract declares it", async () => {
    const open = seedOne("waiting");
    const picking = seedOne("picking");

    const deleted = await call("DELETE", `/shipments/${open.id}`);
    const cancelled = await call("POST", `/shipments/${picking.id}/cancel`);
    const mismatched = await call("POST", `/shipments/${picking.id}/cancel?id=${open.id}`);

    expect([deleted.status, cancelled.status, mismatched.status]).toEqual([422, 422, 422]);
    expect(deleted.json.errors).toHaveProperty("id");
    expect(double.get(open.id)).toBeDefined();
    expect(double.get(picking.id)?.status).toBe("picking");
  });

  it("rejects a domestic sender that has both company and phone, because SenderRequest's oneOf matches two branches as written", async () => {
    const shipment = seedOne();
    const body: ShipmentUpdateBody = {
      ...requestBodyOf(shipment),
      sender: {
        postcode: "530-0001",
        prefecture: "大阪府",
        address1: "大阪市北区梅田1-1",
        name: "店舗 担当",
        company: "株式会社テスト",
        phone: "06-1234-5678",
      },
    };

    const response = await call("PUT", `/shipments/${shipment.id}`, { body });

    expect(response.status).toBe(422);
    expect(response.json.errors).toHaveProperty("sender");
  });
});

describe("authentication", () => {
  it("answers 401 unauthorized to an unknown or missing token and changes nothing", async () => {
    const shipment = seedOne();

    const unknown = await call("DELETE", `/shipments/${shipment.id}?id=${shipment.id}`, { token: "stolen" });
    const missing = await call("GET", `/shipments/${shipment.id}`, { token: null });

    expect(unknown.status).toBe(401);
    expect(unknown.json).toMatchObject({ error: "unauthorized" });
    expect(missing.status).toBe(401);
    expect(double.get(shipment.id)).toBeDefined();
  });

  it("answers 403 forbidden to an account code, or a shipment, the token does not own", async () => {
    const shipment = seedOne();

    const list = await call(
      "GET",
      `/shipments/${DOUBLE_ACCOUNT}?identifier=${encodeURIComponent(shipment.identifier!)}`,
      {
        token: "other-token",
      }
    );
    const byId = await call("GET", `/shipments/${shipment.id}`, { token: "other-token" });

    expect(list.status).toBe(403);
    expect(list.json).toMatchObject({ error: "forbidden" });
    expect(byId.status).toBe(403);
  });

  it("answers 400 when X-Api-Version is not 1.5", async () => {
    const shipment = seedOne();

    const response = await call("GET", `/shipments/${shipment.id}`, { headers: { "X-Api-Version": "1.3" } });

    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: "api_exception" });
  });

  it("answers 404 not_found for an unknown shipment or path", async () => {
    const unknown = await call("GET", "/shipments/TS001-S999999");
    const path = await call("GET", "/items");

    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: "not_found", error_description: expect.any(String) });
    expect(path.status).toBe(404);
  });
});

describe("status rules", () => {
  it.each(["backordered", "waiting", "allocating", "suspended"] as const)(
    "accepts PUT and DELETE while the shipment is %s",
    async (status) => {
      const a = seedOne(status);
      const b = seedOne(status);

      const put = await call("PUT", `/shipments/${a.id}`, { body: requestBodyOf(a) });
      const del = await call("DELETE", `/shipments/${b.id}?id=${b.id}`);

      expect([put.status, del.status]).toEqual([200, 200]);
      expect(double.get(b.id)).toBeUndefined();
    }
  );

  it.each(["picking", "picked", "working", "packed", "shipped", "cancel_request", "modify_request"] as const)(
    "refuses PUT and DELETE with 400 api_exception and a Japanese message while the shipment is %s",
    async (status) => {
      const shipment = seedOne(status);

      const put = await call("PUT", `/shipments/${shipment.id}`, { body: requestBodyOf(shipment) });
      const del = await call("DELETE", `/shipments/${shipment.id}?id=${shipment.id}`);

      expect(put.status).toBe(400);
      expect(put.json).toEqual({
        error: "api_exception",
        error_description: expect.stringMatching(/出荷依頼は更新できません/),
      });
      expect(del.status).toBe(400);
      expect(del.json.error_description).toMatch(/削除できません/);
      expect(double.get(shipment.id)).toEqual(shipment);
    }
  );

  it.each(["picking", "picked", "working", "packed", "shipped"] as const)(
    "accepts a cancel request while %s and marks the shipment cancel_request",
    async (status) => {
      const shipment = seedOne(status);

      const response = await call("POST", `/shipments/${shipment.id}/cancel?id=${shipment.id}`);

      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ id: shipment.id, status: "cancel_request" });
      expect(double.get(shipment.id)?.status).toBe("cancel_request");
    }
  );

  it("accepts a modify request while picked and marks the shipment modify_request, leaving the recipient to OpenLogi's staff", async () => {
    const shipment = seedOne("picked");
    const recipient = { ...shipment.recipient!, address2: "別館 305号室" };

    const response = await call("POST", `/shipments/${shipment.id}/modify?id=${shipment.id}`, {
      body: { identifier: shipment.identifier, items: shipment.items, recipient },
    });

    expect(response.status).toBe(200);
    expect(double.get(shipment.id)).toEqual({ ...shipment, status: "modify_request" });
  });

  it.each(["backordered", "waiting", "allocating", "suspended", "cancel_request"] as const)(
    "refuses cancel and modify requests with 400 api_exception while the shipment is %s",
    async (status) => {
      const shipment = seedOne(status);

      const cancel = await call("POST", `/shipments/${shipment.id}/cancel?id=${shipment.id}`);
      const modify = await call("POST", `/shipments/${shipment.id}/modify?id=${shipment.id}`, {
        body: { identifier: shipment.identifier, items: shipment.items },
      });

      expect(cancel.status).toBe(400);
      expect(cancel.json).toMatchObject({
        error: "api_exception",
        error_description: expect.stringMatching(/できません/),
      });
      expect(modify.status).toBe(400);
      expect(double.get(shipment.id)?.status).toBe(status);
    }
  );

  it("accepts a cancel request over a pending modify request but refuses a second modify request", async () => {
    const shipment = seedOne("modify_request");
    const modify = await call("POST", `/shipments/${shipment.id}/modify?id=${shipment.id}`, {
      body: { identifier: shipment.identifier, items: shipment.items },
    });
    expect(modify.status).toBe(400);
    const cancel = await call("POST", `/shipments/${shipment.id}/cancel?id=${shipment.id}`);
    expect(cancel.status).toBe(200);
    expect(double.get(shipment.id)?.status).toBe("cancel_request");
  });

  it("replaces the whole request on PUT: fields not sent are dropped, OpenLogi's own fields stay", async () => {
    // GIVEN a shipment with merchant-set fields and a field only OpenLogi sets
    const shipment = seedOne("waiting", { assigned_shipping_date: "2025-04-01" });
    const {
      delivery_carrier: _carrier,
      gift_wrapping_type: _gift,
      message: _message,
      ...withoutSome
    } = requestBodyOf(shipment);

    // WHEN a PUT leaves out the carrier, the gift wrapping and the message
    const response = await call("PUT", `/shipments/${shipment.id}`, { body: withoutSome });

    // THEN they are gone, and what OpenLogi set itself is kept
    expect(response.status).toBe(200);
    const stored = double.get(shipment.id)!;
    expect(stored).not.toHaveProperty("delivery_carrier");
    expect(stored).not.toHaveProperty("gift_wrapping_type");
    expect(stored).not.toHaveProperty("message");
    expect(stored).toMatchObject({
      cushioning_type: "BUBBLE_PACK",
      assigned_shipping_date: "2025-04-01",
      status: "waiting",
    });
  });

  it("releases a held shipment when a PUT drops its suspend flag", async () => {
    const shipment = seedOne("suspended");

    await call("PUT", `/shipments/${shipment.id}`, { body: { ...requestBodyOf(shipment), suspend: false } });

    expect(double.get(shipment.id)?.status).toBe("waiting");
  });
});

describe("lookup by identifier", () => {
  it("matches a shipment's identifier, or its order_no when it has no identifier", async () => {
    const [byIdentifier, byOrderNo, identifierWins, elsewhere] = double.seed([
      buildShipment({ identifier: "#2001", order_no: "#2001" }),
      buildShipment({ identifier: null, order_no: "#2002" }),
      buildShipment({ identifier: "X-2003", order_no: "#2003" }),
      buildShipment({ identifier: "#2004" }),
    ]);
    double.seed([buildShipment({ identifier: "#2001" })], { account: "XX999" });

    const keys = ["#2001", "#2002", "#2003", "#2099"].map(encodeURIComponent).join(",");
    const response = await call("GET", `/shipments/${DOUBLE_ACCOUNT}?identifier=${keys}`);

    expect(response.status).toBe(200);
    expect(response.json.shipments.map((s: ShipmentResponse) => s.id).sort()).toEqual(
      [byIdentifier.id, byOrderNo.id].sort()
    );
    expect([identifierWins.id, elsewhere.id]).not.toContain(response.json.shipments[0].id);
  });

  it("refuses more than 100 keys in one lookup", async () => {
    const keys = Array.from({ length: 101 }, (_, i) => `K${i}`).join(",");

    const response = await call("GET", `/shipments/${DOUBLE_ACCOUNT}?identifier=${keys}`);

    expect(response.status).toBe(422);
    expect(response.json.errors).toHaveProperty("identifier");
  });
});

describe("pacing", () => {
  it("answers 429 Too Many Attempts after 60 requests in a minute, with rate headers, and recovers once the window passes", async () => {
    // GIVEN 60 requests within one minute (the fake clock moves 500 ms each)
    const shipment = seedOne();
    const start = now;
    const remaining: string[] = [];
    for (let i = 0; i < 60; i++) {
      const response = await call("GET", `/shipments/${shipment.id}`);
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("x-ratelimit-remaining")!);
      now += 500;
    }
    expect(remaining.slice(0, 2)).toEqual(["59", "58"]);
    expect(remaining.at(-1)).toBe("0");

    // WHEN one more arrives inside the minute
    const limited = await call("GET", `/shipments/${shipment.id}`);

    // THEN it is refused with OpenLogi's 429 body and headers
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: "Too Many Attempts.", error_description: "Too Many Attempts." });
    expect(limited.headers.get("x-ratelimit-limit")).toBe("60");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");

    // AND once the first request is more than a minute old, one slot opens again
    now = start + 60_001;
    const recovered = await call("GET", `/shipments/${shipment.id}`);
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("counts each token on its own", async () => {
    double.setRateLimit(1);
    const shipment = seedOne();

    const first = await call("GET", `/shipments/${shipment.id}`);
    const other = await call("GET", `/shipments/${shipment.id}`, { token: "other-token" });
    const second = await call("GET", `/shipments/${shipment.id}`);

    expect([first.status, other.status, second.status]).toEqual([200, 403, 429]);
  });

  it("lets end-to-end tests raise the limit", async () => {
    double.setRateLimit(1000);
    const shipment = seedOne();

    const statuses = [];
    for (let i = 0; i < 70; i++) statuses.push((await call("GET", `/shipments/${shipment.id}`)).status);

    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe("failure injection", () => {
  it("answers the next matching request with 500 internal_server_error and does nothing", async () => {
    const shipment = seedOne();
    double.failNext({ method: "DELETE", path: `/shipments/${shipment.id}` });

    const failed = await call("DELETE", `/shipments/${shipment.id}?id=${shipment.id}`);
    const retried = await call("DELETE", `/shipments/${shipment.id}?id=${shipment.id}`);

    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: "internal_server_error" });
    expect(retried.status).toBe(200);
  });

  it("answers 503 with OpenLogi's HTML maintenance page, for the given number of requests", async () => {
    const shipment = seedOne();
    double.failNext({ path: /^\/shipments\//, status: 503, times: 2 });

    const first = await call("GET", `/shipments/${shipment.id}`);
    const second = await call("GET", `/shipments/${shipment.id}`);
    const third = await call("GET", `/shipments/${shipment.id}`);

    expect(first.status).toBe(503);
    expect(first.headers.get("content-type")).toMatch(/^text\/html/);
    expect(first.text).toContain("メンテナンス中");
    expect([second.status, third.status]).toEqual([503, 200]);
  });

  it("applies the change and then answers 504, as a gateway timing out after the work", async () => {
    const shipment = seedOne("picking");
    double.failNext({ method: "POST", status: 504 });

    const response = await call("POST", `/shipments/${shipment.id}/cancel?id=${shipment.id}`);

    expect(response.status).toBe(504);
    expect(response.text).toBe("");
    expect(double.get(shipment.id)?.status).toBe("cancel_request");
  });

  it("holds a request unanswered until the test releases it, then handles it as usual", async () => {
    // GIVEN a rule that holds the next DELETE
    const shipment = seedOne();
    const hold = new Hold();
    double.failNext({ method: "DELETE", hold });

    // WHEN the DELETE is sent
    let answered = false;
    const response = call("DELETE", `/shipments/${shipment.id}?id=${shipment.id}`).finally(() => (answered = true));

    // THEN it reaches the double and waits there, unanswered and not yet applied
    expect(await hold.arrived).toMatchObject({ method: "DELETE", path: `/shipments/${shipment.id}` });
    expect(answered).toBe(false);
    expect(double.get(shipment.id)).toBeDefined();

    // AND once released it is answered and applied
    hold.release();
    expect((await response).status).toBe(200);
    expect(await hold.handled).toMatchObject({ status: 200 });
    expect(double.get(shipment.id)).toBeUndefined();
  });

  it("holds a request and then answers it with the rule's status", async () => {
    const shipment = seedOne();
    const hold = new Hold();
    double.failNext({ hold, status: 503 });

    const response = call("GET", `/shipments/${shipment.id}`);
    await hold.arrived;
    hold.release();

    expect((await response).status).toBe(503);
  });

  it.each([401, 402, 403, 422] as const)("forces a %i with OpenLogi's body", async (status) => {
    const shipment = seedOne();
    double.failNext({ status });

    const response = await call("GET", `/shipments/${shipment.id}`);

    expect(response.status).toBe(status);
    expect(response.json.error).toEqual(
      { 401: "unauthorized", 402: "payment_required", 403: "forbidden", 422: "validation_failed" }[status]
    );
  });

  it("logs every request with method, path, query, body and time", async () => {
    const shipment = seedOne("picking");

    await call("POST", `/shipments/${shipment.id}/modify?id=${shipment.id}`, {
      body: { identifier: shipment.identifier, items: shipment.items },
    });

    expect(double.requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: `/shipments/${shipment.id}/modify`,
        query: { id: shipment.id },
        body: { identifier: shipment.identifier, items: shipment.items },
        time: now,
        status: 200,
      }),
    ]);
  });
});

describe("its own contract", () => {
  it("refuses to seed a shipment that breaks the contract", () => {
    expect(() => double.seed([{ ...buildShipment(), status: "lost" as ShipmentStatus }])).toThrow(
      /breaks the contract/
    );
  });

  it("never sends an answer that breaks the contract, and fails the test run when it would have", async () => {
    // GIVEN a separate double, and a PUT that is valid but stores a currency GET may not return
    const strict = await startOpenLogiDouble();
    const [shipment] = strict.seed([buildShipment()]);
    const put = await fetch(`${strict.url}/shipments/${shipment.id}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${DOUBLE_TOKEN}`, "X-Api-Version": "1.5", "Content-Type": "application/json" },
      body: JSON.stringify({ ...requestBodyOf(shipment), currency_code: "CHF" }),
    });
    expect(put.status).toBe(200);

    // WHEN the double would answer the GET with that shipment
    const get = await fetch(`${strict.url}/shipments/${shipment.id}`, {
      headers: { Authorization: `Bearer ${DOUBLE_TOKEN}`, "X-Api-Version": "1.5" },
    });

    // THEN it answers 500 instead, and closing it reports the broken answer
    expect(get.status).toBe(500);
    expect(strict.selfErrors).toEqual([expect.stringContaining("currency_code")]);
    await expect(strict.close()).rejects.toThrow(/broke its contract/);
  });
});
