import type { PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "./unique-violation";

/** What an install did to the shop's record. */
export type InstallResult = "created" | "revived" | "kept";

/**
 * An install, first or again (the library's afterAuth hook, after a token exchange).
 * - No record: one is created with SPEC.md's defaults (the schema's column defaults).
 * - A record marked uninstalled: it is made again from those defaults — no token, no
 *   billable setting left on from before — and the history stays. Home then shows the
 *   onboarding, and the shop's new jobs wait for a connection instead of failing as
 *   "app uninstalled".
 * - An installed shop (a token exchanged again, e.g. after its offline token expired):
 *   nothing changes.
 */
export async function recordInstall(prisma: PrismaClient, shop: string, now: Date): Promise<InstallResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.shopSettings.findUnique({ where: { shop }, select: { uninstalledAt: true } });
      if (row && row.uninstalledAt === null) return "kept";
      if (row) {
        // Only while still marked uninstalled: on PostgreSQL another install may have revived it
        // since the read above, and then there is nothing left for this one to do.
        const { count } = await tx.shopSettings.deleteMany({ where: { shop, uninstalledAt: { not: null } } });
        if (count === 0) return "kept";
      }
      await tx.shopSettings.create({ data: { shop, installedAt: now } });
      return row ? "revived" : "created";
    });
  } catch (error) {
    // Two token exchanges at once (two tabs): the other one created the record.
    if (isUniqueViolation(error)) return "kept";
    throw error;
  }
}
