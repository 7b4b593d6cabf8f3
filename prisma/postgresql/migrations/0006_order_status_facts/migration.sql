-- AlterTable
ALTER TABLE "OrderStatusRead" DROP COLUMN "cancelled",
ADD COLUMN     "factsReadAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "orderUpdatedAt" TEXT NOT NULL,
ADD COLUMN     "settingsKey" TEXT NOT NULL,
ADD COLUMN     "shipmentKey" TEXT NOT NULL,
ALTER COLUMN "checkedAt" DROP NOT NULL;
