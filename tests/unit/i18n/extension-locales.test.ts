import { readFileSync } from "node:fs";
import path from "node:path";
import { hasText, LOCALES } from "../../../app/i18n";
import { PREVIEW_ACTIONS, previewDecisions } from "../../../app/sync/preview";
import { SHIPMENT_STATUSES, type SyncSettings } from "../../../app/sync/types";
import { EXTENSION_LOCALES_DIR, extensionLocale, extensionLocaleFiles } from "../../../scripts/extension-locales";

describe("the order page block's locale files", () => {
  it("are what app/i18n makes of them (run npm run locales:extension when this fails)", () => {
    for (const [file, text] of Object.entries(extensionLocaleFiles())) {
      expect(readFileSync(path.join(EXTENSION_LOCALES_DIR, file), "utf8"), file).toBe(text);
    }
  });

  it("carry the history's outcome labels and OpenLogi's status names, with Shopify's placeholders", () => {
    const ja = extensionLocale("ja") as Record<string, Record<string, unknown>>;
    expect(ja.outcome.not_cancellable_packed).toBe("キャンセル不可：梱包済以降");
    expect(ja.status.packed).toBe("梱包済");
    expect((ja.block as { line: { shipment: string } }).line.shipment).toBe("出荷依頼 {{id}}");
    expect(JSON.stringify(extensionLocale("en"))).not.toMatch(/(^|[^{])\{\w+\}(?!\})/);
  });
});

describe("the words for what an action would do now", () => {
  /** Every combination of the settings that change a decision. */
  const settingsCombinations: SyncSettings[] = Array.from({ length: 32 }, (_, bits) => ({
    reflectChanges: Boolean(bits & 1),
    cancelAfterConfirmation: Boolean(bits & 2),
    modifyAfterConfirmation: Boolean(bits & 4),
    reflectItemChanges: Boolean(bits & 8),
    paused: Boolean(bits & 16),
    shipmentKey: "name",
    locationId: null,
  }));

  it.each(LOCALES)("exist for every outcome decideSync can give a preview, in %s", (locale) => {
    const keys = new Set<string>();
    for (const status of SHIPMENT_STATUSES) {
      for (const settings of settingsCombinations) {
        const preview = previewDecisions(status, settings);
        for (const action of PREVIEW_ACTIONS) keys.add(`orderBlock.wouldDo.${action}.${preview[action]}`);
      }
    }
    expect([...keys].filter((key) => !hasText(locale, key))).toEqual([]);
  });
});
