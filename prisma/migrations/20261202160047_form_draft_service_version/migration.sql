-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FormDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "citizenId" TEXT NOT NULL,
    "serviceVersionId" TEXT NOT NULL,
    "formData" JSONB NOT NULL,
    "language" TEXT NOT NULL,
    "resumeCodeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    CONSTRAINT "FormDraft_serviceVersionId_fkey" FOREIGN KEY ("serviceVersionId") REFERENCES "ServiceVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_FormDraft" ("citizenId", "createdAt", "expiresAt", "formData", "id", "language", "resumeCodeHash", "serviceVersionId", "submittedAt", "updatedAt") SELECT "citizenId", "createdAt", "expiresAt", "formData", "id", "language", "resumeCodeHash", "serviceVersionId", "submittedAt", "updatedAt" FROM "FormDraft";
DROP TABLE "FormDraft";
ALTER TABLE "new_FormDraft" RENAME TO "FormDraft";
CREATE UNIQUE INDEX "FormDraft_resumeCodeHash_key" ON "FormDraft"("resumeCodeHash");
CREATE INDEX "FormDraft_citizenId_expiresAt_idx" ON "FormDraft"("citizenId", "expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
