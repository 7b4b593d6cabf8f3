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

  it("keeps the digits of a 16-digit id past 2^53 and of one beside ordinary numbers", () => {
    expect(parseWebhookBody('{"a":9007199254740993,"b":12,"c":"9007199254740993"}')).toEqual({
      a: "9007199254740993",
      b: 12,
      c: "9007199254740993",
    });
  });

  it("parses a body without any long digit run as JSON.parse does", () => {
    const body = '{"id":5678901234567,"line_items":[{"id":123456789012345,"quantity":2,"price":"10.00"}]}';
    expect(parseWebhookBody(body)).toEqual(JSON.parse(body));
  });
});
