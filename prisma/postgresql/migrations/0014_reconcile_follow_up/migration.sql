-- AlterTable
ALTER TABLE "BillableRequest" ADD COLUMN     "checks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3),
ADD COLUMN     "result" TEXT,
ADD COLUMN     "resultAt" TIMESTAMP(3),
ADD COLUMN     "sentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncHistory" ADD COLUMN     "requestResult" TEXT,
ADD COLUMN     "requestResultAt" TIMESTAMP(3),
ADD COLUMN     "requestResultStatus" TEXT;

-- CreateTable
CREATE TABLE "ReconcileCheckpoint" (
    "shop" TEXT NOT NULL,
    "updatedSince" TIMESTAMP(3) NOT NULL,
    "lastCycleAt" TIMESTAMP(3) NOT NULL,
    "lastSeen" INTEGER NOT NULL DEFAULT 0,
    "lastQueued" INTEGER NOT NULL DEFAULT 0,
    "lastPoints" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReconcileCheckpoint_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "BillableRequest_nextCheckAt_idx" ON "BillableRequest"("nextCheckAt");
