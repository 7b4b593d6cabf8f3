import { Writable } from "node:stream";
import { createLogger } from "../../app/logger.server";

/** A logger as the app configures it, writing its lines into an array. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger("info", stream), lines, raw };
}

describe("logger", () => {
  it("scrubs a Bearer credential from the message, from fields, from bound scopes and from a logged error", () => {
    const { logger, lines, raw } = capturedLogger();

    logger.child({ scope: "Authorization: Bearer xyz-scope" }).warn({ detail: { header: "Bearer xyz-field" } }, "refused Bearer xyz-message");
    logger.error({ err: new TypeError('Headers.set: "Bearer xyz-error" is an invalid header value.') }, "job failed");

    expect(raw.join("")).not.toMatch(/xyz/);
    expect(lines[0]).toMatchObject({
      scope: "Authorization: Bearer [redacted]",
      detail: { header: "Bearer [redacted]" },
      msg: "refused Bearer [redacted]",
    });
    expect((lines[1].err as { message: string }).message).toBe('Headers.set: "Bearer [redacted]" is an invalid header value.');
  });

  it("keeps redacting token fields", () => {
    const { logger, lines } = capturedLogger();

    logger.info({ shop: "a.myshopify.com", orderId: "9007199254740993", token: "tok" }, "job completed");

    expect(lines[0]).toMatchObject({ shop: "a.myshopify.com", orderId: "9007199254740993", token: "[redacted]", msg: "job completed" });
  });
});
