-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "openlogiAccountCode" TEXT,
    "openlogiTokenCiphertext" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "reflectChanges" BOOLEAN NOT NULL DEFAULT true,
    "cancelAfterConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "modifyAfterConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "reflectItemChanges" BOOLEAN NOT NULL DEFAULT true,
    "shipmentKey" TEXT NOT NULL DEFAULT 'name',
    "locationId" TEXT,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "connectionError" TEXT,
    "connectionErrorAt" DATETIME,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "eventId" TEXT,
    "apiVersion" TEXT,
    "triggeredAt" DATETIME NOT NULL,
    "orderId" TEXT,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SyncJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "triggeredAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "webhookEventId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    CONSTRAINT "SyncJob_webhookEventId_fkey" FOREIGN KEY ("webhookEventId") REFERENCES "WebhookEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncHistory" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT,
    "shipmentId" TEXT,
    "shipmentIdentifier" TEXT,
    "statusSeen" TEXT,
    "action" TEXT NOT NULL,
    "billable" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    "details" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "jobId" INTEGER,
    "webhookId" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BillableRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "changeKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'intent',
    "jobId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nextSlotAt" BIGINT NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_webhookId_key" ON "WebhookEvent"("webhookId");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_orderId_idx" ON "WebhookEvent"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncJob_jobKey_key" ON "SyncJob"("jobKey");

-- CreateIndex
CREATE INDEX "SyncJob_status_runAt_idx" ON "SyncJob"("status", "runAt");

-- CreateIndex
CREATE INDEX "SyncJob_shop_orderId_triggeredAt_idx" ON "SyncJob"("shop", "orderId", "triggeredAt");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_list_createdAt_idx" ON "SyncHistory"("shop", "list", "createdAt");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_orderId_createdAt_idx" ON "SyncHistory"("shop", "orderId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BillableRequest_shop_shipmentId_kind_changeKey_key" ON "BillableRequest"("shop", "shipmentId", "kind", "changeKey");

