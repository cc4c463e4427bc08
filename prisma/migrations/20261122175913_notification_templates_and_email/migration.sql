-- AlterTable
ALTER TABLE "Citizen" ADD COLUMN "email" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "subject" TEXT;

-- AlterTable
ALTER TABLE "ServiceVersion" ADD COLUMN "notificationTemplates" JSONB;

-- CreateTable
CREATE TABLE "DevEmailMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "DevEmailMessage_to_createdAt_idx" ON "DevEmailMessage"("to", "createdAt");
