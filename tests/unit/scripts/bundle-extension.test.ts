import { bundleExtension, checkBundleSize, COMPRESSED_LIMIT_BYTES } from "../../../scripts/bundle-extension";

describe("the block's bundle", () => {
  it("is built the way the CLI builds it, and is well under Shopify's 64 KB compressed", async () => {
    const { code, ...sizes } = await bundleExtension();
    const verdict = checkBundleSize(sizes);
    console.log(verdict.summary);
    expect(verdict.ok).toBe(true);
    expect(code.byteLength).toBe(sizes.bytes);
  });

  it.each([
    ["gzip", { bytes: 300_000, gzip: COMPRESSED_LIMIT_BYTES + 1, brotli: 60_000 }],
    ["brotli", { bytes: 300_000, gzip: 60_000, brotli: COMPRESSED_LIMIT_BYTES + 1 }],
  ])("fails a script over the limit (%s)", (_which, sizes) => {
    const verdict = checkBundleSize(sizes);
    expect(verdict.ok).toBe(false);
    expect(verdict).toMatchObject({ error: expect.stringContaining("64.0 KiB") });
  });

  it("passes a script at the limit exactly", () => {
    expect(checkBundleSize({ bytes: 200_000, gzip: COMPRESSED_LIMIT_BYTES, brotli: COMPRESSED_LIMIT_BYTES - 1 }).ok).toBe(true);
  });
});
