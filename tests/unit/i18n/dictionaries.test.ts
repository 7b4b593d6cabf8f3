import { HISTORY_OUTCOMES, OUTCOME_GROUPS } from "../../../app/history/outcome-group";
import { DICTIONARIES, hasText, resolveLocale, translate, type Locale } from "../../../app/i18n";
import { HISTORY_ACTIONS } from "../../../app/models/sync-history.server";
import { NOTICE_CODES, SHIPMENT_STATUSES } from "../../../app/sync/types";

/** Every dot path to a string in a dictionary. */
function paths(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => paths(value, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const LOCALES: Locale[] = ["ja", "en"];

describe("the dictionaries", () => {
  it("have the same keys in Japanese and English", () => {
    expect(paths(DICTIONARIES.ja).sort()).toEqual(paths(DICTIONARIES.en).sort());
  });

  it("fill the same placeholders in both languages", () => {
    for (const path of paths(DICTIONARIES.ja)) {
      expect(placeholders(translate("ja", path)), path).toEqual(placeholders(translate("en", path)));
    }
  });

  it.each(LOCALES)("word every outcome the history can record, with what to do, in %s", (locale) => {
    const missing = HISTORY_OUTCOMES.flatMap((outcome) =>
      [`outcome.${outcome}.label`, `outcome.${outcome}.explanation`].filter((key) => !hasText(locale, key)),
    );
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)("word every notice, OpenLogi status, action and outcome group in %s", (locale) => {
    const keys = [
      ...NOTICE_CODES.map((code) => `notice.${code}`),
      ...SHIPMENT_STATUSES.map((status) => `status.${status}`),
      ...HISTORY_ACTIONS.map((action) => `action.${action}`),
      ...OUTCOME_GROUPS.map((group) => `outcomeGroup.${group}`),
    ];
    expect(keys.filter((key) => !hasText(locale, key))).toEqual([]);
  });

  it("hold no word for a code the app does not have", () => {
    const known = new Set<string>(HISTORY_OUTCOMES);
    expect(Object.keys(DICTIONARIES.ja.outcome).filter((code) => !known.has(code))).toEqual([]);
    expect(Object.keys(DICTIONARIES.ja.notice).filter((code) => !(NOTICE_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});

describe("translate", () => {
  it("fills placeholders and leaves an unknown one as written", () => {
    expect(translate("en", "notice.removed_items_may_ship", { codes: "MUG-WHITE" })).toBe("Removed items (MUG-WHITE) may ship.");
    expect(translate("ja", "notice.removed_items_may_ship")).toBe("削除された商品（{codes}）が出荷される可能性があります。");
  });

  it("uses OpenLogi's own names for its statuses in Japanese", () => {
    expect(translate("ja", "status.packed")).toBe("梱包済");
    expect(translate("en", "status.packed")).toBe("Packed");
  });
});

describe("resolveLocale", () => {
  it.each([
    ["ja", "ja"],
    ["ja-JP", "ja"],
    ["JA", "ja"],
    ["en-US", "en"],
    ["fr", "en"],
    [null, "en"],
    ["", "en"],
  ] as const)("takes %j as %s", (value, locale) => {
    expect(resolveLocale(value)).toBe(locale);
  });
});
