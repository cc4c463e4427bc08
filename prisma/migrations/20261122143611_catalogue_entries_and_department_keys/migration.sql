-- AlterTable
ALTER TABLE "Department" ADD COLUMN "conformance" JSONB;
ALTER TABLE "Department" ADD COLUMN "contact" JSONB;

-- CreateTable
CREATE TABLE "DepartmentKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "departmentId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "DepartmentKey_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Citizen" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identityNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "dateOfBirth" TEXT,
    "testIdentity" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Citizen" ("createdAt", "dateOfBirth", "id", "identityNumber", "name", "phone") SELECT "createdAt", "dateOfBirth", "id", "identityNumber", "name", "phone" FROM "Citizen";
DROP TABLE "Citizen";
ALTER TABLE "new_Citizen" RENAME TO "Citizen";
CREATE UNIQUE INDEX "Citizen_identityNumber_key" ON "Citizen"("identityNumber");
CREATE TABLE "new_ServiceVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "title" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "description" JSONB,
    "eligibility" JSONB,
    "requiredDocuments" JSONB,
    "feeQuoted" BOOLEAN NOT NULL DEFAULT false,
    "formSchema" JSONB NOT NULL,
    "presentation" JSONB NOT NULL,
    "endpointPath" TEXT NOT NULL,
    "keywords" JSONB,
    "citizenAttributes" JSONB NOT NULL,
    "channels" JSONB NOT NULL,
    "feeMinor" INTEGER,
    "feeCurrency" TEXT,
    "processingDays" INTEGER,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ServiceVersion_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ServiceVersion" ("channels", "citizenAttributes", "createdAt", "endpointPath", "feeCurrency", "feeMinor", "formSchema", "id", "keywords", "presentation", "processingDays", "publishedAt", "serviceId", "state", "summary", "title", "version") SELECT "channels", "citizenAttributes", "createdAt", "endpointPath", "feeCurrency", "feeMinor", "formSchema", "id", "keywords", "presentation", "processingDays", "publishedAt", "serviceId", "state", "summary", "title", "version" FROM "ServiceVersion";
DROP TABLE "ServiceVersion";
ALTER TABLE "new_ServiceVersion" RENAME TO "ServiceVersion";
CREATE INDEX "ServiceVersion_state_idx" ON "ServiceVersion"("state");
CREATE UNIQUE INDEX "ServiceVersion_serviceId_version_key" ON "ServiceVersion"("serviceId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DepartmentKey_departmentId_keyId_key" ON "DepartmentKey"("departmentId", "keyId");
