import {
  AnswerRequestInput,
  ReceiptPdfInput,
  SubmitApplicationInput,
  SubmittedApplication,
  TrackingRef,
  VerifyInput,
} from '@darwaza/contracts/applications'
import { answerRequest, submitApplication } from '../services/applications.ts'
import { issuedDocument } from '../services/documents.ts'
import { voucherFor } from '../services/payments.ts'
import { receiptFor, receiptPdf, verifyPublicly } from '../services/receipts.ts'
import { citizenProcedure, publicProcedure, router } from '../trpc.ts'

export const applicationsRouter = router({
  submit: citizenProcedure
    .input(SubmitApplicationInput)
    .output(SubmittedApplication)
    .mutation(({ ctx, input }) =>
      submitApplication(
        ctx.services.access,
        { citizenId: ctx.actor.citizenId, clerk: null, actor: ctx.actor, device: ctx.device, requestId: ctx.requestId },
        input,
      ),
    ),
  /** The citizen's answer when the department asked for more information. */
  answer: citizenProcedure
    .input(AnswerRequestInput)
    .mutation(({ ctx, input }) =>
      answerRequest(
        ctx.services.access,
        { citizenId: ctx.actor.citizenId, actor: ctx.actor, device: ctx.device, requestId: ctx.requestId },
        input,
      ),
    ),
  /** A document the department issued (e.g. the certificate), fetched on the citizen's behalf. */
  issuedDocument: citizenProcedure
    .input(TrackingRef)
    .query(({ ctx, input }) => issuedDocument(ctx.services.access, ctx.actor.citizenId, input.trackingNumber)),
  receipt: citizenProcedure
    .input(TrackingRef)
    .query(({ ctx, input }) => receiptFor(ctx.services.access, ctx.actor.citizenId, input.trackingNumber)),
  voucher: citizenProcedure
    .input(TrackingRef)
    .query(({ ctx, input }) => voucherFor(ctx.services.access, ctx.actor.citizenId, input.trackingNumber)),
  /** The receipt as a PDF, in the language asked for (else the one the citizen applied in). */
  receiptPdf: citizenProcedure
    .input(ReceiptPdfInput)
    .query(({ ctx, input }) =>
      receiptPdf(ctx.services.access, ctx.actor.citizenId, input.trackingNumber, input.language),
    ),
  /** The public verification page: anyone holding a receipt's tracking number and code. */
  verify: publicProcedure
    .input(VerifyInput)
    .query(({ ctx, input }) => verifyPublicly(ctx.services.access, input.trackingNumber, input.code)),
})
