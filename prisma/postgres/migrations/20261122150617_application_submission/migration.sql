-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "assistedSessionId" TEXT,
ADD COLUMN     "clerkId" TEXT,
ADD COLUMN     "kioskId" TEXT;
