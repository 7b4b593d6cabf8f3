-- AlterTable
ALTER TABLE "SyncHistory" ADD COLUMN     "personalDataRemovedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "personalDataRemovedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "customerId" TEXT,
    "orderIds" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerDataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shop_receivedAt_idx" ON "CustomerDataRequest"("shop", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDataRequest_shop_dataRequestId_key" ON "CustomerDataRequest"("shop", "dataRequestId");

-- CreateIndex
CREATE INDEX "SyncHistory_personalDataRemovedAt_createdAt_idx" ON "SyncHistory"("personalDataRemovedAt", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_personalDataRemovedAt_receivedAt_idx" ON "WebhookEvent"("personalDataRemovedAt", "receivedAt");
