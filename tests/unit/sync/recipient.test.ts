import { PREFECTURES, findPrefecture, prefectureByCode, prefectureByName } from "../../../app/sync/prefectures";
import { toDomesticPhone, toOpenLogiRecipient, toPostcode } from "../../../app/sync/recipient";
import { buildMailingAddress } from "../../doubles/build-order-snapshot";

describe("prefectures", () => {
  it("lists the 47 prefectures in JIS order from 北海道 to 沖縄県", () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES[0]).toEqual({ code: "JP-01", name: "北海道", romaji: "Hokkaidō" });
    expect(PREFECTURES[12]).toEqual({ code: "JP-13", name: "東京都", romaji: "Tōkyō" });
    expect(PREFECTURES[46]).toEqual({ code: "JP-47", name: "沖縄県", romaji: "Okinawa" });
    expect(new Set(PREFECTURES.map((p) => p.name)).size).toBe(47);
  });

  it.each([
    ["JP-13", "東京都"],
    ["13", "東京都"],
    ["jp-01", "北海道"],
    ["JP27", "大阪府"],
    ["1", "北海道"],
    ["JP-47", "沖縄県"],
  ])("finds the prefecture for Shopify province code %s", (code, name) => {
    expect(prefectureByCode(code)?.name).toBe(name);
  });

  it.each(["JP-00", "JP-48", "US-CA", "", null])("finds no prefecture for the code %s", (code) => {
    expect(prefectureByCode(code)).toBeNull();
  });

  it.each([
    ["東京都", "東京都"],
    ["東京", "東京都"],
    ["京都", "京都府"],
    ["北海道", "北海道"],
    ["鹿児島県", "鹿児島県"],
    ["Tokyo", "東京都"],
    ["Tōkyō", "東京都"],
    ["TOKYO", "東京都"],
    ["Tokyo-to", "東京都"],
    ["Hokkaidō", "北海道"],
    ["hokkaido", "北海道"],
    ["Kyoto", "京都府"],
    ["Kyōto", "京都府"],
    ["Osaka", "大阪府"],
    ["Ōsaka", "大阪府"],
    ["Osaka Prefecture", "大阪府"],
    ["Hyōgo", "兵庫県"],
    ["Kōchi", "高知県"],
    ["Ōita", "大分県"],
  ])("finds the prefecture named %s", (name, expected) => {
    expect(prefectureByName(name)?.name).toBe(expected);
  });

  it("finds every prefecture by its own romaji and Japanese name", () => {
    for (const prefecture of PREFECTURES) {
      expect(prefectureByName(prefecture.romaji)).toBe(prefecture);
      expect(prefectureByName(prefecture.name)).toBe(prefecture);
      expect(prefectureByCode(prefecture.code)).toBe(prefecture);
    }
  });

  it("prefers the province code over the name and falls back to the name", () => {
    expect(findPrefecture("JP-13", "Ōsaka")?.name).toBe("東京都");
    expect(findPrefecture(null, "Ōsaka")?.name).toBe("大阪府");
    expect(findPrefecture("XX", "Atlantis")).toBeNull();
  });
});

describe("toDomesticPhone", () => {
  it.each([
    ["+81 90-1234-5678", "090-1234-5678"],
    ["+819012345678", "09012345678"],
    ["+81312345678", "0312345678"],
    ["+81 3-1234-5678", "03-1234-5678"],
    ["+81 (0)3 1234 5678", "03-1234-5678"],
    ["+81-90-1234-5678", "090-1234-5678"],
    ["090-1234-5678", "090-1234-5678"],
    ["03-1234-5678", "03-1234-5678"],
    ["0312345678", "0312345678"],
    ["０９０－１２３４－５６７８", "090-1234-5678"],
    ["090ー1234ー5678", "090-1234-5678"],
    ["(03) 1234-5678", "03-1234-5678"],
    ["090-12-34-5678", "09012345678"],
  ])("turns %s into %s", (input, expected) => {
    expect(toDomesticPhone(input)).toBe(expected);
  });

  it.each([
    ["a foreign number", "+1 415-555-0100"],
    ["too few digits", "03-1234-567"],
    ["too many digits", "090-1234-5678-9012"],
    ["no leading zero", "90-1234-5678"],
    ["letters", "090-CALL-NOW"],
  ])("rejects %s", (_label, input) => {
    expect(toDomesticPhone(input)).toBeNull();
  });
});

