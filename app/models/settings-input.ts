import type { SettingsPatch } from "./settings.server";

const BOOLEAN_KEYS = ["reflectChanges", "cancelAfterConfirmation", "modifyAfterConfirmation", "reflectItemChanges", "paused"] as const;

/** Parses `key=value` pairs (the `--set` options of `npm run shop:seed`) into a settings patch. */
export function parseSettingPairs(pairs: string[]): SettingsPatch {
  const patch: SettingsPatch = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new Error(`Expected key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (value !== "true" && value !== "false") throw new Error(`${key} takes true or false, got "${value}"`);
      patch[key as (typeof BOOLEAN_KEYS)[number]] = value === "true";
    } else if (key === "shipmentKey") {
      if (value !== "name" && value !== "number" && value !== "id") throw new Error(`shipmentKey takes name, number or id`);
      patch.shipmentKey = value;
    } else if (key === "environment") {
      if (value !== "production" && value !== "demo") throw new Error(`environment takes production or demo`);
      patch.environment = value;
    } else if (key === "locationId") {
      patch.locationId = value === "" || value === "all" ? null : value;
    } else {
      throw new Error(`Unknown setting "${key}"`);
    }
  }
  return patch;
}
