-- CreateTable
CREATE TABLE "OrderFingerprint" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "fingerprint" TEXT,
    "triggeredAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "jobId" INTEGER,
    "quietCount" INTEGER NOT NULL DEFAULT 0,
    "lastQuietAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderFingerprint_pkey" PRIMARY KEY ("shop","orderId")
);
