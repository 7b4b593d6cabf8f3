import { createHash } from "node:crypto";

/** A text's sha256 in hex: what the app keeps instead of a token or a customer's value. */
export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
