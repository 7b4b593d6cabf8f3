/**
 * A record's params (a notice's or the decision's) as words: codes become their names — a
 * recipient or amount field, a setting, an OpenLogi status — and cash-on-delivery amounts
 * are written as yen (the app compares them only on yen orders). Pure; other values pass
 * through as they were recorded (SKUs, item titles, names).
 */
import { INTL_LOCALE } from "./format";
import { hasText, translate, type Locale, type Params } from "./index";

const AMOUNTS: ReadonlySet<string> = new Set(["collected", "owed"]);

/** A field code's name: a recipient field, or an amount of the delivery note (`items.price`). */
function fieldName(locale: Locale, code: string): string {
  for (const key of [`record.field.${code}`, `record.amountField.${code.replace(/\./g, "_")}`]) {
    if (hasText(locale, key)) return translate(locale, key);
  }
  return code;
}

function amount(locale: Locale, value: string | number): string {
  const number = typeof value === "number" ? value : value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(number)) return translate(locale, "common.none");
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency: "JPY" }).format(number);
}

export function localizeParams(locale: Locale, params: Params | undefined): Params {
  const words: Params = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (AMOUNTS.has(name)) words[name] = amount(locale, value);
    else if (name === "fields" && typeof value === "string") {
      words[name] = value
        .split(",")
        .map((code) => fieldName(locale, code.trim()))
        .join(translate(locale, "common.listSeparator"));
    } else if (name === "field" && typeof value === "string") words[name] = fieldName(locale, value);
    else if (name === "setting" && hasText(locale, `settings.field.${value}.label`)) words[name] = translate(locale, `settings.field.${value}.label`);
    else if (name === "status" && hasText(locale, `status.${value}`)) words[name] = translate(locale, `status.${value}`);
    else words[name] = value;
  }
  return words;
}
