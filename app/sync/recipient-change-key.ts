import { stableJson } from "./stable-json";

/**
 * A billable modification's ledger key (`{shipmentId}:recipient:{stable JSON}`): the same
 * recipient asked again is the same request. app/privacy replaces the JSON with its digest
 * (`…:recipient:sha256:…`), and the follow-up reads the recipient back from it.
 */
export const RECIPIENT_MARKER = ":recipient:";

export function recipientChangeKey(shipmentId: string, recipient: unknown): string {
  return `${shipmentId}${RECIPIENT_MARKER}${stableJson(recipient)}`;
}

/** Where a key's recipient part starts (after the marker), or -1 for a key without one. */
export function recipientPartAt(changeKey: string): number {
  const at = changeKey.indexOf(RECIPIENT_MARKER);
  return at < 0 ? -1 : at + RECIPIENT_MARKER.length;
}
