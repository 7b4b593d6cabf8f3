import { parseWebhookBody } from "../../../app/shopify/webhook-body";

describe("parseWebhookBody", () => {
  it("keeps every digit of an id beyond 2^53", () => {
    expect(parseWebhookBody('{"order_edit":{"id":78912328793123789,"order_id":820982911946154508}}')).toEqual({
      order_edit: { id: "78912328793123789", order_id: "820982911946154508" },
    });
  });

  it("leaves ordinary numbers, decimals and strings alone", () => {
    expect(parseWebhookBody('{"id":450789469,"total":"12.50","rate":0.1,"n":-3}')).toEqual({
      id: 450789469,
      total: "12.50",
      rate: 0.1,
      n: -3,
    });
  });
});
