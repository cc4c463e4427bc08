-- AddForeignKey
ALTER TABLE "FormDraft" ADD CONSTRAINT "FormDraft_serviceVersionId_fkey" FOREIGN KEY ("serviceVersionId") REFERENCES "ServiceVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
