import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { RequestResult } from "../../follow-up/settle-request";
import { useI18n } from "../../i18n/i18n-context";
import { useStatusName } from "../history/OutcomeBadge";

interface Props {
  record: {
    billable: boolean;
    action: string;
    requestResult: string | null;
    requestResultStatus: string | null;
    requestResultAt: string | null;
  };
}

const TONE: Record<RequestResult, "success" | "warning" | "critical" | "info"> = {
  cancelled: "success",
  modified: "success",
  not_carried_out: "critical",
  shipment_gone: "warning",
  superseded: "info",
  unverifiable: "info",
  no_answer: "warning",
};

/** A billable request's final result and when the follow-up saw it, or that the app is still waiting for it. */
export function RequestResultCard({ record }: Props) {
  const { t, dateTime } = useI18n();
  const statusName = useStatusName();
  const request = record.action === "cancel_request" || record.action === "modify_request";
  if (!record.billable || !request) return null;
  const result = record.requestResult;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("record.requestResult.title")}
          </Text>
          {result && <Badge tone={TONE[result as RequestResult]}>{t(`requestResult.${result}`)}</Badge>}
        </InlineStack>
        <Text as="p">{result ? t(`record.requestResult.${result}`, { status: statusName(record.requestResultStatus) }) : t("record.requestResult.pending")}</Text>
        {result && record.requestResultAt && (
          <Text as="p" tone="subdued">
            {t("record.requestResult.seen", { at: dateTime(record.requestResultAt) })}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
