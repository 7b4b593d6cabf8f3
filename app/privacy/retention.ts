/** How long personal data is kept: a pure function of the clock and the setting. */

const DAY_MS = 86_400_000;

/** Payloads received and records written before this instant lose their personal data. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}
