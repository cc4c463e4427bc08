-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "signInFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "signInWindowFrom" TIMESTAMP(3);
