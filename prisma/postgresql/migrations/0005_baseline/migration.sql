-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
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
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "openlogiAccountCode" TEXT,
    "openlogiTokenCiphertext" TEXT,
    "openlogiTokenSavedAt" TIMESTAMP(3),
    "environment" TEXT NOT NULL DEFAULT 'production',
    "reflectChanges" BOOLEAN NOT NULL DEFAULT true,
    "cancelAfterConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "modifyAfterConfirmation" BOOLEAN NOT NULL DEFAULT false,
    "reflectItemChanges" BOOLEAN NOT NULL DEFAULT true,
    "shipmentKey" TEXT NOT NULL DEFAULT 'name',
    "locationId" TEXT,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "connectionError" TEXT,
    "connectionErrorAt" TIMESTAMP(3),
    "uninstalledAt" TIMESTAMP(3),
    "installedAt" TIMESTAMP(3),
    "ianaTimezone" TEXT,
    "settingsSavedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" SERIAL NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "eventId" TEXT,
    "apiVersion" TEXT,
    "triggeredAt" TIMESTAMP(3) NOT NULL,
    "orderId" TEXT,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncJob" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'order_event',
    "task" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "triggeredAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "webhookEventId" INTEGER,
    "retryOfId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SyncJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncHistory" (
    "id" SERIAL NOT NULL,
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
    "actionRequired" BOOLEAN NOT NULL DEFAULT false,
    "message" TEXT,
    "details" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "jobId" INTEGER,
    "webhookId" TEXT,
    "retryOfId" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillableRequest" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "changeKey" TEXT NOT NULL,
    "orderVersion" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'intent',
    "jobId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillableRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "nextSlotAt" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OrderStatusRead" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "atLocation" BOOLEAN NOT NULL,
    "cancelled" BOOLEAN NOT NULL,
    "shipments" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderStatusRead_pkey" PRIMARY KEY ("shop","orderId")
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
CREATE INDEX "SyncHistory_shop_actionRequired_createdAt_idx" ON "SyncHistory"("shop", "actionRequired", "createdAt");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_list_actionRequired_createdAt_idx" ON "SyncHistory"("shop", "list", "actionRequired", "createdAt");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_list_orderName_idx" ON "SyncHistory"("shop", "list", "orderName");

-- CreateIndex
CREATE INDEX "SyncHistory_shop_createdAt_list_outcome_idx" ON "SyncHistory"("shop", "createdAt", "list", "outcome");

-- CreateIndex
CREATE INDEX "BillableRequest_shop_shipmentId_kind_changeKey_state_idx" ON "BillableRequest"("shop", "shipmentId", "kind", "changeKey", "state");

-- CreateIndex
CREATE UNIQUE INDEX "BillableRequest_shop_shipmentId_kind_changeKey_orderVersion_key" ON "BillableRequest"("shop", "shipmentId", "kind", "changeKey", "orderVersion");

-- AddForeignKey
ALTER TABLE "SyncJob" ADD CONSTRAINT "SyncJob_webhookEventId_fkey" FOREIGN KEY ("webhookEventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

