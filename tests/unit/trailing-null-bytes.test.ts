import { trailingNullBytesDropped } from "../../app/trailing-null-bytes.server";

const view = (tail: number[]) => {
  const bytes = new Uint8Array(2048).fill(0x61);
  bytes.set(tail, 2048 - tail.length);
  return bytes;
};

describe("the NUL bytes React 18 leaves at the end of a full 2,048-byte view", () => {
  it.each([
    ["two, before a 3-byte character that did not fit", [0xe3, 0x81, 0x8f, 0, 0], 2046],
    ["three, before a 4-byte one", [0x61, 0, 0, 0], 2045],
    ["one", [0xe3, 0x81, 0x8f, 0], 2047],
    ["none", [0xe3, 0x81, 0x8f], 2048],
  ])("are dropped: %s", (_case, tail, length) => {
    expect(trailingNullBytesDropped(view(tail)).length).toBe(length);
  });

  it("leaves a chunk of any other size as it is", () => {
    const chunk = new Uint8Array([0x61, 0, 0]);
    expect(trailingNullBytesDropped(chunk)).toBe(chunk);
  });
});
