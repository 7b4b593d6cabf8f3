-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "ianaTimezone" TEXT;
ALTER TABLE "ShopSettings" ADD COLUMN "installedAt" DATETIME;
ALTER TABLE "ShopSettings" ADD COLUMN "openlogiTokenSavedAt" DATETIME;
ALTER TABLE "ShopSettings" ADD COLUMN "settingsSavedAt" DATETIME;

