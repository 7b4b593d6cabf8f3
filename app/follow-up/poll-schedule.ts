/**
 * When the follow-up looks at a pending billable request again. Often at first (the
 * warehouse often answers within the hour), then less often as the request ages, and soon
 * after each of the warehouse's data imports (9:00 and 12:30 JST on business days), when
 * a request is most likely to have been dealt with. Pure: the clock is an input.
 */
import { nextCutoff } from "../forecast/warehouse-calendar";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The first look, after the request was sent. */
export const FIRST_CHECK_MS = 10 * MINUTE;
/** How long after an import the warehouse's answer shows in the API. */
export const AFTER_IMPORT_MS = 15 * MINUTE;
/** A request still pending this long after it was sent is given up as "no answer". */
export const GIVE_UP_AFTER_MS = 30 * DAY;

/** Up to each age, the wait between looks. */
const INTERVALS: readonly { untilAge: number; every: number }[] = [
  { untilAge: HOUR, every: 10 * MINUTE },
  { untilAge: 6 * HOUR, every: 30 * MINUTE },
  { untilAge: DAY, every: 2 * HOUR },
  { untilAge: 7 * DAY, every: 6 * HOUR },
  { untilAge: GIVE_UP_AFTER_MS, every: DAY },
];

/**
 * The next look after one at `now` found the request sent at `sentAt` still pending, or null
 * when it is time to give up.
 */
export function nextCheckAt(sentAt: Date, now: Date): Date | null {
  const age = now.getTime() - sentAt.getTime();
  if (age >= GIVE_UP_AFTER_MS) return null;
  const every = INTERVALS.find((step) => age < step.untilAge)?.every ?? DAY;
  const byAge = now.getTime() + every;
  // The first import whose answer shows after now: one at 9:00 is still looked for at 9:05.
  const afterImport = nextCutoff(new Date(now.getTime() - AFTER_IMPORT_MS)).getTime() + AFTER_IMPORT_MS;
  return new Date(Math.min(byAge, afterImport, sentAt.getTime() + GIVE_UP_AFTER_MS));
}
