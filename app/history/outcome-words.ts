/**
 * The words for an outcome or an OpenLogi status as the history shows them. A code the app
 * does not word (a newer app wrote it, or OpenLogi added a status) reads as words too, never as
 * the raw code, and in a neutral tone: the app cannot say whether it is good or bad.
 */
import { hasText, translate, type Locale } from "../i18n";
import { isHistoryOutcome, outcomeTone } from "./outcome-group";

export function outcomeBadge(locale: Locale, outcome: string): { label: string; tone: ReturnType<typeof outcomeTone> | undefined } {
  if (!isHistoryOutcome(outcome) || !hasText(locale, `outcome.${outcome}.label`)) {
    return { label: translate(locale, "orderBlock.line.otherOutcome"), tone: undefined };
  }
  return { label: translate(locale, `outcome.${outcome}.label`), tone: outcomeTone(outcome, false) };
}

export function statusName(locale: Locale, status: string | null): string {
  if (status === null) return translate(locale, "common.none");
  return hasText(locale, `status.${status}`) ? translate(locale, `status.${status}`) : translate(locale, "status.unknown");
}
