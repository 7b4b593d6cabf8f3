/**
 * The admin user's language and the shop's time zone for every component below the app
 * layout, which reads both once per document load (app/routes/app.tsx).
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatDateTime, formatDay, formatDuration, formatNumber, formatSeconds } from "./format";
import { translate, type Locale, type Params } from "./index";

export interface I18n {
  locale: Locale;
  timeZone: string;
  t(key: string, params?: Params): string;
  dateTime(value: string | Date): string;
  /** A calendar date, YYYY-MM-DD. */
  day(date: string): string;
  number(value: number): string;
  duration(ms: number): string;
  seconds(ms: number): string;
}

function createI18n(locale: Locale, timeZone: string): I18n {
  return {
    locale,
    timeZone,
    t: (key, params) => translate(locale, key, params),
    dateTime: (value) => formatDateTime(locale, timeZone, value),
    day: (date) => formatDay(locale, date),
    number: (value) => formatNumber(locale, value),
    duration: (ms) => formatDuration(locale, ms),
    seconds: (ms) => formatSeconds(locale, ms),
  };
}

const I18nContext = createContext<I18n>(createI18n("en", "UTC"));

export function I18nProvider({ locale, timeZone, children }: { locale: Locale; timeZone: string; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale, timeZone), [locale, timeZone]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
