/**
 * OpenLogi's warehouse day: shipment data is imported at 9:00 and 12:30 Japan time on business
 * days (weekdays that are not Japanese public holidays). A change that reaches OpenLogi after a
 * cut-off may already be in the warehouse's work for that import. Pure: the clock is an input.
 */
import holidayJp from "@holiday-jp/holiday_jp";

/** Where the warehouse is: the pages show cut-offs in this zone, whatever the shop's. */
export const WAREHOUSE_TIME_ZONE = "Asia/Tokyo";

/** Japan has had no summer time since 1952: JST is UTC+9 all year. */
const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** The imports, as minutes after midnight JST. */
export const CUTOFFS_JST = [9 * 60, 12 * 60 + 30] as const;

/** YYYY-MM-DD of the Japanese calendar day that contains `ms` (epoch milliseconds). */
export function jstDate(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Monday to Friday, minus the public holidays (振替休日 and 国民の休日 included) of the
 * holiday_jp data set, which the Cabinet Office's list is kept in step with.
 */
export function isBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !(date in holidayJp.holidays);
}

/** The first cut-off strictly after `now`: one exactly at 9:00 has already passed. */
export function nextCutoff(now: Date): Date {
  return cutoffAtOrAfter(now.getTime() + 1);
}

/** The first cut-off at `ms` or later. */
export function cutoffAtOrAfter(ms: number): Date {
  const day = jstDate(ms);
  // Midnight JST of that day, as an instant.
  let midnight = Date.parse(`${day}T00:00:00Z`) - JST_OFFSET_MS;
  // A year's worth of days is far more than the longest run of closed days (Golden Week, New Year).
  for (let i = 0; i < 366; i++, midnight += DAY_MS) {
    if (!isBusinessDay(jstDate(midnight))) continue;
    for (const minutes of CUTOFFS_JST) {
      const cutoff = midnight + minutes * 60_000;
      if (cutoff >= ms) return new Date(cutoff);
    }
  }
  throw new Error(`No business day within a year of ${new Date(ms).toISOString()}`);
}
