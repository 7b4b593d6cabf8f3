/** The settings page: what it shows, what Save does, what "Test connection" does. */
import type { PrismaClient } from "@prisma/client";
import { logger } from "../logger.server";
import { parseShopSettingsInput, SettingsInputError, type ShopSettingsInput } from "../models/settings-input";
import {
  ensureShopSettings,
  loadShopStatus,
  loadStoredConnection,
  saveShopSettings,
  storeShopTimeZone,
} from "../models/settings.server";
import { testOpenLogiConnection, type ConnectionTestResult } from "../openlogi/test-connection.server";
import type { TokenCipher } from "../security/token-cipher.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { fetchShopLocations, isShopLocation, type ShopLocation } from "../shopify/locations.server";
import { openLogiClientFor } from "./shop-admin.server";
import { billableSwitchedOn, fieldErrors, readSettingsForm, type FieldErrors } from "./settings-form";

export async function loadSettingsPage(prisma: PrismaClient, shop: string, adminApi: () => AdminGraphqlClient) {
  await ensureShopSettings(prisma, shop);
  let locations: ShopLocation[] | null = null;
  try {
    const read = await fetchShopLocations(adminApi());
    locations = read.locations;
    await storeShopTimeZone(prisma, shop, read.timeZone);
  } catch (error) {
    // The page still works: the saved choice stays, and the picker says why it is short.
    logger.warn({ shop, err: error instanceof Error ? error.message : String(error) }, "shop locations not read");
  }
  const status = await loadShopStatus(prisma, shop);
  return { settings: status!, locations };
}

export type SaveSettingsResult = { intent: "save"; ok: true } | { intent: "save"; ok: false; errors: FieldErrors };

/**
 * Save: the shared schema, then what only the shop can say (the location is one of its
 * own), then the fee confirmation for a billable setting switched on. Any problem saves
 * nothing.
 */
export async function saveSettingsForm(
  prisma: PrismaClient,
  cipher: TokenCipher,
  shop: string,
  adminApi: () => AdminGraphqlClient,
  form: FormData,
  now: Date,
): Promise<SaveSettingsResult> {
  let input: ShopSettingsInput;
  try {
    input = parseShopSettingsInput(readSettingsForm(form));
  } catch (error) {
    if (error instanceof SettingsInputError) return { intent: "save", ok: false, errors: fieldErrors(error.problems) };
    throw error;
  }
  const saved = await loadShopStatus(prisma, shop);
  // An empty account code keeps none saved; it cannot clear one: without it nothing syncs,
  // and "pause" is the way to stop (the token stays, write-only).
  if (form.get("openlogiAccountCode") === "" && saved?.accountCode) {
    return { intent: "save", ok: false, errors: { openlogiAccountCode: "settings.error.accountCodeRequired" } };
  }
  if (input.locationId && input.locationId !== saved?.locationId) {
    const problem = await checkLocation(adminApi(), input.locationId);
    if (problem) return { intent: "save", ok: false, errors: { locationId: problem } };
  }
  const unconfirmed = billableSwitchedOn(saved, input);
  if (unconfirmed.length > 0 && form.get("confirmBillable") !== "yes") {
    const errors: FieldErrors = {};
    for (const setting of unconfirmed) errors[setting] = "settings.error.billableNotConfirmed";
    return { intent: "save", ok: false, errors };
  }
  await saveShopSettings(prisma, cipher, shop, input, now);
  return { intent: "save", ok: true };
}

async function checkLocation(adminApi: AdminGraphqlClient, locationId: string): Promise<string | null> {
  try {
    return (await isShopLocation(adminApi, locationId)) ? null : "settings.error.locationUnknown";
  } catch {
    return "settings.error.locationUnchecked";
  }
}

/** What is missing for a test: the account code, the token, or both (neither entered nor saved). */
export type MissingForTest = { kind: "noAccountCode" } | { kind: "noToken" } | { kind: "notSetUp" };

export type TestConnectionResult =
  | { intent: "test"; result: ConnectionTestResult | MissingForTest }
  | { intent: "test"; errors: FieldErrors };

/** Tests what the form holds, falling back on what is saved for the fields left empty. */
export async function testConnectionForm(
  prisma: PrismaClient,
  cipher: TokenCipher,
  shop: string,
  form: FormData,
): Promise<TestConnectionResult> {
  let input: ShopSettingsInput;
  try {
    input = parseShopSettingsInput(readSettingsForm(form, ["environment", "openlogiAccountCode", "openlogiToken"]));
  } catch (error) {
    if (error instanceof SettingsInputError) return { intent: "test", errors: fieldErrors(error.problems) };
    throw error;
  }
  const stored = await loadStoredConnection(prisma, cipher, shop);
  const token = input.openlogiToken ?? stored.token;
  const accountCode = input.openlogiAccountCode ?? stored.accountCode;
  if (!token && !accountCode) return { intent: "test", result: { kind: "notSetUp" } };
  if (!accountCode) return { intent: "test", result: { kind: "noAccountCode" } };
  if (!token) return { intent: "test", result: { kind: "noToken" } };
  const client = openLogiClientFor({ environment: input.environment ?? stored.environment, accountCode, token });
  return { intent: "test", result: await testOpenLogiConnection(client) };
}
