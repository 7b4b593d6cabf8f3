import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { useI18n } from "../../i18n/i18n-context";
import { useStatusName } from "../history/OutcomeBadge";

interface Record {
  orderId: string;
  orderName: string | null;
  list: string;
  shipmentId: string | null;
  shipmentIdentifier: string | null;
  statusSeen: string | null;
  action: string;
  billable: boolean;
  attempts: number;
  startedAt: string;
  finishedAt: string;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="dt" tone="subdued" variant="bodySm">
        {label}
      </Text>
      <Text as="dd">{children}</Text>
    </BlockStack>
  );
}

/** The order (a link into the admin), the shipment and the status seen, the action. */
export function SummaryCard({ record }: { record: Record }) {
  const { t } = useI18n();
  const statusName = useStatusName();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("record.summary")}
        </Text>
        <dl>
          <BlockStack gap="300">
            <Row label={t("history.column.order")}>
              <Link url={`shopify://admin/orders/${record.orderId}`} target="_top">
                {record.orderName ?? record.orderId}
              </Link>
            </Row>
            <Row label={t("record.shipment")}>
              {record.shipmentId ?? t("common.none")}
              {record.shipmentIdentifier ? ` (${record.shipmentIdentifier})` : ""}
            </Row>
            <Row label={t("record.statusSeen")}>{statusName(record.statusSeen)}</Row>
            <Row label={t("record.action")}>
              {t(`action.${record.action}`)}
              {record.billable ? ` · ${t("history.billableBadge")}` : ""}
            </Row>
            <Row label={t("history.title")}>{t(`record.list.${record.list}`)}</Row>
          </BlockStack>
        </dl>
      </BlockStack>
    </Card>
  );
}

export function TimingCard({ record }: { record: Record }) {
  const { t, dateTime, number, seconds } = useI18n();
  const took = new Date(record.finishedAt).getTime() - new Date(record.startedAt).getTime();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("record.timing")}
        </Text>
        <InlineStack gap="600">
          <Row label={t("record.attempts")}>{number(record.attempts)}</Row>
          <Row label={t("record.duration")}>{seconds(Math.max(0, took))}</Row>
        </InlineStack>
        <Row label={t("record.started")}>{dateTime(record.startedAt)}</Row>
        <Row label={t("record.finished")}>{dateTime(record.finishedAt)}</Row>
      </BlockStack>
    </Card>
  );
}
