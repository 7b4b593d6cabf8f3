-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SyncJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'order_event',
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
    "webhookEventId" INTEGER,
    "retryOfId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    CONSTRAINT "SyncJob_webhookEventId_fkey" FOREIGN KEY ("webhookEventId") REFERENCES "WebhookEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SyncJob" ("attempts", "completedAt", "createdAt", "id", "jobKey", "lastError", "lockedAt", "lockedBy", "maxAttempts", "orderId", "runAt", "shop", "status", "task", "triggeredAt", "updatedAt", "webhookEventId") SELECT "attempts", "completedAt", "createdAt", "id", "jobKey", "lastError", "lockedAt", "lockedBy", "maxAttempts", "orderId", "runAt", "shop", "status", "task", "triggeredAt", "updatedAt", "webhookEventId" FROM "SyncJob";
DROP TABLE "SyncJob";
ALTER TABLE "new_SyncJob" RENAME TO "SyncJob";
CREATE UNIQUE INDEX "SyncJob_jobKey_key" ON "SyncJob"("jobKey");
CREATE INDEX "SyncJob_status_runAt_idx" ON "SyncJob"("status", "runAt");
CREATE INDEX "SyncJob_shop_orderId_triggeredAt_idx" ON "SyncJob"("shop", "orderId", "triggeredAt");
CREATE TABLE "new_SyncHistory" (
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
    "actionRequired" BOOLEAN NOT NULL DEFAULT false,
    "message" TEXT,
    "details" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "jobId" INTEGER,
    "webhookId" TEXT,
    "retryOfId" INTEGER,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_SyncHistory" ("action", "attempts", "billable", "createdAt", "details", "finishedAt", "id", "jobId", "list", "message", "orderId", "orderName", "outcome", "shipmentId", "shipmentIdentifier", "shop", "startedAt", "statusSeen", "webhookId") SELECT "action", "attempts", "billable", "createdAt", "details", "finishedAt", "id", "jobId", "list", "message", "orderId", "orderName", "outcome", "shipmentId", "shipmentIdentifier", "shop", "startedAt", "statusSeen", "webhookId" FROM "SyncHistory";
DROP TABLE "SyncHistory";
ALTER TABLE "new_SyncHistory" RENAME TO "SyncHistory";
CREATE INDEX "SyncHistory_shop_list_createdAt_idx" ON "SyncHistory"("shop", "list", "createdAt");
CREATE INDEX "SyncHistory_shop_orderId_createdAt_idx" ON "SyncHistory"("shop", "orderId", "createdAt");
CREATE INDEX "SyncHistory_shop_actionRequired_createdAt_idx" ON "SyncHistory"("shop", "actionRequired", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

