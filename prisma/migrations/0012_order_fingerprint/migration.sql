-- CreateTable
CREATE TABLE "OrderFingerprint" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "fingerprint" TEXT,
    "triggeredAt" DATETIME,
    "acceptedAt" DATETIME,
    "jobId" INTEGER,
    "quietCount" INTEGER NOT NULL DEFAULT 0,
    "lastQuietAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "orderId")
);
