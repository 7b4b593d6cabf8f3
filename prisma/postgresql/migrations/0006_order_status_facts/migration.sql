-- A cache: emptied rather than migrated, as in the SQLite migration (the next view fills it).
DELETE FROM "OrderStatusRead";

-- AlterTable
ALTER TABLE "OrderStatusRead" DROP COLUMN "cancelled",
ADD COLUMN     "factsReadAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "orderUpdatedAt" TEXT NOT NULL,
ADD COLUMN     "settingsKey" TEXT NOT NULL,
ADD COLUMN     "shipmentKey" TEXT NOT NULL,
ALTER COLUMN "checkedAt" DROP NOT NULL;
