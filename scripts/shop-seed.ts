/**
 * Registers a shop without OAuth:
 *   npm run shop:seed -- --shop X.myshopify.com --access-token T --openlogi-token T \
 *     --openlogi-account CODE [--set key=value …]
 */
import { parseArgs } from "node:util";
import { getEnv } from "../app/env.server";
import prisma from "../app/models/db.server";
import { parseShopSettingsInput, readSettingPairs, SettingsInputError, type ShopSettingsInput } from "../app/models/settings-input";
import { seedShop } from "../app/models/shop-seed.server";
import { createTokenCipher } from "../app/security/token-cipher.server";

const { values } = parseArgs({
  options: {
    shop: { type: "string" },
    "access-token": { type: "string" },
    "openlogi-token": { type: "string" },
    "openlogi-account": { type: "string" },
    set: { type: "string", multiple: true, default: [] },
  },
});

const missing = ["shop", "access-token", "openlogi-token", "openlogi-account"].filter(
  (name) => !values[name as keyof typeof values],
);
if (missing.length > 0) {
  console.error(`Missing: ${missing.map((name) => `--${name}`).join(", ")}`);
  process.exit(2);
}
if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(values.shop!)) {
  console.error(`--shop must be a *.myshopify.com domain, got "${values.shop}"`);
  process.exit(2);
}

/** The option a problem's field came from, so the message points at what to retype. */
const OPTION_OF: Record<string, string> = { openlogiToken: "--openlogi-token", openlogiAccountCode: "--openlogi-account" };

let input: ShopSettingsInput;
try {
  // The options override a `--set` pair of the same name: the token and account come only from them.
  input = parseShopSettingsInput({
    ...readSettingPairs(values.set!),
    openlogiToken: values["openlogi-token"],
    openlogiAccountCode: values["openlogi-account"],
  });
} catch (error) {
  if (!(error instanceof SettingsInputError)) throw error;
  const lines = error.problems.map(({ field, message }) => `  ${OPTION_OF[field] ?? `--set ${field}`}: ${message}`);
  console.error(`Nothing was saved:\n${lines.join("\n")}`);
  process.exit(2);
}
const { openlogiToken, openlogiAccountCode, ...settings } = input;

const env = getEnv();
await seedShop(prisma, createTokenCipher(env.TOKEN_ENCRYPTION_KEY), {
  shop: values.shop!,
  accessToken: values["access-token"]!,
  openlogiToken: openlogiToken!,
  openlogiAccountCode: openlogiAccountCode!,
  settings,
});
console.log(`Seeded ${values.shop}`);
await prisma.$disconnect();
