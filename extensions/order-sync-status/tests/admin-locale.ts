/**
 * The admin's i18n as Shopify gives it to the block: translate() reads the extension's own
 * locale file for the user's language, fills `{{name}}` and picks `one`/`other` by `count`
 * (Intl.PluralRules); formatDate() is Intl's. Stricter than the mock it replaces: a missing
 * key or an unfilled placeholder throws, so a word the block asks for must exist.
 */
import en from "../locales/en.default.json";
import ja from "../locales/ja.json";

export type Language = "en" | "ja";
const FILES = { en, ja };
export const INTL_LOCALE: Record<Language, string> = { en: "en-US", ja: "ja-JP" };

type Node = string | { [key: string]: Node };

export function adminI18n(language: Language) {
  const pluralRules = new Intl.PluralRules(INTL_LOCALE[language]);
  return {
    translate(key: string, options: Record<string, string | number> = {}): string {
      let node: Node | undefined = FILES[language] as Node;
      for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
      if (node !== undefined && typeof node === "object" && typeof options.count === "number") {
        node = node[pluralRules.select(options.count)] ?? node.other;
      }
      if (typeof node !== "string") throw new Error(`no ${language} text at ${key}`);
      return node.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
        if (!(name in options)) throw new Error(`${key} needs {{${name}}}`);
        return String(options[name]);
      });
    },
    formatDate(date: Date, options: Intl.DateTimeFormatOptions = {}): string {
      return new Intl.DateTimeFormat(INTL_LOCALE[language], { ...options, timeZone: "UTC" }).format(date);
    },
  };
}
