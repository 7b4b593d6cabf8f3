-- The order page's cache gains Shopify's facts with the order's version; it is a cache, so it
-- is rebuilt empty rather than migrated (the next view of each order fills it again).
DROP TABLE "OrderStatusRead";

-- CreateTable
CREATE TABLE "OrderStatusRead" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shipmentKey" TEXT NOT NULL,
    "atLocation" BOOLEAN NOT NULL,
    "settingsKey" TEXT NOT NULL,
    "orderUpdatedAt" TEXT NOT NULL,
    "factsReadAt" DATETIME NOT NULL,
    "shipments" TEXT,
    "checkedAt" DATETIME,

    PRIMARY KEY ("shop", "orderId")
);
