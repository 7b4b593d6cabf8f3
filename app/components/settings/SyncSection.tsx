import { BlockStack, Card, Checkbox, FormLayout, Layout, Select } from "@shopify/polaris";
import type { ShopLocation } from "../../shopify/locations.server";
import type { FieldErrors } from "../../pages/settings-form";
import { useI18n } from "../../i18n/i18n-context";
import type { SettingsFormState } from "./settings-form-state";

interface Props {
  state: SettingsFormState;
  locations: ShopLocation[] | null;
  errors: FieldErrors;
  onChange: <K extends keyof SettingsFormState>(field: K, value: SettingsFormState[K]) => void;
}

type Toggle = "reflectChanges" | "reflectItemChanges" | "cancelAfterConfirmation" | "modifyAfterConfirmation" | "paused";

export function SyncSection({ state, locations, errors, onChange }: Props) {
  const { t } = useI18n();
  const error = (field: keyof FieldErrors) => (errors[field] ? t(errors[field]!) : undefined);
  const toggle = (field: Toggle) => (
    <Checkbox
      label={t(`settings.field.${field}.label`)}
      helpText={t(`settings.field.${field}.help`)}
      name={field}
      checked={state[field]}
      onChange={(checked) => onChange(field, checked)}
      error={error(field)}
    />
  );
  const known = locations ?? [];
  const locationOptions = [
    { value: "all", label: t("settings.field.locationId.all") },
    ...known.map((location) => ({
      value: location.id,
      label: location.isFulfillmentService ? t("settings.field.locationId.fulfillmentService", { name: location.name }) : location.name,
    })),
    // A saved choice Shopify no longer lists (or could not list just now) stays visible.
    ...(state.locationId !== "all" && !known.some((location) => location.id === state.locationId)
      ? [{ value: state.locationId, label: state.locationId }]
      : []),
  ];
  return (
    <Layout.AnnotatedSection title={t("settings.sync.title")} description={t("settings.sync.text")}>
      <BlockStack gap="400">
        <Card>
          <FormLayout>
            <div id="location">
              <Select
                label={t("settings.field.locationId.label")}
                name="locationId"
                options={locationOptions}
                value={state.locationId}
                onChange={(value) => onChange("locationId", value)}
                helpText={locations === null ? t("settings.field.locationId.unavailable") : t("settings.field.locationId.help")}
                error={error("locationId")}
              />
            </div>
            <Select
              label={t("settings.field.shipmentKey.label")}
              name="shipmentKey"
              options={(["name", "number", "id"] as const).map((value) => ({ value, label: t(`settings.field.shipmentKey.${value}`) }))}
              value={state.shipmentKey}
              onChange={(value) => onChange("shipmentKey", value)}
              helpText={t("settings.field.shipmentKey.help")}
              error={error("shipmentKey")}
            />
            {toggle("reflectChanges")}
            {toggle("reflectItemChanges")}
          </FormLayout>
        </Card>
        <div id="billable">
          <Card>
            <FormLayout>
              {toggle("cancelAfterConfirmation")}
              {toggle("modifyAfterConfirmation")}
            </FormLayout>
          </Card>
        </div>
        <div id="paused">
          <Card>{toggle("paused")}</Card>
        </div>
      </BlockStack>
    </Layout.AnnotatedSection>
  );
}
