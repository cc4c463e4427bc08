-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "serviceCentreId" TEXT,
    "departmentId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "signInFailures" INTEGER NOT NULL DEFAULT 0,
    "signInWindowFrom" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Staff_serviceCentreId_fkey" FOREIGN KEY ("serviceCentreId") REFERENCES "ServiceCentre" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Staff_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Staff" ("active", "createdAt", "departmentId", "displayName", "id", "passwordHash", "role", "serviceCentreId", "username") SELECT "active", "createdAt", "departmentId", "displayName", "id", "passwordHash", "role", "serviceCentreId", "username" FROM "Staff";
DROP TABLE "Staff";
ALTER TABLE "new_Staff" RENAME TO "Staff";
CREATE UNIQUE INDEX "Staff_username_key" ON "Staff"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
