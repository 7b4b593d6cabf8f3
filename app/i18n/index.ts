/**
 * Everything a person reads, in Japanese and English: one dictionary per language with the
 * same keys (tests/unit/i18n checks both against each other and against every outcome,
 * notice and OpenLogi status the app can record).
 */
import en from "./en.json";
import ja from "./ja.json";

export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type Dictionary = typeof ja;

export const DICTIONARIES: Record<Locale, Dictionary> = { ja, en };

/** The admin's language, e.g. `ja-JP` or `en`: Japanese for `ja*`, English otherwise. */
export function resolveLocale(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith("ja") ? "ja" : "en";
}

export type Params = Record<string, string | number>;

/**
 * The text at a dot path, e.g. "outcome.deleted.label", with `{name}` filled from params.
 * A key that is missing in one language falls back to the other, never to the raw key
 * unless both lack it (which the dictionary tests forbid).
 */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const text = lookup(DICTIONARIES[locale], key) ?? lookup(DICTIONARIES[locale === "ja" ? "en" : "ja"], key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the dictionary has text at the path. */
export function hasText(locale: Locale, key: string): boolean {
  return lookup(DICTIONARIES[locale], key) !== undefined;
}

function lookup(dictionary: unknown, key: string): string | undefined {
  let node: unknown = dictionary;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}
