import { createCipheriv, randomBytes } from "node:crypto";

/** A token ciphertext as the app stored it before key ids and shop binding: `v1:iv:tag:data`. */
export function encryptV1(hexKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(hexKey, "hex"), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64"))).join(":");
}
