/**
 * Parses a webhook body without losing digits: Shopify ids can exceed 2^53, where
 * JSON.parse rounds them (820982911946154508 becomes …500). Integers beyond the safe
 * range are kept as their source text (JSON.parse source text access, Node 22).
 */
export function parseWebhookBody(raw: string): unknown {
  // The reviver costs eight times a plain parse; a body without a run of 16 digits holds no
  // integer past 2^53 (9007199254740991 has 16), so it needs none.
  if (!LONG_DIGIT_RUN.test(raw)) return JSON.parse(raw);
  return JSON.parse(raw, function (this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
      return context.source;
    }
    return value;
  } as (key: string, value: unknown) => unknown);
}

const LONG_DIGIT_RUN = /\d{16}/;
