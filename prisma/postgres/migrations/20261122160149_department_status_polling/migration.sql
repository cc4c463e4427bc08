-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "statusPolling" BOOLEAN NOT NULL DEFAULT false;