describe("toPostcode", () => {
  it.each([
    ["100-0001", "100-0001"],
    ["1000001", "100-0001"],
    ["〒100-0001", "100-0001"],
    ["１００－０００１", "100-0001"],
    [" 100 0001 ", "100-0001"],
  ])("normalises %s to %s", (input, expected) => {
    expect(toPostcode(input)).toBe(expected);
  });

  it.each(["100-000", "10000011", "", null])("rejects %s", (input) => {
    expect(toPostcode(input)).toBeNull();
  });
});

describe("toOpenLogiRecipient for a Japanese address", () => {
  it("writes family name first, city into address1 and a domestic phone", () => {
    expect(toOpenLogiRecipient(buildMailingAddress())).toEqual({
      recipient: {
        name: "山田 太郎",
        postcode: "100-0001",
        prefecture: "東京都",
        address1: "千代田区千代田1-1",
        address2: "千代田ビル 3F",
        phone: "090-1234-5678",
      },
      notices: [],
      invalid: [],
      phoneNotConverted: false,
    });
  });

  it("falls back to the full name when first and last names are missing", () => {
    const { recipient } = toOpenLogiRecipient(buildMailingAddress({ firstName: null, lastName: null, name: "ヤマダ タロウ" }));
    expect(recipient).toMatchObject({ name: "ヤマダ タロウ" });
  });

  it("uses the only name part there is", () => {
    const { recipient } = toOpenLogiRecipient(buildMailingAddress({ firstName: null, lastName: "山田" }));
    expect(recipient).toMatchObject({ name: "山田" });
  });

  it("maps the prefecture from the province name when the code is missing", () => {
    const { recipient, invalid } = toOpenLogiRecipient(buildMailingAddress({ provinceCode: null, province: "Kyōto", city: "京都市中京区" }));
    expect(recipient).toMatchObject({ prefecture: "京都府", address1: "京都市中京区千代田1-1" });
    expect(invalid).toEqual([]);
  });

  it("reports an unknown prefecture as invalid and calls for action", () => {
    const { invalid, notices } = toOpenLogiRecipient(buildMailingAddress({ provinceCode: null, province: "Atlantis" }));
    expect(invalid).toEqual(["prefecture"]);
    expect(notices).toEqual([
      { code: "prefecture_unknown", actionRequired: true, params: { province: "Atlantis", provinceCode: "" } },
    ]);
  });

  it("reports a postcode that is not seven digits as invalid", () => {
    expect(toOpenLogiRecipient(buildMailingAddress({ zip: "100-00" })).invalid).toEqual(["postcode"]);
  });

  it("reports missing name and street as invalid", () => {
    const address = buildMailingAddress({ firstName: null, lastName: null, name: null, city: null, address1: null });
    expect(toOpenLogiRecipient(address).invalid).toEqual(["name", "address1"]);
  });

  it("cuts the name to 15 characters and warns with the full name", () => {
    const { recipient, notices } = toOpenLogiRecipient(
      buildMailingAddress({ lastName: "Yamadaaaaaaaaaa", firstName: "Taro" }),
    );
    expect(recipient).toMatchObject({ name: "Yamadaaaaaaaaaa" });
    expect(notices).toEqual([
      { code: "name_truncated", actionRequired: false, params: { field: "name", full: "Yamadaaaaaaaaaa Taro", kept: "Yamadaaaaaaaaaa" } },
    ]);
  });

  it("counts a character outside the BMP as one and never splits it", () => {
    const { recipient, notices } = toOpenLogiRecipient(buildMailingAddress({ lastName: "𠮷野", firstName: "太郎" }));
    expect(recipient).toMatchObject({ name: "𠮷野 太郎" });
    expect(notices).toEqual([]);
  });

  it("cuts the company to 16 characters and warns", () => {
    const company = "株式会社オープンロジ物流サービス東日本支社";
    const { recipient, notices } = toOpenLogiRecipient(buildMailingAddress({ company }));
    expect(recipient).toMatchObject({ company: "株式会社オープンロジ物流サービス" });
    expect(notices.map((n) => [n.code, n.params?.field])).toEqual([["company_truncated", "company"]]);
  });

  it("cuts address1 and address2 to 64 characters each and warns for each", () => {
    const long = "あ".repeat(70);
    const { recipient, notices } = toOpenLogiRecipient(buildMailingAddress({ address1: long, address2: long }));
    expect(recipient).toMatchObject({ address1: `千代田区${"あ".repeat(60)}`, address2: "あ".repeat(64) });
    expect(notices.map((n) => [n.code, n.params?.field])).toEqual([
      ["address_truncated", "address1"],
      ["address_truncated", "address2"],
    ]);
  });

  it("leaves out an empty address2, company and phone", () => {
    const { recipient, notices, phoneNotConverted } = toOpenLogiRecipient(buildMailingAddress({ address2: "  ", company: "", phone: null }));
    expect(recipient).not.toHaveProperty("address2");
    expect(recipient).not.toHaveProperty("company");
    expect(recipient).not.toHaveProperty("phone");
    expect(notices).toEqual([]);
    expect(phoneNotConverted).toBe(false);
  });

  it("leaves out a phone OpenLogi would refuse, warns, and says it could not be converted", () => {
    const { recipient, notices, phoneNotConverted } = toOpenLogiRecipient(buildMailingAddress({ phone: "+1 415-555-0100" }));
    expect(recipient).not.toHaveProperty("phone");
    expect(notices).toEqual([{ code: "phone_not_converted", actionRequired: false, params: { phone: "+1 415-555-0100" } }]);
    expect(phoneNotConverted).toBe(true);
  });

  it("puts a space between a romaji city and the street", () => {
    const { recipient } = toOpenLogiRecipient(buildMailingAddress({ city: "Chiyoda-ku", address1: "Chiyoda 1-1" }));
    expect(recipient).toMatchObject({ address1: "Chiyoda-ku Chiyoda 1-1" });
  });

  it("takes an address with no country as Japanese", () => {
    const { recipient } = toOpenLogiRecipient(buildMailingAddress({ countryCode: null }));
    expect(recipient).toHaveProperty("prefecture", "東京都");
  });
});

