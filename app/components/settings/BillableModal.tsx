import { Modal, TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Box, List, Text } from "@shopify/polaris";
import type { BillableSetting } from "../../pages/settings-form";
import { useI18n } from "../../i18n/i18n-context";

interface Props {
  /** The billable settings being turned on; the modal is open while there are any. */
  settings: BillableSetting[];
  onConfirm: () => void;
  onCancel: () => void;
}

/** SPEC.md: turning a billable setting on asks for an explicit confirmation that names the fee. */
export function BillableModal({ settings, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <Modal id="billable-confirmation" open={settings.length > 0} onHide={onCancel}>
      <Box padding="400">
        <BlockStack gap="300">
          <Text as="p">{t("settings.billable.text")}</Text>
          <Text as="p" fontWeight="semibold">
            {t("settings.billable.which")}
          </Text>
          <List>
            {settings.map((setting) => (
              <List.Item key={setting}>{t(`settings.field.${setting}.label`)}</List.Item>
            ))}
          </List>
        </BlockStack>
      </Box>
      <TitleBar title={t("settings.billable.title")}>
        <button variant="primary" onClick={onConfirm}>
          {t("settings.billable.confirm")}
        </button>
        <button onClick={onCancel}>{t("common.cancel")}</button>
      </TitleBar>
    </Modal>
  );
}
