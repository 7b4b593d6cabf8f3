-- AlterTable
ALTER TABLE "SyncJob" ADD COLUMN "collapsedIntoId" INTEGER;
