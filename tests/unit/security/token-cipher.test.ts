import { createTokenCipher } from "../../../app/security/token-cipher.server";

describe("token cipher", () => {
  const cipher = createTokenCipher("0f".repeat(32));

  it("round-trips a token and never stores it in the clear", () => {
    const stored = cipher.encrypt("tok_日本語_123");
    expect(stored).not.toContain("tok_");
    expect(cipher.decrypt(stored)).toBe("tok_日本語_123");
  });

  it("uses a fresh IV each time", () => {
    expect(cipher.encrypt("same")).not.toBe(cipher.encrypt("same"));
  });

  it("refuses a ciphertext that was tampered with or made under another key", () => {
    const stored = cipher.encrypt("secret");
    const [v, iv, tag, data] = stored.split(":");
    const flipped = Buffer.from(data, "base64");
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString("base64")].join(":"))).toThrow();
    expect(() => createTokenCipher("1e".repeat(32)).decrypt(stored)).toThrow();
  });

  it("rejects a key that is not 32 bytes", () => {
    expect(() => createTokenCipher("abcd")).toThrow(/32 bytes/);
  });
});
