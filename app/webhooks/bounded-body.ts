/**
 * The largest webhook body the app reads: 4 MiB. Shopify's example order is 11 KB, about
 * 1 KB a line item; an order of 500 lines, each repeated in a fulfillment and a refund, at
 * 1.6 KB a line (tax lines and discounts included) is about 2.4 MB. Anything larger is not a
 * delivery this app can use, and an unsigned body is held in memory only up to this size.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * A refusal sent before (or instead of) reading the rest of the body. `Connection: close`
 * makes Node close the socket after answering rather than drain a body nobody will read.
 */
function refuse(status: 400 | 411 | 413, message: string): Response {
  return new Response(message, { status, headers: { Connection: "close", "Content-Type": "text/plain; charset=utf-8" } });
}

/** A Content-Length header's byte count, or null when it is not a plain decimal number. */
export function declaredLength(header: string | undefined): number | null {
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
}

/**
 * Reads a request body once, as UTF-8 text, through a bounded reader; throws the Response to
 * send instead. A missing Content-Length is refused with 411 and one above `limit` with 413,
 * before a byte is read. A body that runs past its Content-Length (or the limit) is cut off
 * with 413; one that ends short of it is refused with 400.
 */
export async function readBoundedBody(request: Request, limit: number = WEBHOOK_BODY_LIMIT_BYTES): Promise<string> {
  const header = request.headers.get("content-length");
  if (header === null) throw refuse(411, "Content-Length is required");
  const declared = declaredLength(header);
  if (declared === null) throw refuse(400, "Content-Length is not a number");
  if (declared > limit) throw refuse(413, `The body is larger than ${limit} bytes`);

  // Decoded as it arrives: a stream's raw bytes are never held twice (webhook-routes.server.ts
  // hands over a body that its Content-Length frames whole, up to the limit).
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      // Not cancelled: cancelling Remix's request stream destroys the socket before the answer.
      if (received > declared) throw refuse(413, `The body is longer than its Content-Length (${declared} bytes)`);
      text += decoder.decode(value, { stream: true });
    }
  }
  if (received < declared) throw refuse(400, `The body is shorter than its Content-Length (${declared} bytes)`);
  return text + decoder.decode();
}
