-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "reinstalledAt" DATETIME;

-- CreateIndex
CREATE INDEX "SyncJob_shop_status_completedAt_idx" ON "SyncJob"("shop", "status", "completedAt");
