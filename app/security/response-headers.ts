/**
 * Sent with every response. HSTS for a year, subdomains included. The Referrer-Policy is
 * the browsers' own default made explicit: the app's URLs carry `shop`, `host`, `hmac` and
 * `id_token` in their query, which must not leave the app's origin in a Referer header.
 */
export const SECURITY_HEADERS = {
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
} as const;

/** Puts SECURITY_HEADERS on a response before its headers go out. */
export function setSecurityHeaders(response: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}
