/**
 * The settings form's state in the browser: the saved values it starts from, whether it
 * differs from them (App Bridge's save bar), and the FormData the action reads. Pure.
 */
import type { ShopStatus } from "../../models/settings.server";
import { BILLABLE_SETTINGS, type BillableSetting, type SettingsField } from "../../pages/settings-form";

export interface SettingsFormState {
  environment: string;
  openlogiAccountCode: string;
  /** Write-only: empty means "keep the saved token". */
  openlogiToken: string;
  reflectChanges: boolean;
  cancelAfterConfirmation: boolean;
  modifyAfterConfirmation: boolean;
  reflectItemChanges: boolean;
  shipmentKey: string;
  /** "all" or a Location GID. */
  locationId: string;
  paused: boolean;
}

export function initialFormState(settings: ShopStatus): SettingsFormState {
  return {
    environment: settings.environment,
    openlogiAccountCode: settings.accountCode ?? "",
    openlogiToken: "",
    reflectChanges: settings.reflectChanges,
    cancelAfterConfirmation: settings.cancelAfterConfirmation,
    modifyAfterConfirmation: settings.modifyAfterConfirmation,
    reflectItemChanges: settings.reflectItemChanges,
    shipmentKey: settings.shipmentKey,
    locationId: settings.locationId ?? "all",
    paused: settings.paused,
  };
}

export function changedFields(state: SettingsFormState, saved: SettingsFormState): SettingsField[] {
  return (Object.keys(state) as SettingsField[]).filter((field) => state[field] !== saved[field]);
}

/** The billable settings this form turns on: Save asks to confirm the fee first. */
export function billableTurnedOn(state: SettingsFormState, saved: SettingsFormState): BillableSetting[] {
  return BILLABLE_SETTINGS.filter((setting) => state[setting] && !saved[setting]);
}

export function toFormData(state: SettingsFormState, extra: Record<string, string>): FormData {
  const data = new FormData();
  for (const [field, value] of Object.entries(state)) data.set(field, String(value));
  for (const [name, value] of Object.entries(extra)) data.set(name, value);
  return data;
}
