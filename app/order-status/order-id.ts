/** Shopify's ids are 64-bit: a path segment beyond that, or not digits, is no order id. */
const MAX_ID = 2n ** 63n - 1n;

/** The order's numeric id from the URL (as the history keeps it), or null when it is not one. */
export function parseOrderId(value: string | undefined): string | null {
  if (value === undefined || !/^[1-9]\d{0,18}$/.test(value)) return null;
  return BigInt(value) <= MAX_ID ? value : null;
}
