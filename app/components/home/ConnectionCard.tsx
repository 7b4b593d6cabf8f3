import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { ShopStatus } from "../../models/settings.server";
import { useI18n } from "../../i18n/i18n-context";

const TONE = { not_set_up: "attention", connected: "success", broken: "critical" } as const;

/** not set up / connected / broken, with OpenLogi's reason and since when. */
export function ConnectionCard({ status }: { status: ShopStatus | null }) {
  const { t, dateTime } = useI18n();
  const connection = status?.connection ?? "not_set_up";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("home.connection.title")}
          </Text>
          <Badge tone={TONE[connection]}>{t(`home.connection.state.${connection}`)}</Badge>
        </InlineStack>
        {connection === "not_set_up" && <Text as="p">{t("home.connection.notSetUp")}</Text>}
        {connection === "connected" && status && (
          <Text as="p">
            {t("home.connection.connected", {
              account: status.accountCode ?? "",
              environment: t(`common.environment.${status.environment}`),
            })}
          </Text>
        )}
        {connection === "broken" && status && (
          <BlockStack gap="100">
            <Text as="p">
              {t("home.connection.broken", { date: status.connectionErrorAt ? dateTime(status.connectionErrorAt) : "" })}
            </Text>
            <Text as="p" tone="critical">
              {t("home.connection.reason", { reason: status.connectionError ?? "" })}
            </Text>
          </BlockStack>
        )}
        <InlineStack>
          <Button url="/app/settings">{t("home.connection.manage")}</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
