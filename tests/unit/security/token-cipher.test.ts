import { decryptLegacyToken } from "../../../app/security/legacy-token-cipher.server";
import { createTokenCipher, keyIdOf, TokenUnreadableError, type TokenCipher } from "../../../app/security/token-cipher.server";
import { encryptV1 } from "../../helpers/legacy-token";

const OLD_KEY = "0f".repeat(32);
const NEW_KEY = "1e".repeat(32);
const SHOP = "cipher.myshopify.com";
const OTHER_SHOP = "other.myshopify.com";
const TOKEN = "tok_日本語_123";

/** The reason decrypting gives, or the plain text when it does not throw. */
function readAs(cipher: TokenCipher, stored: string, shop = SHOP): string {
  try {
    return cipher.decrypt(stored, shop);
  } catch (error) {
    if (error instanceof TokenUnreadableError) return `unreadable: ${error.reason}`;
    throw error;
  }
}

/** Replaces one `:`-separated part of a stored ciphertext. */
function withPart(stored: string, index: number, replace: (part: string) => string): string {
  const parts = stored.split(":");
  parts[index] = replace(parts[index]);
  return parts.join(":");
}

const TAG = 3;
const DATA = 4;

describe("token cipher", () => {
  const cipher = createTokenCipher(NEW_KEY);

  it("round-trips a token for its shop and never stores it in the clear", () => {
    const stored = cipher.encrypt(TOKEN, SHOP);
    expect(stored).not.toContain("tok_");
    expect(cipher.decrypt(stored, SHOP)).toBe(TOKEN);
  });

  it("uses a fresh IV each time", () => {
    expect(cipher.encrypt("same", SHOP)).not.toBe(cipher.encrypt("same", SHOP));
  });

  it("writes v2, the current key's id and a 16-byte tag", () => {
    const [version, keyId, iv, tag] = cipher.encrypt(TOKEN, SHOP).split(":");
    expect([version, keyId]).toEqual(["v2", keyIdOf(Buffer.from(NEW_KEY, "hex"))]);
    expect(Buffer.from(iv, "base64")).toHaveLength(12);
    expect(Buffer.from(tag, "base64")).toHaveLength(16);
  });

  it.each([4, 8, 12, 15])("refuses a tag cut to %i bytes, which GCM would otherwise accept", (bytes) => {
    const stored = withPart(cipher.encrypt(TOKEN, SHOP), TAG, (tag) => Buffer.from(tag, "base64").subarray(0, bytes).toString("base64"));
    expect(readAs(cipher, stored)).toBe("unreadable: malformed");
  });

  it("does not decrypt a ciphertext copied into another shop's row", () => {
    const stored = cipher.encrypt(TOKEN, SHOP);
    expect(readAs(cipher, stored, OTHER_SHOP)).toBe("unreadable: not_authentic");
    expect(readAs(cipher, stored, SHOP)).toBe(TOKEN);
  });

  it("refuses a ciphertext that was tampered with", () => {
    const stored = withPart(cipher.encrypt("secret-token-value", SHOP), DATA, (data) => {
      const flipped = Buffer.from(data, "base64");
      flipped[0] ^= 1;
      return flipped.toString("base64");
    });
    expect(readAs(cipher, stored)).toBe("unreadable: not_authentic");
  });

  it("picks the key named by the key id among the current and previous keys", () => {
    // GIVEN a cipher whose current key is new and whose previous key is old
    const rotated = createTokenCipher(NEW_KEY, [OLD_KEY]);
    const underOld = createTokenCipher(OLD_KEY).encrypt(TOKEN, SHOP);
    const underNew = cipher.encrypt(TOKEN, SHOP);

    // THEN it reads both, and knows which one is current
    expect(readAs(rotated, underOld)).toBe(TOKEN);
    expect(readAs(rotated, underNew)).toBe(TOKEN);
    expect([rotated.isCurrent(underOld), rotated.isCurrent(underNew)]).toEqual([false, true]);
    // AND it opens a ciphertext with the key its id names, not with whichever key works
    const renamed = withPart(underOld, 1, () => rotated.keyId);
    expect(readAs(rotated, renamed)).toBe("unreadable: not_authentic");
  });

  it("refuses a ciphertext made under a key it does not have", () => {
    const underOld = createTokenCipher(OLD_KEY).encrypt(TOKEN, SHOP);
    expect(readAs(cipher, underOld)).toBe("unreadable: unknown_key");
  });

  it("refuses the v1 format, which names no key and no shop", () => {
    expect(readAs(createTokenCipher(OLD_KEY), encryptV1(OLD_KEY, TOKEN))).toBe("unreadable: legacy_format");
  });

  it.each(["", "v2:abc", "v3:a:b:c:d", "plain-token"])("calls %j malformed", (stored) => {
    expect(readAs(cipher, stored)).toBe("unreadable: malformed");
  });

  it("rejects a key that is not 32 bytes", () => {
    expect(() => createTokenCipher("abcd")).toThrow(/32 bytes/);
    expect(() => createTokenCipher(NEW_KEY, ["zz".repeat(32)])).toThrow(/32 bytes/);
  });
});

describe("legacy v1 tokens (read only by npm run tokens:reencrypt)", () => {
  it("opens a v1 ciphertext with whichever of the given keys made it", () => {
    expect(decryptLegacyToken(encryptV1(OLD_KEY, TOKEN), [NEW_KEY, OLD_KEY])).toBe(TOKEN);
  });

  it("says which key is missing when none opens it, and refuses a cut tag", () => {
    const stored = encryptV1(OLD_KEY, TOKEN);
    expect(() => decryptLegacyToken(stored, [NEW_KEY])).toThrow(expect.objectContaining({ reason: "unknown_key" }));
    const cut = withPart(stored, 2, (tag) => Buffer.from(tag, "base64").subarray(0, 4).toString("base64"));
    expect(() => decryptLegacyToken(cut, [OLD_KEY])).toThrow(expect.objectContaining({ reason: "malformed" }));
  });
});
