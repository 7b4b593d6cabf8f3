import { readBoundedBody } from "../../../app/webhooks/bounded-body";

/** A POST whose body stream yields `chunks` and whose Content-Length says what the test says. */
function post(chunks: string[], contentLength: string | null): { request: Request; pulled: () => number } {
  let pulled = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks.length) return controller.close();
      controller.enqueue(encoder.encode(chunks[pulled++]));
    },
  }, { highWaterMark: 0 }); // pulled only when read, so the test sees what was read
  const headers = contentLength === null ? {} : { "Content-Length": contentLength };
  return { request: new Request("http://app.test/webhooks", { method: "POST", body, duplex: "half", headers } as RequestInit), pulled: () => pulled };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; text: string; connection: string | null }> {
  const error = await promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Response)) throw error;
  return { status: error.status, text: await error.text(), connection: error.headers.get("connection") };
}

describe("readBoundedBody", () => {
  it("reads a body that matches its Content-Length, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode('{"name":"山田"}');
    // Split inside 山 (bytes 9–11): the decoder must carry the partial character over.
    const request = new Request("http://app.test/", {
      method: "POST",
      duplex: "half",
      headers: { "Content-Length": String(bytes.byteLength) },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.slice(0, 10));
          controller.enqueue(bytes.slice(10));
          controller.close();
        },
      }),
    } as RequestInit);
    expect(await readBoundedBody(request, 100)).toBe('{"name":"山田"}');
  });

  it("refuses a body without Content-Length with 411 before reading any of it", async () => {
    const { request, pulled } = post(["{}"], null);
    expect(await refusal(readBoundedBody(request, 100))).toMatchObject({ status: 411, connection: "close" });
    expect(pulled()).toBe(0);
  });

  it("refuses a Content-Length above the limit with 413 before reading any of it", async () => {
    const { request, pulled } = post(["{}"], "101");
    expect(await refusal(readBoundedBody(request, 100))).toMatchObject({ status: 413, connection: "close" });
    expect(pulled()).toBe(0);
  });

  it("cuts off a body that runs past its Content-Length with 413, without reading the rest", async () => {
    const { request, pulled } = post(["12345", "67890", "never read"], "6");
    expect(await refusal(readBoundedBody(request, 100))).toMatchObject({ status: 413 });
    expect(pulled()).toBe(2);
  });

  it("refuses a body that ends short of its Content-Length with 400", async () => {
    const { request } = post(["1234"], "6");
    expect(await refusal(readBoundedBody(request, 100))).toMatchObject({ status: 400 });
  });

  it("refuses a Content-Length that is not a number with 400", async () => {
    const { request } = post(["{}"], "2, 2");
    expect(await refusal(readBoundedBody(request, 100))).toMatchObject({ status: 400 });
  });

  it("reads a body exactly at the limit", async () => {
    const { request } = post(["x".repeat(100)], "100");
    expect(await readBoundedBody(request, 100)).toHaveLength(100);
  });
});
