import {
  AssistedSessionRef,
  CodeChallenge,
  ConsentByCodeInput,
  ConsentByIdCardInput,
  RequestCodeInput,
} from '@darwaza/contracts/identity'
import {
  actingFor,
  assistedOverview,
  endAssisted,
  requestConsentCode,
  startWithCode,
  startWithIdCard,
} from '../services/assisted.ts'
import {
  AssistedSubmitInput,
  AssistedUploadInput,
  CashPaymentInput,
  SubmittedApplication,
  UnpaidVoucher,
} from '@darwaza/contracts/applications'
import { z } from 'zod'
import { auditName, deviceName } from '../domain/actors.ts'
import { uploadDocument } from '../services/documents.ts'
import { recordCashPayment, unpaidVouchers } from '../services/payments.ts'
import { submitApplication } from '../services/applications.ts'
import { clerkProcedure, router } from '../trpc.ts'

export const assistedRouter = router({
  requestConsent: clerkProcedure
    .input(RequestCodeInput)
    .output(CodeChallenge)
    .mutation(({ ctx, input }) =>
      requestConsentCode(ctx.services.access, ctx.actor, input.identityNumber, input.language),
    ),
  startWithCode: clerkProcedure
    .input(ConsentByCodeInput)
    .mutation(({ ctx, input }) => startWithCode(ctx.services.access, ctx.actor, input, ctx.device)),
  startWithIdCard: clerkProcedure
    .input(ConsentByIdCardInput)
    .mutation(({ ctx, input }) => startWithIdCard(ctx.services.access, ctx.actor, input, ctx.device)),
  overview: clerkProcedure
    .input(AssistedSessionRef)
    .query(({ ctx, input }) => assistedOverview(ctx.services.access, ctx.actor, input.assistedSessionId, ctx.device)),
  submit: clerkProcedure
    .input(AssistedSubmitInput)
    .output(SubmittedApplication)
    .mutation(async ({ ctx, input }) => {
      const { assistedSessionId, ...application } = input
      const citizenId = await actingFor(ctx.services.access, ctx.actor, assistedSessionId)
      return submitApplication(
        ctx.services.access,
        {
          citizenId,
          clerk: { staffId: ctx.actor.staffId, assistedSessionId },
          actor: ctx.actor,
          device: ctx.device,
          requestId: ctx.requestId,
        },
        application,
      )
    }),
  /** A document the citizen brought, scanned at the counter; it belongs to the citizen. */
  uploadDocument: clerkProcedure.input(AssistedUploadInput).mutation(async ({ ctx, input }) => {
    const { assistedSessionId, ...upload } = input
    const citizenId = await actingFor(ctx.services.access, ctx.actor, assistedSessionId)
    return uploadDocument(
      ctx.services.access,
      ctx.services.access.documents,
      ctx.services.access.documentMaxBytes,
      citizenId,
      upload,
      { actor: auditName(ctx.actor), device: deviceName(ctx.device) },
    )
  }),
  /** The citizen's payment slips not paid yet, to take cash for at the counter. */
  unpaidVouchers: clerkProcedure
    .input(AssistedSessionRef)
    .output(z.array(UnpaidVoucher))
    .query(({ ctx, input }) => unpaidVouchers(ctx.services.access, ctx.actor, input.assistedSessionId, ctx.device)),
  /**
   * Cash taken at the counter for a payment slip of the citizen of this assisted session; reconciled
   * to the voucher's amount and audited with the counter's device.
   */
  recordCashPayment: clerkProcedure
    .input(CashPaymentInput)
    .mutation(({ ctx, input }) => recordCashPayment(ctx.services.access, ctx.actor, input, ctx.device)),
  end: clerkProcedure
    .input(AssistedSessionRef)
    .mutation(({ ctx, input }) => endAssisted(ctx.services.access, ctx.actor, input.assistedSessionId, ctx.device)),
})
