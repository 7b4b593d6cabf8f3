/**
 * The OpenLogi token never leaves the client inside an error: not in the message, not in
 * any property, cause or stack that the log, a job's lastError or the history could show.
 * The real client, over real HTTP to the strict double.
 */
import { inspect } from "node:util";
import { createOpenLogiClient, type OpenLogiClientOptions } from "../../../app/openlogi/client.server";
import { OpenLogiAuthError, OpenLogiServerError, describeOpenLogiError } from "../../../app/openlogi/errors";
import { buildShipment } from "../../doubles/build-shipment";
import { DOUBLE_ACCOUNT, DOUBLE_TOKEN, startOpenLogiDouble, type OpenLogiDouble } from "../../doubles/openlogi-double";

let double: OpenLogiDouble;

beforeAll(async () => {
  double = await startOpenLogiDouble({ rateLimitPerMinute: 10_000, tokens: { [DOUBLE_TOKEN]: [DOUBLE_ACCOUNT] } });
});
afterAll(() => double.close());
beforeEach(() => double.reset());

function clientFor(overrides: Partial<OpenLogiClientOptions> = {}) {
  const limiter = { acquire: vi.fn(async (_token: string) => {}), backOff: vi.fn(async (_token: string, _ms: number) => {}) };
  const client = createOpenLogiClient({ baseUrl: double.url, token: DOUBLE_TOKEN, accountCode: DOUBLE_ACCOUNT, limiter, ...overrides });
  return { client, limiter };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** Everything a caller could print of an error: message, stack, own properties, causes. */
function everythingShownOf(error: unknown): string {
  return [
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
    JSON.stringify(describeOpenLogiError(error)),
    error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
  ].join("\n");
}

/** The token and each of its lines: none may show. */
function piecesOf(token: string): string[] {
  return [token, ...token.split(/\s+/)];
}

describe("a token that cannot be sent in a header", () => {
  const TOKEN = "wz2FvCW3NRm4GZgLC7GMlW3X\nbM2qIIbuCDv8RZ8Fsecret";

  it.each([
    ["getShipment", (client: ReturnType<typeof clientFor>["client"]) => client.getShipment("TS001-S000001")],
    ["findShipmentsByKeys", (client: ReturnType<typeof clientFor>["client"]) => client.findShipmentsByKeys(["#1001"])],
  ])("fails %s as a broken connection whose error shows no part of the token, and sends nothing", async (_name, call) => {
    // GIVEN a client holding a token with a newline (as pasted from a file)
    const { client, limiter } = clientFor({ token: TOKEN });

    // WHEN it is asked to call OpenLogi
    const error = await caught(call(client));

    // THEN it refuses before fetch, with an auth error (the connection is broken, not retryable)
    expect(error).toBeInstanceOf(OpenLogiAuthError);
    expect(error).toMatchObject({ status: null, error: "invalid_token", retryable: false });
    expect((error as Error).message).toMatch(/enter it again/);
    const shown = everythingShownOf(error);
    for (const piece of piecesOf(TOKEN)) expect(shown).not.toContain(piece);
    expect(double.requests).toEqual([]);
    expect(limiter.acquire).not.toHaveBeenCalled();
  });

  it("still sends a token stored with a line break after it, which fetch strips as it always did", async () => {
    const [shipment] = double.seed([buildShipment({ status: "waiting" })]);
    const { client } = clientFor({ token: `${DOUBLE_TOKEN}\r\n` });

    expect(await client.getShipment(shipment.id)).toMatchObject({ id: shipment.id });
    expect(double.requests[0].headers.authorization).toBe(`Bearer ${DOUBLE_TOKEN}`);
  });
});

describe("an unexpected error that quotes the Authorization header", () => {
  it("comes out as a retryable OpenLogi error, scrubbed of the token and of any Bearer credential", async () => {
    // GIVEN a fetch that reaches the double, then fails the way fetch does on a bad header value
    const [shipment] = double.seed([buildShipment({ status: "waiting" })]);
    const quotingFetch = async (request: Request) => {
      await fetch(request.clone());
      throw new TypeError(`Headers.set: "${request.headers.get("Authorization")}" is an invalid header value.`);
    };
    const { client } = clientFor({ fetch: quotingFetch });

    // WHEN the client reads the shipment
    const error = await caught(client.getShipment(shipment.id));

    // THEN the error is OpenLogi's own kind, says what happened, and holds no part of the token
    expect(double.requests.map((r) => [r.method, r.status])).toEqual([["GET", 200]]);
    expect(error).toBeInstanceOf(OpenLogiServerError);
    expect(error).toMatchObject({ status: null, retryable: true, workMayHaveBeenDone: true });
    expect((error as Error).message).toContain('unexpected TypeError: Headers.set: "Bearer [redacted]" is an invalid header value.');
    expect(everythingShownOf(error)).not.toContain(DOUBLE_TOKEN);
  });
});
