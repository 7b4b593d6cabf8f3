-- CreateTable
CREATE TABLE "OrderStatusRead" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "atLocation" BOOLEAN NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "shipments" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "orderId")
);

