// Receipts: what was submitted, signed by the gateway so it can be checked offline, with a
// verification code and QR code for the public verification page, on screen and as PDF. The citizen's
// own receipt shows their answers (by label), the fee and the payment slip; the signed content keeps
// only the answers' digest, and the public verification page shows nothing personal.
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import { Fee, type Presentation } from '@darwaza/contracts/catalogue'
import type { Language } from '@darwaza/contracts/localized'
import { formDigest, signReceipt, type ReceiptAnswer, type SignedReceipt } from '@darwaza/contracts/receipts'
import QRCode from 'qrcode'
import { DomainError } from '../domain/errors.ts'
import { submittedAnswers } from '../domain/receipt-answers.ts'
import { receiptDocument, type ReceiptFacts } from '../domain/receipt-document.ts'
import { verificationCode, verificationCodeMatches } from '../domain/verification-code.ts'
import { normalizeTrackingNumber } from '../domain/tracking-number.ts'
import type { AccessDeps } from './deps.ts'
import { drawReceiptPdf } from './receipt-pdf.ts'

const applicationSelect = {
  trackingNumber: true,
  citizenId: true,
  channel: true,
  status: true,
  submittedAt: true,
  updatedAt: true,
  formData: true,
  language: true,
  voucher: { select: { psid: true, amountMinor: true, currency: true, dueAt: true, state: true, paidAt: true } },
  serviceVersion: {
    select: {
      version: true,
      title: true,
      formSchema: true,
      presentation: true,
      feeQuoted: true,
      feeMinor: true,
      feeCurrency: true,
      service: { select: { slug: true, department: { select: { name: true } } } },
    },
  },
} as const

export interface CitizenReceipt {
  receipt: SignedReceipt
  status: ApplicationStatus
  verificationCode: string
  verifyUrl: string
  /** What was submitted, by the form's labels; for the citizen's eyes only. */
  answers: ReceiptAnswer[]
  /** The payment slip of a paid service, with whether it is paid. */
  voucher: ReceiptFacts['voucher']
  /** The language the citizen applied in. */
  language: Language
}

export async function receiptFor(deps: AccessDeps, citizenId: string, trackingNumber: string): Promise<CitizenReceipt> {
  const application = await deps.db.application.findUnique({ where: { trackingNumber }, select: applicationSelect })
  // Someone else's application is "not found" too: its existence is not told.
  if (!application || application.citizenId !== citizenId) {
    throw new DomainError('NOT_FOUND', 'You have no application with this tracking number.')
  }
  const version = application.serviceVersion
  const receipt = signReceipt(
    {
      trackingNumber: application.trackingNumber,
      service: version.service.slug,
      serviceVersion: version.version,
      title: version.title as { en: string; ur: string },
      department: version.service.department.name as { en: string; ur: string },
      submittedAt: application.submittedAt.toISOString(),
      channel: application.channel,
      formDigest: formDigest(application.formData),
      fee: version.feeQuoted
        ? {
            kind: 'quoted',
            ...(application.voucher
              ? { amountMinor: application.voucher.amountMinor, currency: application.voucher.currency }
              : {}),
          }
        : Fee.parse(
            version.feeMinor !== null && version.feeCurrency !== null
              ? { kind: 'fixed', amountMinor: version.feeMinor, currency: version.feeCurrency }
              : { kind: 'free' },
          ),
    },
    deps.signer,
  )
  const code = verificationCode(deps.config.secret, application.trackingNumber)
  return {
    receipt,
    status: application.status,
    verificationCode: code,
    verifyUrl: `${deps.config.publicUrl}/#/verify?t=${encodeURIComponent(application.trackingNumber)}&c=${code}`,
    answers: submittedAnswers(
      version.formSchema as Record<string, unknown>,
      version.presentation as Presentation,
      application.formData as Record<string, unknown>,
    ),
    voucher: application.voucher,
    language: languages.has(application.language) ? (application.language as Language) : 'ur',
  }
}

const languages = new Set<string>(['en', 'ur', 'ar'])

/** The public verification page: service, department, status and dates; nothing personal. */
export async function verifyPublicly(deps: AccessDeps, trackingNumberInput: string, code: string) {
  const notFound = () =>
    new DomainError('NOT_FOUND', 'No application matches this tracking number and verification code.')
  const trackingNumber = normalizeTrackingNumber(trackingNumberInput)
  if (!trackingNumber || !verificationCodeMatches(deps.config.secret, trackingNumber, code)) throw notFound()
  const application = await deps.db.application.findUnique({ where: { trackingNumber }, select: applicationSelect })
  if (!application) throw notFound()
  return {
    trackingNumber,
    title: application.serviceVersion.title as { en: string; ur: string },
    department: application.serviceVersion.service.department.name as { en: string; ur: string },
    status: application.status,
    submittedAt: application.submittedAt,
    updatedAt: application.updatedAt,
  }
}

/**
 * The receipt as a PDF, in the language asked for (else the one the citizen applied in): the tracking
 * number, verification code and QR code, the service, the fee and payment slip (PSID, amount, paid or
 * not), every answer by its label, and the gateway's signature.
 */
export async function receiptPdf(deps: AccessDeps, citizenId: string, trackingNumber: string, language?: Language) {
  const receipt = await receiptFor(deps, citizenId, trackingNumber)
  const qr = await QRCode.toBuffer(receipt.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 })
  const pdf = await drawReceiptPdf(
    receiptDocument(
      {
        content: receipt.receipt.content,
        verificationCode: receipt.verificationCode,
        verifyUrl: receipt.verifyUrl,
        status: receipt.status,
        answers: receipt.answers,
        voucher: receipt.voucher,
        signature: { keyId: receipt.receipt.signature.keyId, value: receipt.receipt.signature.value },
      },
      language ?? receipt.language,
    ),
    qr,
  )
  return { filename: `darwaza-receipt-${receipt.receipt.content.trackingNumber}.pdf`, base64: pdf.toString('base64') }
}
