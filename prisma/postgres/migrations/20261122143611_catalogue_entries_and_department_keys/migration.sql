-- AlterTable
ALTER TABLE "Citizen" ADD COLUMN     "testIdentity" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "conformance" JSONB,
ADD COLUMN     "contact" JSONB;

-- AlterTable
ALTER TABLE "ServiceVersion" ADD COLUMN     "description" JSONB,
ADD COLUMN     "eligibility" JSONB,
ADD COLUMN     "feeQuoted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requiredDocuments" JSONB;

-- CreateTable
CREATE TABLE "DepartmentKey" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "DepartmentKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DepartmentKey_departmentId_keyId_key" ON "DepartmentKey"("departmentId", "keyId");

-- AddForeignKey
ALTER TABLE "DepartmentKey" ADD CONSTRAINT "DepartmentKey_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
