import { Badge, BlockStack, Box, IndexTable, Link, Text } from "@shopify/polaris";
import type { HistoryRow } from "../../models/history-queries.server";
import { useI18n } from "../../i18n/i18n-context";
import { OutcomeBadge, useStatusName } from "./OutcomeBadge";

interface Props {
  rows: HistoryRow[];
  hasOlder: boolean;
  hasNewer: boolean;
  onOlder: () => void;
  onNewer: () => void;
}

export function HistoryTable({ rows, hasOlder, hasNewer, onOlder, onNewer }: Props) {
  const { t, dateTime } = useI18n();
  const statusName = useStatusName();
  return (
    <IndexTable
      resourceName={{ singular: t("history.resource.singular"), plural: t("history.resource.plural") }}
      itemCount={rows.length}
      selectable={false}
      headings={[
        { title: t("history.column.order") },
        { title: t("history.column.time") },
        { title: t("history.column.shipment") },
        { title: t("history.column.status") },
        { title: t("history.column.action") },
        { title: t("history.column.billable") },
        { title: t("history.column.outcome") },
      ]}
      emptyState={
        <Box padding="800">
          <BlockStack gap="200" inlineAlign="center">
            <Text as="p" variant="headingMd">
              {t("history.empty.title")}
            </Text>
            <Text as="p" tone="subdued" alignment="center">
              {t("history.empty.text")}
            </Text>
          </BlockStack>
        </Box>
      }
      pagination={{ hasNext: hasOlder, onNext: onOlder, hasPrevious: hasNewer, onPrevious: onNewer }}
    >
      {rows.map((row, index) => (
        <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
          <IndexTable.Cell>
            <Link url={`/app/history/${row.id}`} dataPrimaryLink monochrome removeUnderline>
              <Text as="span" fontWeight="semibold">
                {row.orderName ?? row.orderId}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>{dateTime(row.createdAt)}</IndexTable.Cell>
          <IndexTable.Cell>{row.shipmentId ?? t("common.none")}</IndexTable.Cell>
          <IndexTable.Cell>{statusName(row.statusSeen)}</IndexTable.Cell>
          <IndexTable.Cell>{t(`action.${row.action}`)}</IndexTable.Cell>
          <IndexTable.Cell>{row.billable ? <Badge tone="info">{t("history.billableBadge")}</Badge> : t("common.none")}</IndexTable.Cell>
          <IndexTable.Cell>
            <OutcomeBadge outcome={row.outcome} actionRequired={row.actionRequired} />
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
