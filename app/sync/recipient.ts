/**
 * Shopify `MailingAddress` → OpenLogi recipient (SPEC.md "Recipient mapping").
 * Limits come from the contract: `Recipient` caps a domestic name at 15 and a company
 * at 16 characters, `Address` caps address1/address2 at 64 and wants a 10–13 character
 * phone; `InternationalAddress` requires every field, phone included.
 */
import { findPrefecture } from "./prefectures";
import type {
  DomesticAddress,
  InternationalAddress,
  MailingAddressSnapshot,
  Notice,
  NoticeCode,
  OpenLogiRecipient,
} from "./types";

/** A required recipient field the address could not fill. */
export type InvalidRecipientField =
  | "name"
  | "postcode"
  | "prefecture"
  | "address1"
  | "region_code"
  | "city"
  | "address";

/** The mapped recipient, the warnings it raised, and the required fields it could not fill. */
export interface RecipientMapping {
  recipient: OpenLogiRecipient;
  notices: Notice[];
  /** Non-empty when the recipient would fail OpenLogi's validation: do not send it. */
  invalid: InvalidRecipientField[];
  /**
   * The order has a phone that cannot be an OpenLogi phone. SPEC.md: what the mapping cannot
   * produce is not a difference — the shipment keeps its own phone. (An order without a phone
   * simply has none: that is the mapping's answer, not a gap.)
   */
  phoneNotConverted: boolean;
}

const LIMITS = { name: 15, company: 16, address: 64 } as const;
const INTERNATIONAL_LIMITS = { name: 255, postcode: 10, city: 100, address: 255, phone: 40 } as const;
/** SPEC.md allows `---` for a missing international postcode; used for a missing phone too. */
const PLACEHOLDER = "---";

/** Maps a Shopify address; an address with no country is taken as Japanese (the shop's). */
export function toOpenLogiRecipient(address: MailingAddressSnapshot): RecipientMapping {
  const country = clean(address.countryCode).toUpperCase();
  return country === "" || country === "JP" ? toDomestic(address) : toInternational(address, country);
}

function toDomestic(address: MailingAddressSnapshot): RecipientMapping {
  const notices: Notice[] = [];
  const invalid: InvalidRecipientField[] = [];
  const cut = (field: string, value: string, max: number, code: NoticeCode) => {
    const kept = truncate(value, max);
    if (kept !== value) notices.push({ code, actionRequired: false, params: { field, full: value, kept } });
    return kept;
  };

  // Family name first, as Japanese labels are written.
  const fullName = joinNonEmpty([address.lastName, address.firstName], " ") || clean(address.name);
  if (fullName === "") invalid.push("name");
  const postcode = toPostcode(address.zip);
  if (postcode === null) invalid.push("postcode");
  const prefecture = findPrefecture(address.provinceCode, address.province);
  if (prefecture === null) {
    invalid.push("prefecture");
    notices.push({
      code: "prefecture_unknown",
      actionRequired: true,
      params: { province: clean(address.province), provinceCode: clean(address.provinceCode) },
    });
  }
  const street = joinCityAndStreet(clean(address.city), clean(address.address1));
  if (street === "") invalid.push("address1");

  const recipient: DomesticAddress = {
    name: cut("name", fullName, LIMITS.name, "name_truncated"),
    postcode: postcode ?? clean(address.zip),
    prefecture: prefecture?.name ?? "",
    address1: cut("address1", street, LIMITS.address, "address_truncated"),
  };
  const address2 = clean(address.address2);
  if (address2 !== "") recipient.address2 = cut("address2", address2, LIMITS.address, "address_truncated");
  const company = clean(address.company);
  if (company !== "") recipient.company = cut("company", company, LIMITS.company, "company_truncated");
  const rawPhone = clean(address.phone);
  const phone = toDomesticPhone(rawPhone);
  if (phone !== null) recipient.phone = phone;
  const phoneNotConverted = phone === null && rawPhone !== "";
  if (phoneNotConverted) notices.push({ code: "phone_not_converted", actionRequired: false, params: { phone: rawPhone } });
  return { recipient, notices, invalid, phoneNotConverted };
}

