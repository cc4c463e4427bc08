// Applications a citizen submits, as the kiosk, the web view and the clerk's counter send them.
import { z } from 'zod'
import { ServiceSlug } from './catalogue.ts'
import { Language, LocalizedText } from './localized.ts'

/** Chosen by the client once per submission; a retried or double-tapped submit sends the same key. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,100}$/, 'is 16 to 100 letters, digits, hyphens or underscores')

export const ApplicationStatus = z.enum([
  'submitted',
  'received',
  'in_review',
  'needs_information',
  'approved',
  'rejected',
  'completed',
])
export type ApplicationStatus = z.infer<typeof ApplicationStatus>

export const SubmitApplicationInput = z.strictObject({
  service: ServiceSlug,
  form: z.record(z.string().max(64), z.unknown()),
  idempotencyKey: IdempotencyKey,
  /** The language the citizen is using; messages about the application come in it. */
  language: Language.optional(),
  /** Uploaded documents, each for one of the service's required documents (by its English name). */
  documents: z
    .array(z.strictObject({ documentId: z.string().min(1).max(64), requirement: z.string().min(1).max(200) }))
    .max(30)
    .optional(),
})
export type SubmitApplicationInput = z.infer<typeof SubmitApplicationInput>

export const AssistedSubmitInput = SubmitApplicationInput.extend({
  assistedSessionId: z.string().min(1).max(64),
})

export const SubmittedApplication = z.object({
  trackingNumber: z.string(),
  status: ApplicationStatus,
  service: ServiceSlug,
  serviceVersion: z.int(),
  submittedAt: z.date(),
  /** For a paid service: the payment slip; the application goes to the department once it is paid. */
  voucher: z
    .object({
      psid: z.string(),
      amountMinor: z.int(),
      currency: z.string(),
      dueAt: z.date(),
      state: z.enum(['unpaid', 'paid']),
    })
    .nullable(),
})
export type SubmittedApplication = z.infer<typeof SubmittedApplication>

export const DeliveryRef = z.strictObject({ deliveryId: z.string().min(1).max(64) })

export const TrackingRef = z.strictObject({ trackingNumber: z.string().trim().min(1).max(40) })

export const ReceiptPdfInput = TrackingRef.extend({ language: Language.optional() })

export const VerifyInput = z.strictObject({
  trackingNumber: z.string().trim().min(1, 'is required').max(40),
  code: z.string().trim().min(1, 'is required').max(20),
})

/** Cash a clerk took at the counter, inside the assisted session of the citizen whose voucher it is. */
export const CashPaymentInput = z.strictObject({
  assistedSessionId: z.string().min(1).max(64),
  psid: z.string().regex(/^\d{18}$/, 'is the 18-digit number on the payment slip'),
  amountMinor: z.int().positive(),
  /** The number on the counter's own cash receipt, kept as the payment reference. */
  receiptNumber: z.string().trim().min(1, 'is required').max(40),
})

export const AnswerRequestInput = z.strictObject({
  trackingNumber: z.string().trim().min(1).max(40),
  message: z.string().trim().min(1, 'write your answer').max(2000),
  idempotencyKey: IdempotencyKey,
  /** Documents the citizen uploaded (documents.upload) to send with the answer. */
  documentIds: z.array(z.string().min(1).max(64)).max(10).optional(),
})

export const UploadDocumentInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  contentBase64: z.base64('is not base64'),
})

/** A citizen's voucher not paid yet, as the clerk sees it at the counter to take cash for it. */
export const UnpaidVoucher = z.object({
  psid: z.string(),
  amountMinor: z.int(),
  currency: z.string(),
  dueAt: z.date(),
  trackingNumber: z.string(),
  service: ServiceSlug,
  title: LocalizedText,
})
export type UnpaidVoucher = z.infer<typeof UnpaidVoucher>

/** A clerk uploads a document the citizen brought to the counter, inside the assisted session. */
export const AssistedUploadInput = UploadDocumentInput.extend({
  assistedSessionId: z.string().min(1).max(64),
})
