import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { addDocumentResponseHeaders } from "./shopify.server";

/**
 * The whole document at once. React 18.3.1's renderToPipeableStream writes a NUL byte where a
 * multi-byte character does not fit at the end of its 2 KB buffer (it sends the whole buffer;
 * facebook/react#31134): Japanese pages came out with "\0" inside words. No page streams (no
 * defer, no Suspense), so nothing is lost by rendering to a string.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}
