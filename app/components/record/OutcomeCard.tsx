import { Banner, BlockStack, Button, Card, InlineStack, Link, List, Text } from "@shopify/polaris";
import type { RecordDetails } from "../../history/record-details";
import { isUnfinished } from "../../history/retry-jobs";
import { hasText } from "../../i18n";
import { localizeParams } from "../../i18n/params";
import { useI18n } from "../../i18n/i18n-context";
import { OutcomeBadge, useStatusName } from "../history/OutcomeBadge";

interface Props {
  record: { id: number; list: string; outcome: string; actionRequired: boolean; message: string | null; retryOfId: number | null };
  details: RecordDetails;
  retryable: boolean;
  retries: number[];
  retryJob: { id: number; status: string } | null;
  retrying: boolean;
  onRetry: () => void;
}

/**
 * The outcome in a sentence with what to do next, notices and Retry. Only OpenLogi's own
 * answer (a refusal's body) is shown as OpenLogi's message; a call that failed without one is
 * said in the app's words, and the app's own English note is labelled as such.
 */
export function OutcomeCard({ record, details, retryable, retries, retryJob, retrying, onRetry }: Props) {
  const { t, locale } = useI18n();
  // A notice whose quoted values were removed for privacy says so in their place.
  const removed = t("record.removed");
  const removedValues = { full: removed, kept: removed, phone: removed, province: removed };
  const statusName = useStatusName();
  const explanationKey = `outcome.${record.outcome}.explanation`;
  const { openlogi, openlogiFailure } = details;
  const detailKey = `record.detail.${record.outcome}`;
  const hasDetail = Object.keys(details.params).length > 0 && hasText(locale, detailKey);
  const waiting = retryJob !== null && isUnfinished(retryJob.status);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("record.whatNext")}
          </Text>
          <OutcomeBadge outcome={record.outcome} actionRequired={record.actionRequired} />
        </InlineStack>
        <Text as="p" variant="bodyLg">
          {hasText(locale, explanationKey) ? t(explanationKey) : record.outcome}
        </Text>
        {hasDetail && <Text as="p">{t(detailKey, localizeParams(locale, details.params))}</Text>}
        {openlogiFailure && (
          <Text as="p" tone="critical">
            {t(`record.openlogiFailure.${openlogiFailure.kind}`, { status: openlogiFailure.status ?? "" })}
          </Text>
        )}
        {details.notices.length > 0 && (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("record.notices")}
            </Text>
            <List>
              {details.notices.map((notice, index) => (
                <List.Item key={`${notice.code}-${index}`}>
                  <Text as="span" tone={notice.actionRequired ? "critical" : undefined}>
                    {t(`notice.${notice.code}`, { ...removedValues, ...localizeParams(locale, notice.params) })}
                  </Text>
                </List.Item>
              ))}
            </List>
          </BlockStack>
        )}
        {openlogi && (
          <Banner tone="critical" title={t("record.openlogiError")}>
            <BlockStack gap="100">
              {[openlogi.error, openlogi.errorDescription].filter(Boolean).map((line) => (
                <Text as="p" key={line}>
                  {line}
                </Text>
              ))}
              {Object.entries(openlogi.errors ?? {}).map(([field, message]) => (
                <Text as="p" key={field}>
                  {field}: {message}
                </Text>
              ))}
            </BlockStack>
          </Banner>
        )}
        {details.redecidedFrom && <Text as="p">{t("record.redecided", { status: statusName(details.redecidedFrom) })}</Text>}
        {record.message && !openlogi && (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("record.message")}
            </Text>
            <Text as="p" tone="subdued" breakWord>
              {record.message}
            </Text>
          </BlockStack>
        )}
        {record.retryOfId !== null && (
          <Link url={`/app/history/${record.retryOfId}`}>{t("record.retryOf", { id: record.retryOfId })}</Link>
        )}
        {retries.map((id) => (
          <Link key={id} url={`/app/history/${id}`}>
            {t("record.retriedAs", { id })}
          </Link>
        ))}
        {retryable && retries.length === 0 && (
          <InlineStack gap="300" blockAlign="center">
            <Button variant="primary" onClick={onRetry} loading={retrying} disabled={waiting}>
              {t("record.retry")}
            </Button>
            <Text as="span" tone="subdued">
              {waiting ? t("record.retryWaiting") : t("record.retryHelp")}
            </Text>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}
