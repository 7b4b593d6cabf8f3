import { Badge, InlineStack } from "@shopify/polaris";
import { outcomeBadge, statusName } from "../../history/outcome-words";
import { useI18n } from "../../i18n/i18n-context";

/** The outcome's label in its tone, and "Action required" beside it when staff must act. */
export function OutcomeBadge({ outcome, actionRequired }: { outcome: string; actionRequired: boolean }) {
  const { t, locale } = useI18n();
  const badge = outcomeBadge(locale, outcome);
  return (
    <InlineStack gap="100" wrap={false}>
      <Badge tone={badge.tone}>{badge.label}</Badge>
      {actionRequired && <Badge tone="critical">{t("history.actionRequiredBadge")}</Badge>}
    </InlineStack>
  );
}

/** OpenLogi's status in its own (Japanese or English) name; a status the app does not know, as "unknown status". */
export function useStatusName(): (status: string | null) => string {
  const { locale } = useI18n();
  return (status) => statusName(locale, status);
}
