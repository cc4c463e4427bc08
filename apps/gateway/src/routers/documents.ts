import { UploadDocumentInput } from '@darwaza/contracts/applications'
import { uploadDocument } from '../services/documents.ts'
import { citizenProcedure, router } from '../trpc.ts'

export const documentsRouter = router({
  upload: citizenProcedure
    .input(UploadDocumentInput)
    .mutation(({ ctx, input }) =>
      uploadDocument(
        ctx.services.access,
        ctx.services.access.documents,
        ctx.services.access.documentMaxBytes,
        ctx.actor.citizenId,
        input,
      ),
    ),
})
