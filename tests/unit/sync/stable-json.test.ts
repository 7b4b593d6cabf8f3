import { stableJson } from "../../../app/sync/stable-json";

describe("stableJson", () => {
  it("gives the same string whatever order the keys were written in", () => {
    expect(stableJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" } })).toBe(
      stableJson({ a: { c: "x", d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(stableJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("leaves out undefined fields as JSON does, and keeps nulls", () => {
    expect(stableJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
