import { addedLineItemIds } from "../../../app/jobs/edit-additions";

const edit = (additions: string) =>
  `{"order_edit":{"id":1,"order_id":2,"line_items":{"additions":${additions},"removals":[]}}}`;

describe("addedLineItemIds", () => {
  it("collects the lines every stored edit added, keeping every digit of ids past 2^53", () => {
    expect(addedLineItemIds([edit('[{"id":820982911946154508,"delta":1}]'), edit('[{"id":466157049,"delta":2}]')])).toEqual(
      new Set(["820982911946154508", "466157049"]),
    );
  });

  it("adds nothing for an edit that only removed items, or a payload that does not parse", () => {
    expect(addedLineItemIds([edit("[]"), "{not json", '{"order_edit":{}}', "{}"])).toEqual(new Set());
  });
});
