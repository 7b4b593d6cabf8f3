-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN "personalDataRemovedAt" DATETIME;

-- AlterTable
ALTER TABLE "SyncHistory" ADD COLUMN "personalDataRemovedAt" DATETIME;

-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "customerId" TEXT,
    "orderIds" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shop_receivedAt_idx" ON "CustomerDataRequest"("shop", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDataRequest_shop_dataRequestId_key" ON "CustomerDataRequest"("shop", "dataRequestId");

-- CreateIndex
CREATE INDEX "WebhookEvent_personalDataRemovedAt_receivedAt_idx" ON "WebhookEvent"("personalDataRemovedAt", "receivedAt");

-- CreateIndex
CREATE INDEX "SyncHistory_personalDataRemovedAt_createdAt_idx" ON "SyncHistory"("personalDataRemovedAt", "createdAt");

