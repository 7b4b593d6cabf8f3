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
  try {
    return await prisma.$transaction(async (tx) => {
      // Written first, so that on SQLite the transaction holds the write lock from its first
      // statement: a commit elsewhere (the webhook intake's own connection, another process)
      // cannot come between its read and its write (SQLITE_BUSY_SNAPSHOT).
      const touched = await tx.shopSettings.updateMany({ where: { shop }, data: { installedAt: now } });
      if (touched.count === 0) {
        await tx.shopSettings.create({ data: { shop, installedAt: now } });
        return "created";
      }
      const row = await tx.shopSettings.findUniqueOrThrow({
        where: { shop },
        select: { uninstalledAt: true, settingsSavedAt: true, openlogiAccountCode: true },
      });
      const restored = row.uninstalledAt !== null;
      if (restored) {
        const keptChoices = row.settingsSavedAt !== null || row.openlogiAccountCode !== null;
        await tx.shopSettings.update({ where: { shop }, data: { uninstalledAt: null, reinstalledAt: keptChoices ? now : null } });
      }
      return restored ? "restored" : "kept";
    });
  } catch (error) {
    // Two token exchanges at once (two tabs): the other one created the record.
    if (isUniqueViolation(error)) return "kept";
    throw error;
  }
}
