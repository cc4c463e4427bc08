-- CreateEnum
CREATE TYPE "QueueTicketState" AS ENUM ('waiting', 'called', 'serving', 'done', 'no_show');

-- AlterTable
ALTER TABLE "ServiceCentre" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Asia/Karachi';

-- CreateTable
CREATE TABLE "QueueTicket" (
    "id" TEXT NOT NULL,
    "serviceCentreId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "category" "ServiceCategory" NOT NULL,
    "language" TEXT NOT NULL,
    "state" "QueueTicketState" NOT NULL DEFAULT 'waiting',
    "kioskId" TEXT,
    "estimatedWaitMinutes" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "calledAt" TIMESTAMP(3),
    "timesCalled" INTEGER NOT NULL DEFAULT 0,
    "counter" TEXT,
    "clerkId" TEXT,
    "servingStartedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "assistedSessionId" TEXT,
    "citizenId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormDraft" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "serviceVersionId" TEXT NOT NULL,
    "formData" JSONB NOT NULL,
    "language" TEXT NOT NULL,
    "resumeCodeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "FormDraft_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "QueueTicket" ADD CONSTRAINT "QueueTicket_serviceCentreId_fkey" FOREIGN KEY ("serviceCentreId") REFERENCES "ServiceCentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
