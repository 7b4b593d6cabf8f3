import type { PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "./unique-violation";

/** What an install did to the shop's record. */
export type InstallResult = "created" | "restored" | "kept";

/**
 * An install, first or again, or a token exchanged again (the library's afterAuth hook).
 * Every one moves `installedAt` on, so an app/uninstalled Shopify redelivers later with an
 * older trigger time leaves the shop alone.
 * - No record: one is created with SPEC.md's defaults (the schema's column defaults), and
 *   Home shows the onboarding.
 * - A record marked uninstalled (shop/redact, 48 hours after the uninstall, has not erased
 *   it yet): the merchant's settings and connection are kept, the history stays, sync
 *   resumes, and Home says so (`reinstalledAt`) when there was anything to keep.
 * - An installed shop (e.g. its offline token expired): nothing else changes.
 */
export async function recordInstall(prisma: PrismaClient, shop: string, now: Date): Promise<InstallResult> {
  // Each step is one statement that decides and writes at once, so a step cannot act on a
  // state another install (two loaders of one page, two tabs) or a commit on another
  // connection (the webhook intake's, SQLITE_BUSY_SNAPSHOT) changed after it was read. The
  // first step that finds its row wins; a second install of the same moment finds the shop
  // installed and keeps it.
  const uninstalled = { shop, uninstalledAt: { not: null } };
  const keptChoices = { OR: [{ settingsSavedAt: { not: null } }, { openlogiAccountCode: { not: null } }] };
  const restore = (where: object, reinstalledAt: Date | null) =>
    prisma.shopSettings.updateMany({ where, data: { installedAt: now, uninstalledAt: null, reinstalledAt } });
  if ((await restore({ ...uninstalled, ...keptChoices }, now)).count > 0) return "restored";
  if ((await restore(uninstalled, null)).count > 0) return "restored";
  if ((await prisma.shopSettings.updateMany({ where: { shop }, data: { installedAt: now } })).count > 0) return "kept";
  try {
    await prisma.shopSettings.create({ data: { shop, installedAt: now } });
    return "created";
  } catch (error) {
    // Two token exchanges at once (two tabs): the other one created the record.
    if (isUniqueViolation(error)) return "kept";
    throw error;
  }
}
