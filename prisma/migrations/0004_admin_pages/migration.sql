-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "ianaTimezone" TEXT;
ALTER TABLE "ShopSettings" ADD COLUMN "installedAt" DATETIME;
ALTER TABLE "ShopSettings" ADD COLUMN "openlogiTokenSavedAt" DATETIME;
ALTER TABLE "ShopSettings" ADD COLUMN "settingsSavedAt" DATETIME;

-- CreateIndex
CREATE INDEX "SyncHistory_shop_list_actionRequired_createdAt_idx" ON "SyncHistory"("shop", "list", "actionRequired", "createdAt");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_list_orderName_idx" ON "SyncHistory"("shop", "list", "orderName");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_createdAt_list_outcome_idx" ON "SyncHistory"("shop", "createdAt", "list", "outcome");

