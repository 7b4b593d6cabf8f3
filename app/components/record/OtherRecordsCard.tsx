import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import type { HistoryRow } from "../../models/history-queries.server";
import { useI18n } from "../../i18n/i18n-context";
import { OutcomeBadge } from "../history/OutcomeBadge";

export function OtherRecordsCard({ records }: { records: HistoryRow[] }) {
  const { t, dateTime } = useI18n();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("record.otherRecords")}
        </Text>
        {records.length === 0 && (
          <Text as="p" tone="subdued">
            {t("record.noOtherRecords")}
          </Text>
        )}
        {records.map((row) => (
          <InlineStack key={row.id} gap="300" blockAlign="center" wrap={false}>
            <Link url={`/app/history/${row.id}`}>{dateTime(row.createdAt)}</Link>
            <OutcomeBadge outcome={row.outcome} actionRequired={row.actionRequired} />
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
