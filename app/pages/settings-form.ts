/**
 * The settings form as the shared settings schema (models/settings-input.ts) reads it, and
 * the schema's problems as dictionary keys shown next to each field. Pure.
 */
import type { SettingsProblem, ShopSettingsInput } from "../models/settings-input";

/** The fields the form posts, named as the schema names them. */
export const SETTINGS_FIELDS = [
  "environment",
  "openlogiAccountCode",
  "openlogiToken",
  "reflectChanges",
  "cancelAfterConfirmation",
  "modifyAfterConfirmation",
  "reflectItemChanges",
  "shipmentKey",
  "locationId",
  "paused",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** The settings that cost the merchant money (SPEC.md: turning one on asks for confirmation). */
export const BILLABLE_SETTINGS = ["cancelAfterConfirmation", "modifyAfterConfirmation"] as const;
export type BillableSetting = (typeof BILLABLE_SETTINGS)[number];

/** Fields whose empty value means "keep what is saved": the write-only token, and the account code. */
const KEEP_WHEN_EMPTY: ReadonlySet<SettingsField> = new Set(["openlogiToken", "openlogiAccountCode"]);

/** The posted fields as strings for the schema; other names (intent, confirmation) stay out. */
export function readSettingsForm(form: FormData, fields: readonly SettingsField[] = SETTINGS_FIELDS): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const field of fields) {
    const value = form.get(field);
    if (typeof value !== "string") continue;
    if (value === "" && KEEP_WHEN_EMPTY.has(field)) continue;
    raw[field] = value;
  }
  return raw;
}

const ERROR_KEYS: Record<SettingsField, string> = {
  environment: "settings.error.environment",
  openlogiAccountCode: "settings.error.openlogiAccountCode",
  openlogiToken: "settings.error.openlogiToken",
  reflectChanges: "settings.error.boolean",
  cancelAfterConfirmation: "settings.error.boolean",
  modifyAfterConfirmation: "settings.error.boolean",
  reflectItemChanges: "settings.error.boolean",
  shipmentKey: "settings.error.shipmentKey",
  locationId: "settings.error.locationId",
  paused: "settings.error.boolean",
};

export type FieldErrors = Partial<Record<SettingsField | "input", string>>;

/** One dictionary key per bad field; the schema's own English words never reach the page. */
export function fieldErrors(problems: SettingsProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field } of problems) {
    if ((SETTINGS_FIELDS as readonly string[]).includes(field)) errors[field as SettingsField] = ERROR_KEYS[field as SettingsField];
    else errors.input = "settings.error.input";
  }
  return errors;
}

/** The billable settings this input turns on that are off now. */
export function billableSwitchedOn(
  saved: Partial<Record<BillableSetting, boolean>> | null,
  input: ShopSettingsInput,
): BillableSetting[] {
  return BILLABLE_SETTINGS.filter((setting) => input[setting] === true && saved?.[setting] !== true);
}
