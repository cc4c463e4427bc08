-- CreateEnum
CREATE TYPE "NotificationState" AS ENUM ('pending', 'sent', 'dead');

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'ur';

-- AlterTable
ALTER TABLE "ApplicationStatusChange" ADD COLUMN     "document" JSONB;

-- CreateTable
CREATE TABLE "ReceivedNonce" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceivedNonce_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "applicationId" TEXT,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReceivedNonce_expiresAt_idx" ON "ReceivedNonce"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReceivedNonce_departmentId_nonce_key" ON "ReceivedNonce"("departmentId", "nonce");

-- CreateIndex
CREATE INDEX "Notification_state_nextAttemptAt_idx" ON "Notification"("state", "nextAttemptAt");
