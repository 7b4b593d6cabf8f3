-- AlterTable
ALTER TABLE "SyncHistory" ADD COLUMN "requestResult" TEXT;
ALTER TABLE "SyncHistory" ADD COLUMN "requestResultStatus" TEXT;
ALTER TABLE "SyncHistory" ADD COLUMN "requestResultAt" DATETIME;

-- AlterTable
ALTER TABLE "BillableRequest" ADD COLUMN "sentAt" DATETIME;
ALTER TABLE "BillableRequest" ADD COLUMN "nextCheckAt" DATETIME;
ALTER TABLE "BillableRequest" ADD COLUMN "checks" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "BillableRequest" ADD COLUMN "result" TEXT;
ALTER TABLE "BillableRequest" ADD COLUMN "resultAt" DATETIME;

-- CreateIndex
CREATE INDEX "BillableRequest_nextCheckAt_idx" ON "BillableRequest"("nextCheckAt");

-- CreateTable
CREATE TABLE "ReconcileCheckpoint" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "updatedSince" DATETIME NOT NULL,
    "lastCycleAt" DATETIME NOT NULL,
    "lastSeen" INTEGER NOT NULL DEFAULT 0,
    "lastQueued" INTEGER NOT NULL DEFAULT 0,
    "lastPoints" INTEGER NOT NULL DEFAULT 0
);
