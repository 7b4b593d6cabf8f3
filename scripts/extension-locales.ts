/**
 * The order page block's locale files, made from the app's dictionaries (app/i18n): one source
 * of words. The block's own words are the "orderBlock" section; outcome labels and OpenLogi
 * status names are the history's. Shopify's translate() fills `{{name}}` where app/i18n
 * writes `{name}`, and picks `one`/`other` by `count` as app/i18n's plural keys are named.
 * `npm run locales:extension` writes them; tests/unit/i18n/extension-locales.test.ts fails
 * when they are stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DICTIONARIES, type Locale } from "../app/i18n";

export const EXTENSION_LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../extensions/order-sync-status/locales");

/** English is the block's default locale, as Shopify names it. */
export const EXTENSION_LOCALE_FILES: Record<Locale, string> = { en: "en.default.json", ja: "ja.json" };

type Words = { [key: string]: string | Words };

export function extensionLocale(locale: Locale): Words {
  const dictionary = DICTIONARIES[locale];
  const { name, ...block } = dictionary.orderBlock;
  return {
    name,
    block: shopifyPlaceholders(block),
    outcome: Object.fromEntries(Object.entries(dictionary.outcome).map(([code, words]) => [code, shopifyPlaceholders(words.label)])),
    status: dictionary.status,
  };
}

/** The files' text, as written: two-space JSON and a final newline. */
export function extensionLocaleFiles(): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(EXTENSION_LOCALE_FILES) as Locale[]).map((locale) => [
      EXTENSION_LOCALE_FILES[locale],
      `${JSON.stringify(extensionLocale(locale), null, 2)}\n`,
    ]),
  );
}

function shopifyPlaceholders<T extends string | Words>(words: T): T {
  if (typeof words === "string") return words.replace(/\{(\w+)\}/g, "{{$1}}") as T;
  return Object.fromEntries(Object.entries(words).map(([key, value]) => [key, shopifyPlaceholders(value)])) as T;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, text] of Object.entries(extensionLocaleFiles())) writeFileSync(path.join(EXTENSION_LOCALES_DIR, file), text);
}
