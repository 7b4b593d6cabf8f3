/**
 * Which order lines order edits added, from the stored `orders/edited` payloads
 * (`order_edit.line_items.additions[].id`). Only such a line, lacking a SKU, is the
 * "Added item without SKU" error; a SKU-less line the order always had is not.
 */
import { z } from "zod";
import { parseWebhookBody } from "../shopify/webhook-body";
import { shopifyId } from "./job-spec";

const editPayload = z.object({
  order_edit: z.object({
    line_items: z.object({ additions: z.array(z.object({ id: shopifyId })).default([]) }).optional(),
  }),
});

/** Numeric ids of the lines the edits added; a payload that does not parse adds nothing. */
export function addedLineItemIds(payloads: string[]): Set<string> {
  const ids = new Set<string>();
  for (const payload of payloads) {
    let body: unknown;
    try {
      body = parseWebhookBody(payload);
    } catch {
      continue;
    }
    const parsed = editPayload.safeParse(body);
    for (const addition of parsed.success ? (parsed.data.order_edit.line_items?.additions ?? []) : []) ids.add(addition.id);
  }
  return ids;
}
