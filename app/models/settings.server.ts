import type { PrismaClient, ShopSettings } from "@prisma/client";
import type { ShipmentKeyKind, SyncSettings } from "../sync/types";
import { TokenUnreadableError, type TokenCipher, type TokenUnreadableReason } from "../security/token-cipher.server";
import { parseShopSettingsInput, type OpenLogiEnvironment, type ShopSettingsInput } from "./settings-input";
import { wakeShopJobs } from "./sync-job.server";
import { isUniqueViolation } from "./unique-violation";

export type { SettingsPatch } from "./settings-input";

export type { OpenLogiEnvironment } from "./settings-input";

/** What the worker needs to sync one shop. The token is decrypted only here. */
export interface ShopContext {
  shop: string;
  settings: SyncSettings;
  /** null when the shop is not connected, or when its stored token cannot be decrypted. */
  openlogi: { accountCode: string; token: string; environment: OpenLogiEnvironment } | null;
  /**
   * Why the stored token cannot be decrypted (`openlogi` is then null), or null. The runner
   * marks the shop's connection broken with markTokenUnreadable; other shops go on.
   */
  tokenUnreadable: TokenUnreadableReason | null;
  connectionError: string | null;
  uninstalled: boolean;
}

/**
 * The connection error of a shop whose stored token cannot be decrypted. The merchant can
 * enter the token again; `npm run tokens:reencrypt` clears it once it can read the token.
 */
export const TOKEN_UNREADABLE_ERROR = "The saved OpenLogi token could not be decrypted. Enter the token again.";

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
  const token = isConnected(row) ? readToken(cipher, row.openlogiTokenCiphertext!, shop) : null;
  return {
    shop,
    settings: toSyncSettings(row),
    openlogi:
      typeof token === "string"
        ? { accountCode: row.openlogiAccountCode!, token, environment: row.environment as OpenLogiEnvironment }
        : null,
    tokenUnreadable: token instanceof TokenUnreadableError ? token.reason : null,
    connectionError: row.connectionError,
    uninstalled: row.uninstalledAt !== null,
  };
}

/** A row that cannot be decrypted is reported, not thrown: one shop's bad row must not stop a batch. */
function readToken(cipher: TokenCipher, stored: string, shop: string): string | TokenUnreadableError {
  try {
    return cipher.decrypt(stored, shop);
  } catch (error) {
    if (error instanceof TokenUnreadableError) return error;
    throw error;
  }
}

/** not set up (no account code or token), broken (OpenLogi refused it), or connected. */
export type ConnectionState = "not_set_up" | "broken" | "connected";

/**
 * What a browser may see of a shop's settings and connection: that a token is set and
 * when, never the token. null when the shop has no record yet.
 */
export async function loadShopStatus(prisma: PrismaClient, shop: string) {
  const row = await prisma.shopSettings.findUnique({ where: { shop } });
  if (!row) return null;
  const connection: ConnectionState = !isConnected(row) ? "not_set_up" : row.connectionError ? "broken" : "connected";
  return {
    connection,
    connected: isConnected(row),
    connectionError: row.connectionError,
    connectionErrorAt: row.connectionErrorAt?.toISOString() ?? null,
    environment: row.environment as OpenLogiEnvironment,
    accountCode: row.openlogiAccountCode,
    tokenSet: row.openlogiTokenCiphertext !== null,
    tokenSavedAt: row.openlogiTokenSavedAt?.toISOString() ?? null,
    settingsSavedAt: row.settingsSavedAt?.toISOString() ?? null,
    reinstalledAt: row.reinstalledAt?.toISOString() ?? null,
    ...toSyncSettings(row),
  };
}

export type ShopStatus = NonNullable<Awaited<ReturnType<typeof loadShopStatus>>>;

/**
 * The shop's record, created with SPEC.md's defaults (the schema's) when it has none yet. Two
 * statements on their own rather than an `upsert` with nothing to update, which Prisma runs as
 * a read then an insert in one transaction: on SQLite a commit between them (the webhook
 * intake's own connection, another process) would fail it with SQLITE_BUSY_SNAPSHOT.
 */
