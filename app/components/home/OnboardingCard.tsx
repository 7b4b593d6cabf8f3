import { Badge, BlockStack, Box, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { ShopStatus } from "../../models/settings.server";
import { useI18n } from "../../i18n/i18n-context";

type Step = "connect" | "location" | "review";

const STEPS: { step: Step; url: string }[] = [
  { step: "connect", url: "/app/settings#connection" },
  { step: "location", url: "/app/settings#location" },
  { step: "review", url: "/app/settings#billable" },
];

/** What a shop that is not connected yet still has to do, each with the settings section that does it. */
export function OnboardingCard({ status }: { status: ShopStatus | null }) {
  const { t, number } = useI18n();
  const done: Record<Step, boolean> = {
    connect: !!status && status.connection !== "not_set_up",
    location: !!status && (status.locationId !== null || status.settingsSavedAt !== null),
    review: !!status?.settingsSavedAt,
  };
  const count = STEPS.filter(({ step }) => done[step]).length;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("home.onboarding.title")}
          </Text>
          <Text as="p" tone="subdued">
            {t("home.onboarding.progress", { done: count, total: STEPS.length })}
          </Text>
          <ProgressBar progress={(count / STEPS.length) * 100} size="small" tone="primary" />
        </BlockStack>
        {STEPS.map(({ step, url }, index) => (
          <InlineStack key={step} gap="300" wrap={false} blockAlign="start" align="space-between">
            <InlineStack gap="300" wrap={false} blockAlign="start">
              <Box minWidth="24px">
                <Text as="span" variant="headingSm" tone={done[step] ? "success" : "subdued"}>
                  {number(index + 1)}
                </Text>
              </Box>
              <BlockStack gap="100">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {t(`home.onboarding.${step}.title`)}
                  </Text>
                  {done[step] && <Badge tone="success">{t("home.onboarding.done")}</Badge>}
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t(`home.onboarding.${step}.text`)}
                </Text>
              </BlockStack>
            </InlineStack>
            {!done[step] && (
              <Button url={url} variant={step === "connect" ? "primary" : undefined}>
                {t(`home.onboarding.${step}.action`)}
              </Button>
            )}
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
