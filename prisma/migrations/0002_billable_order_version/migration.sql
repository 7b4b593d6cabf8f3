-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BillableRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "changeKey" TEXT NOT NULL,
    "orderVersion" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'intent',
    "jobId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_BillableRequest" ("changeKey", "createdAt", "id", "jobId", "kind", "shipmentId", "shop", "state", "updatedAt") SELECT "changeKey", "createdAt", "id", "jobId", "kind", "shipmentId", "shop", "state", "updatedAt" FROM "BillableRequest";
DROP TABLE "BillableRequest";
ALTER TABLE "new_BillableRequest" RENAME TO "BillableRequest";
CREATE INDEX "BillableRequest_shop_shipmentId_kind_changeKey_state_idx" ON "BillableRequest"("shop", "shipmentId", "kind", "changeKey", "state");
CREATE UNIQUE INDEX "BillableRequest_shop_shipmentId_kind_changeKey_orderVersion_key" ON "BillableRequest"("shop", "shipmentId", "kind", "changeKey", "orderVersion");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

