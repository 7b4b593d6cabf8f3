/**
 * Rewrites every stored OpenLogi token under TOKEN_ENCRYPTION_KEY, bound to its shop:
 *   TOKEN_ENCRYPTION_PREVIOUS_KEYS=<old key>[,<older key>…] npm run tokens:reencrypt
 * Run it after changing the key, and once after upgrading from the v1 format. It prints
 * shop domains and counts, never a token; it exits 1 when some token no key opens.
 */
import { getEnv } from "../app/env.server";
import prisma from "../app/models/db.server";
import { reencryptStoredTokens } from "../app/models/reencrypt-tokens.server";

const env = getEnv();
const report = await reencryptStoredTokens(
  prisma,
  { current: env.TOKEN_ENCRYPTION_KEY, previous: env.TOKEN_ENCRYPTION_PREVIOUS_KEYS },
  new Date(),
);
await prisma.$disconnect();

console.log(`Re-encrypted ${report.reencrypted.length}, already current ${report.current.length}, unreadable ${report.unreadable.length}`);
if (report.unreadable.length > 0) {
  const lines = report.unreadable.map(({ shop, reason }) => `  ${shop}: ${reason}`);
  console.error(`No key opens these tokens; add the key they were made under to TOKEN_ENCRYPTION_PREVIOUS_KEYS, or have the merchant enter the token again:\n${lines.join("\n")}`);
  process.exitCode = 1;
}