export async function ensureShopSettings(prisma: PrismaClient, shop: string): Promise<void> {
  if (await prisma.shopSettings.findUnique({ where: { shop }, select: { shop: true } })) return;
  try {
    await prisma.shopSettings.create({ data: { shop } });
  } catch (error) {
    // Created meanwhile (two tabs, an install): it exists, as asked.
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * What "Test connection" falls back on for the fields left empty: the saved account code,
 * environment and (decrypted) token, each or null.
 */
export async function loadStoredConnection(prisma: PrismaClient, cipher: TokenCipher, shop: string) {
  const row = await prisma.shopSettings.findUnique({ where: { shop } });
  const token = row?.openlogiTokenCiphertext ? readToken(cipher, row.openlogiTokenCiphertext, shop) : null;
  return {
    token: typeof token === "string" ? token : null,
    accountCode: row?.openlogiAccountCode ?? null,
    environment: (row?.environment ?? "production") as OpenLogiEnvironment,
  };
}

/**
 * Creates or updates a shop's settings: the one save of `npm run shop:seed` and the settings
 * page. A new token, account code or environment clears a broken connection and makes the
 * shop's waiting jobs due at once. The input is checked again here (SettingsInputError,
 * nothing saved), so no caller can store a token that would break the Authorization header.
 */
export async function saveShopSettings(
  prisma: PrismaClient,
  cipher: TokenCipher,
  shop: string,
  patch: ShopSettingsInput,
  now: Date = new Date(),
): Promise<ShopSettings> {
  const { openlogiToken, ...rest } = parseShopSettingsInput(patch);
  const current = await prisma.shopSettings.findUnique({
    where: { shop },
    select: { openlogiAccountCode: true, environment: true },
  });
  const reconnect =
    openlogiToken !== undefined ||
    (rest.openlogiAccountCode !== undefined && rest.openlogiAccountCode !== current?.openlogiAccountCode) ||
    (rest.environment !== undefined && rest.environment !== (current?.environment ?? "production"));
  const data = {
    ...rest,
    ...(openlogiToken !== undefined
      ? { openlogiTokenCiphertext: cipher.encrypt(openlogiToken, shop), openlogiTokenSavedAt: now }
      : {}),
    ...(reconnect ? { connectionError: null, connectionErrorAt: null } : {}),
    uninstalledAt: null,
    // The merchant has looked at the settings since a reinstall kept them.
    reinstalledAt: null,
    settingsSavedAt: now,
  };
  const saved = await prisma.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  if (reconnect) await wakeShopJobs(prisma, shop, now);
  return saved;
}

/** OpenLogi answered 401/402/403: stop syncing the shop until the merchant fixes it. */
export async function markConnectionBroken(prisma: PrismaClient, shop: string, message: string, now: Date) {
  await prisma.shopSettings.update({
    where: { shop },
    data: { connectionError: message, connectionErrorAt: now },
  });
}

/** The stored token cannot be decrypted: the connection is broken until the token is readable again. */
export async function markTokenUnreadable(prisma: PrismaClient, shop: string, now: Date) {
  await markConnectionBroken(prisma, shop, TOKEN_UNREADABLE_ERROR, now);
}

/**
 * Marks the shop uninstalled as of `at` (when Shopify says the uninstall happened). An
 * uninstall from before the latest install — Shopify redelivering app/uninstalled after the
 * merchant installed again — changes nothing and answers false: the caller leaves the
 * reinstalled shop's sessions alone too.
 */
export async function markUninstalled(prisma: PrismaClient, shop: string, at: Date): Promise<boolean> {
  const row = await prisma.shopSettings.findUnique({ where: { shop }, select: { installedAt: true } });
  if (row?.installedAt && row.installedAt > at) return false;
  await prisma.shopSettings.updateMany({
    where: { shop, OR: [{ installedAt: null }, { installedAt: { lte: at } }] },
    data: { uninstalledAt: at },
  });
  return true;
}

/** The merchant has read Home's notice that a reinstall kept the settings. */
export async function dismissReinstalledNotice(prisma: PrismaClient, shop: string) {
  await prisma.shopSettings.updateMany({ where: { shop }, data: { reinstalledAt: null } });
}

/** The shop's time zone as stored (Admin API `shop.ianaTimezone`), or null until it is known. */
export async function loadStoredTimeZone(prisma: PrismaClient, shop: string): Promise<string | null> {
  const row = await prisma.shopSettings.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  return row?.ianaTimezone ?? null;
}

/** Remembers the shop's time zone (Admin API), creating the record with SPEC.md's defaults if needed. */
export async function storeShopTimeZone(prisma: PrismaClient, shop: string, ianaTimezone: string) {
  const row = await prisma.shopSettings.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  if (row?.ianaTimezone === ianaTimezone) return;
  await prisma.shopSettings.upsert({ where: { shop }, create: { shop, ianaTimezone }, update: { ianaTimezone } });
}
