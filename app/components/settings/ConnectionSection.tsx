import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Select, TextField } from "@shopify/polaris";
import type { ShopStatus } from "../../models/settings.server";
import type { FieldErrors } from "../../pages/settings-form";
import type { TestConnectionResult } from "../../pages/settings.server";
import { useI18n } from "../../i18n/i18n-context";
import type { SettingsFormState } from "./settings-form-state";

const TEST_TONE: Partial<Record<string, "success" | "info" | "warning">> = {
  works: "success",
  noAccountCode: "info",
  noToken: "info",
  notSetUp: "info",
  busy: "warning",
};

interface Props {
  state: SettingsFormState;
  settings: ShopStatus;
  errors: FieldErrors;
  onChange: <K extends keyof SettingsFormState>(field: K, value: SettingsFormState[K]) => void;
  onTest: () => void;
  testing: boolean;
  test: TestConnectionResult | undefined;
}

export function ConnectionSection({ state, settings, errors, onChange, onTest, testing, test }: Props) {
  const { t, dateTime } = useI18n();
  const result = test && "result" in test ? test.result : null;
  const error = (field: keyof FieldErrors) => (errors[field] ? t(errors[field]!) : undefined);
  return (
    <div id="connection">
      <Layout.AnnotatedSection title={t("settings.connection.title")} description={t("settings.connection.text")}>
        <Card>
          <FormLayout>
            <Select
              label={t("settings.connection.environment")}
              name="environment"
              options={(["production", "demo"] as const).map((value) => ({ value, label: t(`common.environment.${value}`) }))}
              value={state.environment}
              onChange={(value) => onChange("environment", value)}
              error={error("environment")}
            />
            <TextField
              label={t("settings.connection.accountCode")}
              name="openlogiAccountCode"
              autoComplete="off"
              value={state.openlogiAccountCode}
              onChange={(value) => onChange("openlogiAccountCode", value)}
              helpText={t("settings.connection.accountCodeHelp")}
              error={error("openlogiAccountCode")}
            />
            <TextField
              label={t("settings.connection.token")}
              name="openlogiToken"
              type="password"
              autoComplete="new-password"
              value={state.openlogiToken}
              onChange={(value) => onChange("openlogiToken", value)}
              helpText={
                <BlockStack gap="100">
                  <span>
                    {settings.tokenSet && settings.tokenSavedAt
                      ? t("settings.connection.tokenSet", { date: dateTime(settings.tokenSavedAt) })
                      : t("settings.connection.tokenNotSet")}
                  </span>
                  <span>{t("settings.connection.tokenHelp")}</span>
                </BlockStack>
              }
              error={error("openlogiToken")}
            />
            <InlineStack>
              <Button onClick={onTest} loading={testing}>
                {t("settings.connection.test")}
              </Button>
            </InlineStack>
            {result && (
              <Banner tone={TEST_TONE[result.kind] ?? "critical"}>
                {result.kind === "refused"
                  ? t("settings.connection.result.refused", { message: result.message })
                  : t(`settings.connection.result.${result.kind}`)}
              </Banner>
            )}
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
    </div>
  );
}