function toInternational(address: MailingAddressSnapshot, country: string): RecipientMapping {
  const notices: Notice[] = [];
  const invalid: InvalidRecipientField[] = [];
  const cut = (field: string, value: string, max: number) => {
    const kept = truncate(value, max);
    const code: NoticeCode = field === "name" ? "name_truncated" : "address_truncated";
    if (kept !== value) notices.push({ code, actionRequired: false, params: { field, full: value, kept } });
    return kept;
  };

  if (!/^[A-Z][A-Z]$/.test(country)) invalid.push("region_code");
  // Given name first outside Japan.
  const name = joinNonEmpty([address.firstName, address.lastName], " ") || clean(address.name);
  if (name === "") invalid.push("name");
  // InternationalAddress has no state field; carriers read it beside the city ("Austin, Texas").
  const city = joinNonEmpty([address.city, address.province], ", ");
  if (city === "") invalid.push("city");
  const street = joinNonEmpty([address.address1, address.address2], " ");
  if (street === "") invalid.push("address");

  let phone = clean(address.phone).normalize("NFKC");
  const phoneNotConverted = phone.length > INTERNATIONAL_LIMITS.phone;
  if (phoneNotConverted) notices.push({ code: "phone_not_converted", actionRequired: false, params: { phone } });
  // InternationalAddress requires a phone and a postcode: `---` says there is none.
  if (phone === "" || phoneNotConverted) phone = PLACEHOLDER;
  const recipient: InternationalAddress = {
    region_code: country,
    postcode: cut("postcode", clean(address.zip) || PLACEHOLDER, INTERNATIONAL_LIMITS.postcode),
    city: cut("city", city, INTERNATIONAL_LIMITS.city),
    address: cut("address", street, INTERNATIONAL_LIMITS.address),
    name: cut("name", name, INTERNATIONAL_LIMITS.name),
    phone,
  };
  return { recipient, notices, invalid, phoneNotConverted };
}

/** "１００−０００１", "〒100-0001", "1000001" → "100-0001"; null unless exactly 7 digits. */
export function toPostcode(zip: string | null | undefined): string | null {
  const digits = clean(zip).normalize("NFKC").replace(/\D/g, "");
  return digits.length === 7 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : null;
}

/**
 * A phone as OpenLogi's `Address.phone` takes it: domestic, starting with 0, 10–13 digits
 * and 10–13 characters (the contract's minLength/maxLength count the hyphens).
 * "+81 90-1234-5678" → "090-1234-5678", "+81312345678" → "0312345678"; null when it cannot fit.
 */
export function toDomesticPhone(phone: string | null | undefined): string | null {
  let value = clean(phone)
    .normalize("NFKC")
    .replace(/[‐‑‒–—―−ー]/g, "-")
    .replace(/\(0\)/g, "");
  if (value.startsWith("+")) {
    if (!value.startsWith("+81")) return null;
    value = `0${value.slice(3).replace(/^[\s().-]*0?/, "")}`;
  }
  value = value.replace(/[\s().-]+/g, "-").replace(/^-+|-+$/g, "");
  if (!/^0[\d-]*$/.test(value)) return null;
  const digits = value.replace(/-/g, "");
  if (digits.length < 10 || digits.length > 13) return null;
  // Keep the hyphens when they fit; otherwise the bare digits still do.
  return value.length <= 13 ? value : digits;
}

/** Shopify puts the ward/city in `city` and the block in `address1`; OpenLogi wants both in address1. */
function joinCityAndStreet(city: string, street: string): string {
  // Japanese script needs no space; a romaji city ("Chiyoda-ku") does.
  const separator = /[A-Za-z]$/.test(city) && street !== "" ? " " : "";
  return `${city}${separator}${street}`;
}

function joinNonEmpty(parts: (string | null | undefined)[], separator: string): string {
  return parts.map(clean).filter((part) => part !== "").join(separator);
}

function clean(value: string | null | undefined): string {
  return (value ?? "").trim();
}

/** Cuts by code point, as JSON Schema's maxLength counts, so a surrogate pair is never split. */
function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join("");
}
