-- CreateTable
CREATE TABLE "OrderStatusRead" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "atLocation" BOOLEAN NOT NULL,
    "cancelled" BOOLEAN NOT NULL,
    "shipments" TEXT,
    "checkedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "orderId")
);

