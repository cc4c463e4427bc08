-- CreateEnum
CREATE TYPE "VoucherState" AS ENUM ('unpaid', 'paid');

-- AlterEnum
ALTER TYPE "OutboxState" ADD VALUE 'awaiting_payment';

-- CreateTable
CREATE TABLE "PaymentVoucher" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" "VoucherState" NOT NULL DEFAULT 'unpaid',
    "paidAt" TIMESTAMP(3),
    "paidVia" TEXT,
    "paymentReference" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentVoucher_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentVoucher_applicationId_key" ON "PaymentVoucher"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentVoucher_psid_key" ON "PaymentVoucher"("psid");

-- AddForeignKey
ALTER TABLE "PaymentVoucher" ADD CONSTRAINT "PaymentVoucher_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
