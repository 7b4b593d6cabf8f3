/**
 * A contract-valid OpenLogi shipment (GetShipmentResponse) with realistic Japanese
 * recipient data and the fields a merchant sets in OpenLogi (carrier, time slot,
 * cushioning, gift wrapping, message), so tests can prove a PUT keeps them.
 */
import type { ShipmentResponse, ShipmentStatus } from "../../app/sync/types";

/** A shipment as OpenLogi returns it, with the status the contract leaves optional. */
export type BuiltShipment = ShipmentResponse & { status: ShipmentStatus };

let sequence = 0;

export function buildShipment(overrides: Partial<ShipmentResponse> = {}): BuiltShipment {
  sequence += 1;
  const orderNo = `#${1000 + sequence}`;
  const status: ShipmentStatus = overrides.status ?? "waiting";
  return {
    id: `TS001-S${String(sequence).padStart(6, "0")}`,
    identifier: orderNo,
    order_no: orderNo,
    suspend: status === "suspended",
    cash_on_delivery: false,
    letter_of_attorney: false,
    shipping_email: "taro.yamada@example.jp",
    recipient: {
      name: "山田 太郎",
      postcode: "150-0001",
      prefecture: "東京都",
      address1: "渋谷区神宮前1-2-3",
      address2: "神宮前ハイツ201号室",
      phone: "090-1234-5678",
    },
    items: [
      { id: "TS001-I000101", code: "TSHIRT-WHT-M", quantity: 2, name: "オーガニックコットンTシャツ ホワイト M" },
      { id: "TS001-I000102", code: "MUG-AI", quantity: 1, name: "波佐見焼 マグカップ 藍" },
    ],
    delivery_carrier: "YAMATO",
    delivery_method: "HOME_BOX",
    delivery_time_slot: "14",
    delivery_date: null,
    cushioning_unit: "ORDER",
    cushioning_type: "BUBBLE_PACK",
    gift_wrapping_unit: "ORDER",
    gift_wrapping_type: "NAVY",
    gift_sender_name: "山田 花子",
    message: "この度はご注文いただき誠にありがとうございます。またのご利用をお待ちしております。",
    delivery_note_type: "NOT_INCLUDE_PII",
    price_on_delivery_note: true,
    warehouse: "OPL",
    ...overrides,
    status,
  };
}
