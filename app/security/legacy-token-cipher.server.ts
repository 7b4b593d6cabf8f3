import { openGcm, parseKey, TokenUnreadableError } from "./token-cipher.server";

/** Whether `stored` is in the first format, `v1:iv:tag:data`: no key id, not bound to its shop. */
export function isLegacyToken(stored: string): boolean {
  return stored.startsWith("v1:");
}

/**
 * Reads a `v1` ciphertext by trying each key in turn (it does not say which key made it).
 * Only `npm run tokens:reencrypt` calls this, to rewrite such rows in the current format: the
 * app itself refuses v1, because a ciphertext without the shop bound to it could be copied
 * into another shop's row and used there.
 */
export function decryptLegacyToken(stored: string, keysHex: readonly string[]): string {
  const parts = stored.split(":");
  const [version, iv, tag, data] = parts;
  if (version !== "v1" || parts.length !== 4) throw new TokenUnreadableError("malformed");
  for (const hex of keysHex) {
    try {
      return openGcm(parseKey(hex), Buffer.from(iv, "base64"), Buffer.from(tag, "base64"), Buffer.from(data, "base64"), null);
    } catch (error) {
      // A malformed IV or tag fails under every key alike; only a failed check means "try the next key".
      if (!(error instanceof TokenUnreadableError) || error.reason !== "not_authentic") throw error;
    }
  }
  // No key opens it: most likely it was made under a key not given (or it was tampered with).
  throw new TokenUnreadableError("unknown_key");
}
