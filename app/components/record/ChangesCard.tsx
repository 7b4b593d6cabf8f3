import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { changedAddressFields, itemLines, type RecordChange } from "../../history/record-details";
import { hasText } from "../../i18n";
import { useI18n } from "../../i18n/i18n-context";

/** Every change the record carried, before → after. */
export function ChangesCard({ changes }: { changes: RecordChange[] }) {
  const { t, locale, number } = useI18n();
  const fieldName = (field: string) => (hasText(locale, `record.field.${field}`) ? t(`record.field.${field}`) : field);
  const items = (value: unknown) =>
    itemLines(value)
      .map(({ code, quantity }) => t("record.item", { code, quantity: number(quantity) }))
      .join("\n") || t("common.none");
  const plain = (value: unknown) =>
    value === null || value === undefined || value === "" ? t("common.none") : typeof value === "number" ? number(value) : String(value);

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("record.changes")}
        </Text>
        {changes.some((change) => change.removed) && (
          <Text as="p" tone="subdued">
            {t("record.personalDataRemoved")}
          </Text>
        )}
        {changes.map((change, index) => {
          const rows = change.removed
            ? [[t(`record.change.${change.field}`), t("record.removed"), t("record.removed")]]
            : change.field === "recipient"
              ? changedAddressFields(change.before, change.after).map((line) => [fieldName(line.field), line.before || t("common.none"), line.after || t("common.none")])
              : change.field === "items"
                ? [[t("record.change.items"), items(change.before), items(change.after)]]
                : [[t(`record.change.${change.field}`), plain(change.before), plain(change.after)]];
          return (
            <BlockStack key={`${change.field}-${index}`} gap="200">
              <Text as="h3" variant="headingSm">
                {t(`record.change.${change.field}`)}
              </Text>
              <div style={{ whiteSpace: "pre-line" }}>
                <DataTable
                  columnContentTypes={["text", "text", "text"]}
                  headings={["", t("record.before"), t("record.after")]}
                  rows={rows}
                />
              </div>
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
