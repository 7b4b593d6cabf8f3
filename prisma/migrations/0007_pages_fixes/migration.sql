-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "reinstalledAt" DATETIME;
