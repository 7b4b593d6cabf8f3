import type { PrismaClient } from "@prisma/client";
import { decryptLegacyToken, isLegacyToken } from "../security/legacy-token-cipher.server";
import { createTokenCipher, TokenUnreadableError, type TokenUnreadableReason } from "../security/token-cipher.server";
import { TOKEN_UNREADABLE_ERROR } from "./settings.server";
import { wakeShopJobs } from "./sync-job.server";

export interface TokenKeys {
  /** TOKEN_ENCRYPTION_KEY: every token is rewritten under it. */
  current: string;
  /** TOKEN_ENCRYPTION_PREVIOUS_KEYS: what older rows may have been made under. */
  previous: readonly string[];
}

export interface ReencryptionReport {
  /** Shops whose token was rewritten under the current key (v1 rows included). */
  reencrypted: string[];
  /** Shops whose token was already current. */
  current: string[];
  /** Shops whose token no key opens: the merchant must enter it again. */
  unreadable: { shop: string; reason: TokenUnreadableReason }[];
}

/**
 * `npm run tokens:reencrypt`: rewrites every stored OpenLogi token in the current format under
 * the current key, bound to its shop. It can run again safely, and while the app runs: a row
 * is written only if it still holds what was read, so a token saved meanwhile is kept. A shop
 * marked broken only because its token was unreadable is connected again, and its waiting
 * jobs are woken.
 */
export async function reencryptStoredTokens(prisma: PrismaClient, keys: TokenKeys, now: Date): Promise<ReencryptionReport> {
  const cipher = createTokenCipher(keys.current, keys.previous);
  const report: ReencryptionReport = { reencrypted: [], current: [], unreadable: [] };
  const rows = await prisma.shopSettings.findMany({
    where: { openlogiTokenCiphertext: { not: null } },
    select: { shop: true, openlogiTokenCiphertext: true, connectionError: true },
    orderBy: { shop: "asc" },
  });

  for (const { shop, openlogiTokenCiphertext: stored, connectionError } of rows) {
    let plain: string;
    try {
      plain = isLegacyToken(stored!) ? decryptLegacyToken(stored!, [keys.current, ...keys.previous]) : cipher.decrypt(stored!, shop);
    } catch (error) {
      if (!(error instanceof TokenUnreadableError)) throw error;
      report.unreadable.push({ shop, reason: error.reason });
      continue;
    }
    const upToDate = cipher.isCurrent(stored!);
    const reconnect = connectionError === TOKEN_UNREADABLE_ERROR;
    if (upToDate && !reconnect) {
      report.current.push(shop);
      continue;
    }
    const { count } = await prisma.shopSettings.updateMany({
      where: { shop, openlogiTokenCiphertext: stored },
      data: {
        ...(upToDate ? {} : { openlogiTokenCiphertext: cipher.encrypt(plain, shop) }),
        ...(reconnect ? { connectionError: null, connectionErrorAt: null } : {}),
      },
    });
    // count 0: a new token was saved since the read, under the current key.
    if (count === 0) continue;
    if (reconnect) await wakeShopJobs(prisma, shop, now);
    report[upToDate ? "current" : "reencrypted"].push(shop);
  }
  return report;
}
