-- AlterTable
ALTER TABLE "Application" ADD COLUMN "assistedSessionId" TEXT;
ALTER TABLE "Application" ADD COLUMN "clerkId" TEXT;
ALTER TABLE "Application" ADD COLUMN "kioskId" TEXT;
