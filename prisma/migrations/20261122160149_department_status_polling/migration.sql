-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Department" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'sandbox',
    "contact" JSONB,
    "statusPolling" BOOLEAN NOT NULL DEFAULT false,
    "conformance" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Department" ("baseUrl", "code", "conformance", "contact", "createdAt", "id", "name", "state", "updatedAt") SELECT "baseUrl", "code", "conformance", "contact", "createdAt", "id", "name", "state", "updatedAt" FROM "Department";
DROP TABLE "Department";
ALTER TABLE "new_Department" RENAME TO "Department";
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
