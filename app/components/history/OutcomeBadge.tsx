import { Badge, InlineStack } from "@shopify/polaris";
import { HISTORY_OUTCOMES, outcomeTone, type HistoryOutcome } from "../../history/outcome-group";
import { hasText } from "../../i18n";
import { useI18n } from "../../i18n/i18n-context";

/** The outcome's label in its tone, and "Action required" beside it when staff must act. */
export function OutcomeBadge({ outcome, actionRequired }: { outcome: string; actionRequired: boolean }) {
  const { t, locale } = useI18n();
  const known = (HISTORY_OUTCOMES as readonly string[]).includes(outcome);
  return (
    <InlineStack gap="100" wrap={false}>
      <Badge tone={known ? outcomeTone(outcome as HistoryOutcome, false) : undefined}>
        {hasText(locale, `outcome.${outcome}.label`) ? t(`outcome.${outcome}.label`) : outcome}
      </Badge>
      {actionRequired && <Badge tone="critical">{t("history.actionRequiredBadge")}</Badge>}
    </InlineStack>
  );
}

/** OpenLogi's status in its own (Japanese or English) name; a status the app does not know, as sent. */
export function useStatusName(): (status: string | null) => string {
  const { t, locale } = useI18n();
  return (status) => (status === null ? t("common.none") : hasText(locale, `status.${status}`) ? t(`status.${status}`) : status);
}
