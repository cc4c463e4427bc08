-- AlterTable
ALTER TABLE "ApplicationStatusChange" ADD COLUMN "document" JSONB;

-- CreateTable
CREATE TABLE "ReceivedNonce" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "departmentId" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "citizenId" TEXT NOT NULL,
    "applicationId" TEXT,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trackingNumber" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "serviceVersionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "channel" TEXT NOT NULL,
    "kioskId" TEXT,
    "clerkId" TEXT,
    "assistedSessionId" TEXT,
    "language" TEXT NOT NULL DEFAULT 'ur',
    "formData" JSONB NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "departmentReference" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_serviceVersionId_fkey" FOREIGN KEY ("serviceVersionId") REFERENCES "ServiceVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("assistedSessionId", "channel", "citizenId", "clerkId", "departmentReference", "formData", "id", "idempotencyKey", "kioskId", "serviceVersionId", "status", "submittedAt", "trackingNumber", "updatedAt") SELECT "assistedSessionId", "channel", "citizenId", "clerkId", "departmentReference", "formData", "id", "idempotencyKey", "kioskId", "serviceVersionId", "status", "submittedAt", "trackingNumber", "updatedAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_trackingNumber_key" ON "Application"("trackingNumber");
CREATE INDEX "Application_serviceVersionId_idx" ON "Application"("serviceVersionId");
CREATE UNIQUE INDEX "Application_citizenId_idempotencyKey_key" ON "Application"("citizenId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReceivedNonce_expiresAt_idx" ON "ReceivedNonce"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReceivedNonce_departmentId_nonce_key" ON "ReceivedNonce"("departmentId", "nonce");

-- CreateIndex
CREATE INDEX "Notification_state_nextAttemptAt_idx" ON "Notification"("state", "nextAttemptAt");
