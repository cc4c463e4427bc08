-- AlterTable
ALTER TABLE "ServiceVersion" ADD COLUMN "keywords" JSONB;
