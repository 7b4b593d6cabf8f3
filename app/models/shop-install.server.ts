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
      const row = await tx.shopSettings.findUnique({
        where: { shop },
        select: { uninstalledAt: true, settingsSavedAt: true, openlogiAccountCode: true },
      });
      if (!row) {
        await tx.shopSettings.create({ data: { shop, installedAt: now } });
        return "created";
      }
      const restored = row.uninstalledAt !== null;
      const keptChoices = row.settingsSavedAt !== null || row.openlogiAccountCode !== null;
      await tx.shopSettings.update({
        where: { shop },
        data: { installedAt: now, ...(restored ? { uninstalledAt: null, reinstalledAt: keptChoices ? now : null } : {}) },
      });
      return restored ? "restored" : "kept";
    });
  } catch (error) {
    // Two token exchanges at once (two tabs): the other one created the record.
    if (isUniqueViolation(error)) return "kept";
    throw error;
  }
}
