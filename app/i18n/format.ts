/**
 * Dates, numbers and durations for people, through Intl, in the admin user's language and
 * the shop's time zone. Pure: the same text on the server and in the browser, so a
 * server-rendered page hydrates without a mismatch.
 */
import type { Locale } from "./index";

/** The BCP 47 tag Intl formats with for each dictionary language. */
export const INTL_LOCALE: Record<Locale, string> = { ja: "ja-JP", en: "en-US" };

/** Used until the shop's own zone is known (shops seeded without the Admin API, tests). */
export const FALLBACK_TIME_ZONE = "UTC";

/** A time zone Intl knows, or the fallback: a stored value must never break a page. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return FALLBACK_TIME_ZONE;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

/** "2026/11/22 10:05" in Japanese, "Nov 22, 2026, 10:05 AM" in English. */
export function formatDateTime(locale: Locale, timeZone: string, value: string | Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(value));
}

/** A calendar date written YYYY-MM-DD (a day in the shop's zone already): "2026/11/22", "Nov 22, 2026". */
export function formatDay(locale: Locale, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}

const UNITS = [
  { unit: "day", ms: 86_400_000 },
  { unit: "hour", ms: 3_600_000 },
  { unit: "minute", ms: 60_000 },
  { unit: "second", ms: 1_000 },
] as const;

/** A duration in its largest whole unit: "3 minutes", "3分", "2 days". */
export function formatDuration(locale: Locale, ms: number): string {
  const { unit, ms: size } = UNITS.find((candidate) => ms >= candidate.ms) ?? UNITS[UNITS.length - 1];
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "unit", unit, unitDisplay: "long" }).format(
    Math.floor(ms / size),
  );
}

/** Milliseconds as seconds with one decimal, for attempt timings: "1.2 s", "1.2秒". */
export function formatSeconds(locale: Locale, ms: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: "unit",
    unit: "second",
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(ms / 1000);
}