describe("toOpenLogiRecipient for an address abroad", () => {
  const abroad = buildMailingAddress({
    firstName: "Jane", lastName: "Doe", company: "Acme", countryCode: "us", province: "Texas", provinceCode: "TX",
    city: "Austin", address1: "100 Congress Ave", address2: "Floor 5", zip: "78701", phone: "+1 512-555-0100",
  });

  it("builds an InternationalAddress with the given name first and the state beside the city", () => {
    expect(toOpenLogiRecipient(abroad)).toEqual({
      recipient: {
        region_code: "US", postcode: "78701", city: "Austin, Texas", address: "100 Congress Ave Floor 5", name: "Jane Doe", phone: "+1 512-555-0100",
      },
      notices: [],
      invalid: [],
      phoneNotConverted: false,
    });
  });

  it("uses --- for a missing postcode and a missing phone", () => {
    const { recipient, notices, phoneNotConverted } = toOpenLogiRecipient({ ...abroad, countryCode: "HK", zip: null, phone: null, province: null });
    expect(recipient).toMatchObject({ region_code: "HK", postcode: "---", phone: "---", city: "Austin" });
    expect(notices).toEqual([]);
    expect(phoneNotConverted).toBe(false);
  });

  it("warns about a phone too long for OpenLogi", () => {
    const phone = `+1 ${"5".repeat(45)}`;
    const { recipient, notices, phoneNotConverted } = toOpenLogiRecipient({ ...abroad, phone });
    expect(recipient).toMatchObject({ phone: "---" });
    expect(notices).toEqual([{ code: "phone_not_converted", actionRequired: false, params: { phone } }]);
    expect(phoneNotConverted).toBe(true);
  });

  it("cuts the address to 255 characters and warns", () => {
    const { recipient, notices } = toOpenLogiRecipient({ ...abroad, address1: "x".repeat(300) });
    expect(recipient).toMatchObject({ address: "x".repeat(255) });
    expect(notices.map((n) => [n.code, n.params?.field])).toEqual([["address_truncated", "address"]]);
  });

  it("reports a missing city and street as invalid", () => {
    const { invalid } = toOpenLogiRecipient({ ...abroad, city: null, province: null, address1: null, address2: null });
    expect(invalid).toEqual(["city", "address"]);
  });
});
