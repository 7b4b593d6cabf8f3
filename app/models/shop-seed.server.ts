import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { TokenCipher } from "../security/token-cipher.server";
import { parseShopSettingsInput, type SettingsPatch } from "./settings-input";
import { saveShopSettings } from "./settings.server";

export interface ShopSeed {
  shop: string;
  accessToken: string;
  scope?: string;
  openlogiToken: string;
  openlogiAccountCode: string;
  settings: SettingsPatch;
}

/**
 * Registers a shop without OAuth: an offline session (as Shopify's token exchange would
 * store it) and the sync settings with the OpenLogi token encrypted. Used by
 * `npm run shop:seed`, the sandbox and the tests. Bad settings throw SettingsInputError
 * before anything is stored.
 */
export async function seedShop(prisma: PrismaClient, cipher: TokenCipher, seed: ShopSeed, now = new Date()) {
  const input = parseShopSettingsInput({
    ...seed.settings,
    openlogiToken: seed.openlogiToken,
    openlogiAccountCode: seed.openlogiAccountCode,
  });
  const storage = new PrismaSessionStorage(prisma);
  await storage.storeSession(
    new Session({
      id: `offline_${seed.shop}`,
      shop: seed.shop,
      state: "seeded",
      isOnline: false,
      scope: seed.scope ?? "read_orders,read_merchant_managed_fulfillment_orders,read_third_party_fulfillment_orders,read_locations",
      accessToken: seed.accessToken,
    }),
  );
  await saveShopSettings(prisma, cipher, seed.shop, input, now);
}
