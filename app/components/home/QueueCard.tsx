import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { QueueStats } from "../../models/queue-stats.server";
import { useI18n } from "../../i18n/i18n-context";

export function QueueCard({ queue }: { queue: QueueStats }) {
  const { t, number, duration } = useI18n();
  const figures = [
    { key: "pending", value: queue.pending },
    { key: "running", value: queue.running },
    { key: "failed", value: queue.failed },
  ] as const;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("home.queue.title")}
        </Text>
        <InlineGrid columns={3} gap="200">
          {figures.map(({ key, value }) => (
            <BlockStack key={key} gap="100">
              <Text as="p" tone="subdued">
                {t(`home.queue.${key}`)}
              </Text>
              <Text as="p" variant="headingLg" tone={key === "failed" && value > 0 ? "critical" : undefined}>
                {number(value)}
              </Text>
            </BlockStack>
          ))}
        </InlineGrid>
        <Text as="p" tone="subdued">
          {queue.oldestPendingAgeMs === null
            ? t("home.queue.nothingWaiting")
            : t("home.queue.oldest", { age: duration(queue.oldestPendingAgeMs) })}
        </Text>
      </BlockStack>
    </Card>
  );
}
