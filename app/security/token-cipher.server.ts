import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for a shop's OpenLogi token at rest, stored as `v2:<key id>:<iv>:<tag>:<data>`
 * (base64 parts).
 * - The associated data is the shop's domain: a ciphertext copied into another shop's row
 *   does not decrypt there.
 * - The key id names the key a ciphertext was made under. New ciphertexts use the current key
 *   (TOKEN_ENCRYPTION_KEY); previous keys (TOKEN_ENCRYPTION_PREVIOUS_KEYS) are only read, until
 *   `npm run tokens:reencrypt` has rewritten every row under the current one.
 * - `v1:iv:tag:data` (no key id, no shop) is not read here: the re-encrypt script upgrades it.
 */
const VERSION = "v2";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
/** The full GCM tag. Left unpinned, Node accepts a tag cut to 4 bytes, which can be forged. */
export const TAG_BYTES = 16;

/**
 * - `malformed`: not a ciphertext this app writes (parts, IV or tag of the wrong size);
 * - `legacy_format`: a `v1` ciphertext, which `npm run tokens:reencrypt` upgrades;
 * - `unknown_key`: made under a key the app no longer has;
 * - `not_authentic`: tampered with, or made for another shop.
 */
export type TokenUnreadableReason = "malformed" | "legacy_format" | "unknown_key" | "not_authentic";

/** A stored token that cannot be decrypted. The message names the reason, never the ciphertext. */
export class TokenUnreadableError extends Error {
  constructor(readonly reason: TokenUnreadableReason) {
    super(`The stored OpenLogi token cannot be decrypted (${reason})`);
    this.name = "TokenUnreadableError";
  }
}

export interface TokenCipher {
  /** The current key's id, written into every new ciphertext. */
  readonly keyId: string;
  encrypt(plain: string, shop: string): string;
  /** Throws TokenUnreadableError, and nothing else, when `stored` cannot be read for `shop`. */
  decrypt(stored: string, shop: string): string;
  /** Whether `stored` is in the current format under the current key (not whether it is authentic). */
  isCurrent(stored: string): boolean;
}

export function createTokenCipher(currentKeyHex: string, previousKeysHex: readonly string[] = []): TokenCipher {
  const current = parseKey(currentKeyHex);
  const keyId = keyIdOf(current);
  const keys = new Map([current, ...previousKeysHex.map(parseKey)].map((key) => [keyIdOf(key), key]));

  return {
    keyId,
    encrypt(plain, shop) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(shop));
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [VERSION, keyId, ...[iv, cipher.getAuthTag(), data].map((part) => part.toString("base64"))].join(":");
    },
    decrypt(stored, shop) {
      const parts = stored.split(":");
      if (parts[0] === "v1") throw new TokenUnreadableError("legacy_format");
      const [version, id, iv, tag, data] = parts;
      if (version !== VERSION || parts.length !== 5) throw new TokenUnreadableError("malformed");
      const key = keys.get(id);
      if (!key) throw new TokenUnreadableError("unknown_key");
      return openGcm(key, Buffer.from(iv, "base64"), Buffer.from(tag, "base64"), Buffer.from(data, "base64"), associatedData(shop));
    },
    isCurrent(stored) {
      return stored.startsWith(`${VERSION}:${keyId}:`);
    },
  };
}

/** 32 bytes written as 64 hex characters (TOKEN_ENCRYPTION_KEY's form). */
export function parseKey(hexKey: string): Buffer {
  const key = Buffer.from(hexKey, "hex");
  if (key.length !== 32 || key.toString("hex") !== hexKey.toLowerCase()) {
    throw new Error("A token encryption key must be 32 bytes (64 hex characters)");
  }
  return key;
}

/** A key's name in its ciphertexts: an HMAC under the key, so it names the key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHmac("sha256", key).update("openlogi-token-cipher key id").digest("hex").slice(0, 16);
}

/**
 * Decrypts and authenticates one AES-256-GCM ciphertext with a 16-byte tag; every failure is a
 * TokenUnreadableError. `aad` is null for the legacy format, which had none.
 */
export function openGcm(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer, aad: Buffer | null): string {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenUnreadableError("malformed");
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenUnreadableError("not_authentic");
  }
}

function associatedData(shop: string): Buffer {
  return Buffer.from(shop, "utf8");
}
