/**
 * Texts that quote a name the merchant must find elsewhere (a setting, an outcome, a button)
 * quote it exactly as the app shows it, so a search of the page finds it.
 */
import { DICTIONARIES, LOCALES, type Locale } from "../../../app/i18n";

/** Every string in a dictionary, with its dot path. */
function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const QUOTED: Record<Locale, RegExp> = { ja: /「([^」]+)」/g, en: /"([^"]+)"/g };
/** OpenLogi's own field names, shown by OpenLogi, not by the app. */
const OPENLOGI_NAMES: Record<Locale, string[]> = { ja: ["注文番号"], en: [] };
/** Words after a quoted name that make it a setting. */
const IS_A_SETTING: Record<Locale, RegExp> = { ja: /^(がオフ|がオン|をオン|をオフ)/, en: /^ (is off|is on|setting)/ };

const quotes = (locale: Locale) =>
  leaves(DICTIONARIES[locale]).flatMap(([path, text]) =>
    [...text.matchAll(QUOTED[locale])]
      .filter((match) => !/^\{\w+\}$/.test(match[1]))
      .map((match) => ({ path, name: match[1], after: text.slice(match.index + match[0].length) })),
  );

const settingLabels = (locale: Locale) =>
  Object.values((DICTIONARIES[locale] as unknown as { settings: { field: Record<string, { label?: string }> } }).settings.field).flatMap((field) =>
    field.label ? [field.label] : [],
  );

describe.each(LOCALES)("quoted names in %s", (locale) => {
  it("are words the app shows elsewhere, exactly", () => {
    const shown = new Set(leaves(DICTIONARIES[locale]).map(([, text]) => text));
    const unknown = quotes(locale).filter(({ name }) => !shown.has(name) && !OPENLOGI_NAMES[locale].includes(name));
    expect(unknown).toEqual([]);
  });

  it("name a setting by its label wherever they say it is on or off", () => {
    const labels = settingLabels(locale);
    const settings = quotes(locale).filter(({ after }) => IS_A_SETTING[locale].test(after));
    expect(settings.length).toBeGreaterThan(5);
    expect(settings.filter(({ name }) => !labels.includes(name))).toEqual([]);
  });
});

describe("Japanese spelling", () => {
  it("writes OpenLogi's status names and 出庫確定 as OpenLogi does, everywhere", () => {
    const variants = leaves(DICTIONARIES.ja).filter(([, text]) => /梱包済み|出荷済み|出荷確定/.test(text));
    expect(variants).toEqual([]);
  });
});
