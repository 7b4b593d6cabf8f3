import { Banner, BlockStack, Text } from "@shopify/polaris";
import { BILLABLE_SETTINGS } from "../../pages/settings-form";
import type { ShopStatus } from "../../models/settings.server";
import { useI18n } from "../../i18n/i18n-context";

/**
 * After a reinstall kept the settings from before: says so, names the billable settings
 * still on (they cost money), and stays until the settings are saved or it is closed.
 */
export function ReinstalledBanner({ status, onDismiss }: { status: ShopStatus; onDismiss: () => void }) {
  const { t, dateTime } = useI18n();
  const billableOn = BILLABLE_SETTINGS.filter((setting) => status[setting]);
  return (
    <Banner
      tone="info"
      title={t("home.reinstalled.title")}
      action={{ content: t("home.reinstalled.action"), url: "/app/settings" }}
      onDismiss={onDismiss}
    >
      <BlockStack gap="100">
        <Text as="p">{t("home.reinstalled.text", { date: dateTime(status.reinstalledAt!) })}</Text>
        {billableOn.length > 0 && (
          <Text as="p">
            {t("home.reinstalled.billableOn", {
              settings: billableOn.map((setting) => t(`settings.field.${setting}.label`)).join(t("common.listSeparator")),
            })}
          </Text>
        )}
      </BlockStack>
    </Banner>
  );
}
