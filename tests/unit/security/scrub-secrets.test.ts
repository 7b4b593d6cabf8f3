import { scrubSecrets } from "../../../app/security/scrub-secrets";

describe("scrubSecrets", () => {
  it("removes a given token wherever it appears, and any Bearer credential", () => {
    expect(scrubSecrets("token tok_0123456789abcdef refused; Authorization: Bearer other-credential", ["tok_0123456789abcdef"])).toBe(
      "token [redacted] refused; Authorization: Bearer [redacted]",
    );
  });

  it("removes each line of a token that holds a newline, and its JSON-escaped and URL-encoded spellings", () => {
    const token = "first-line-abc\nsecond-line-xyz";
    const text = [
      'Headers.set: "Bearer first-line-abc\nsecond-line-xyz" is an invalid header value.',
      JSON.stringify({ header: `Bearer ${token}` }),
      `?t=${encodeURIComponent(token)}`,
      "second-line-xyz alone",
    ].join(" | ");

    const scrubbed = scrubSecrets(text, [token]);

    expect(scrubbed).not.toMatch(/first-line|second-line/);
    expect(scrubbed).toBe(
      'Headers.set: "Bearer [redacted]" is an invalid header value. | {"header":"Bearer [redacted]"} | ?t=[redacted] | [redacted] alone',
    );
  });

  it("keeps the text around a credential: quotes, commas and the scheme's own spelling", () => {
    expect(scrubSecrets(`{"authorization":"bearer abc.def-ghi"}, 'Bearer x'`)).toBe(`{"authorization":"bearer [redacted]"}, 'Bearer [redacted]'`);
  });

  it("ignores missing or empty secrets and leaves text without any secret as it was", () => {
    expect(scrubSecrets("OpenLogi answered 503: maintenance", [null, undefined, ""])).toBe("OpenLogi answered 503: maintenance");
  });
});
