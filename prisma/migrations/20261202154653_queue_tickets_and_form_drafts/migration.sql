-- CreateTable
CREATE TABLE "QueueTicket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceCentreId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'waiting',
    "kioskId" TEXT,
    "estimatedWaitMinutes" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "calledAt" DATETIME,
    "timesCalled" INTEGER NOT NULL DEFAULT 0,
    "counter" TEXT,
    "clerkId" TEXT,
    "servingStartedAt" DATETIME,
    "finishedAt" DATETIME,
    "assistedSessionId" TEXT,
    "citizenId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "QueueTicket_serviceCentreId_fkey" FOREIGN KEY ("serviceCentreId") REFERENCES "ServiceCentre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FormDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "citizenId" TEXT NOT NULL,
    "serviceVersionId" TEXT NOT NULL,
    "formData" JSONB NOT NULL,
    "language" TEXT NOT NULL,
    "resumeCodeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ServiceCentre" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Karachi',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ServiceCentre" ("code", "createdAt", "id", "name") SELECT "code", "createdAt", "id", "name" FROM "ServiceCentre";
DROP TABLE "ServiceCentre";
ALTER TABLE "new_ServiceCentre" RENAME TO "ServiceCentre";
CREATE UNIQUE INDEX "ServiceCentre_code_key" ON "ServiceCentre"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_assistedSessionId_key" ON "QueueTicket"("assistedSessionId");

-- CreateIndex
CREATE INDEX "QueueTicket_serviceCentreId_day_state_idx" ON "QueueTicket"("serviceCentreId", "day", "state");

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_serviceCentreId_day_sequence_key" ON "QueueTicket"("serviceCentreId", "day", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "FormDraft_resumeCodeHash_key" ON "FormDraft"("resumeCodeHash");

-- CreateIndex
CREATE INDEX "FormDraft_citizenId_expiresAt_idx" ON "FormDraft"("citizenId", "expiresAt");
