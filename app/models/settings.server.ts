import type { PrismaClient, ShopSettings } from "@prisma/client";
import type { ShipmentKeyKind, SyncSettings } from "../sync/types";
import type { TokenCipher } from "../security/token-cipher.server";
import { parseShopSettingsInput, type ShopSettingsInput } from "./settings-input";

export type { SettingsPatch } from "./settings-input";

export type OpenLogiEnvironment = "production" | "demo";

/** What the worker needs to sync one shop. The token is decrypted only here. */
export interface ShopContext {
  shop: string;
  settings: SyncSettings;
  openlogi: { accountCode: string; token: string; environment: OpenLogiEnvironment } | null;
  connectionError: string | null;
  uninstalled: boolean;
}

export function toSyncSettings(row: ShopSettings): SyncSettings {
  return {
    reflectChanges: row.reflectChanges,
    cancelAfterConfirmation: row.cancelAfterConfirmation,
    modifyAfterConfirmation: row.modifyAfterConfirmation,
    reflectItemChanges: row.reflectItemChanges,
    shipmentKey: row.shipmentKey as ShipmentKeyKind,
    locationId: row.locationId,
    paused: row.paused,
  };
}

/** A shop is connected once it has both an OpenLogi account code and a token. */
function isConnected(row: ShopSettings): boolean {
  return Boolean(row.openlogiAccountCode && row.openlogiTokenCiphertext);
}

export async function loadShopContext(
  prisma: PrismaClient,
  cipher: TokenCipher,
  shop: string,
): Promise<ShopContext | null> {
  const row = await prisma.shopSettings.findUnique({ where: { shop } });
  if (!row) return null;
  return {
    shop,
    settings: toSyncSettings(row),
    openlogi: isConnected(row)
      ? {
          accountCode: row.openlogiAccountCode!,
          token: cipher.decrypt(row.openlogiTokenCiphertext!),
          environment: row.environment as OpenLogiEnvironment,
        }
      : null,
    connectionError: row.connectionError,
    uninstalled: row.uninstalledAt !== null,
  };
}

/** What a browser may see of a shop's connection: never the token. */
export async function loadShopStatus(prisma: PrismaClient, shop: string) {
  const row = await prisma.shopSettings.findUnique({ where: { shop } });
  if (!row) return null;
  return {
    connected: isConnected(row),
    connectionError: row.connectionError,
    paused: row.paused,
    environment: row.environment as OpenLogiEnvironment,
  };
}

/**
 * Creates or updates a shop's settings; a new token clears a broken connection. The input is
 * checked again here (SettingsInputError, nothing saved), so no caller can store a token that
 * would break the Authorization header.
 */
export async function saveShopSettings(
  prisma: PrismaClient,
  cipher: TokenCipher,
  shop: string,
  patch: ShopSettingsInput,
): Promise<ShopSettings> {
  const { openlogiToken, ...rest } = parseShopSettingsInput(patch);
  const data = {
    ...rest,
    ...(openlogiToken !== undefined
      ? { openlogiTokenCiphertext: cipher.encrypt(openlogiToken), connectionError: null, connectionErrorAt: null }
      : {}),
    uninstalledAt: null,
  };
  return prisma.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/** OpenLogi answered 401/402/403: stop syncing the shop until the merchant fixes it. */
export async function markConnectionBroken(prisma: PrismaClient, shop: string, message: string, now: Date) {
  await prisma.shopSettings.update({
    where: { shop },
    data: { connectionError: message, connectionErrorAt: now },
  });
}

export async function markUninstalled(prisma: PrismaClient, shop: string, now: Date) {
  await prisma.shopSettings.updateMany({ where: { shop }, data: { uninstalledAt: now } });
}
