/**
 * Registers a shop without OAuth:
 *   npm run shop:seed -- --shop X.myshopify.com --access-token T --openlogi-token T \
 *     --openlogi-account CODE [--set key=value …]
 */
import { parseArgs } from "node:util";
import { getEnv } from "../app/env.server";
import prisma from "../app/models/db.server";
import { parseSettingPairs } from "../app/models/settings-input";
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

const env = getEnv();
await seedShop(prisma, createTokenCipher(env.TOKEN_ENCRYPTION_KEY), {
  shop: values.shop!,
  accessToken: values["access-token"]!,
  openlogiToken: values["openlogi-token"]!,
  openlogiAccountCode: values["openlogi-account"]!,
  settings: parseSettingPairs(values.set!),
});
console.log(`Seeded ${values.shop}`);
await prisma.$disconnect();
