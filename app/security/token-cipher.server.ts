import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for the merchant's OpenLogi token at rest. The key comes from
 * TOKEN_ENCRYPTION_KEY (64 hex characters); the stored form is `v1:iv:tag:data` in base64.
 */
export function createTokenCipher(hexKey: string) {
  const key = Buffer.from(hexKey, "hex");
  if (key.length !== 32) throw new Error("TOKEN_ENCRYPTION_KEY must be 32 bytes (64 hex characters)");

  return {
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64"))).join(":");
    },
    decrypt(stored: string): string {
      const [version, iv, tag, data] = stored.split(":");
      if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("Unrecognised token ciphertext");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
    },
  };
}

export type TokenCipher = ReturnType<typeof createTokenCipher>;
