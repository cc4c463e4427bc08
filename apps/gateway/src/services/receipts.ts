// Receipts: what was submitted, signed by the gateway so it can be checked offline, with a
// verification code and QR code for the public verification page, on screen and as PDF.
import { Fee } from '@darwaza/contracts/catalogue'
import { formDigest, signReceipt, type SignedReceipt } from '@darwaza/contracts/receipts'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { DomainError } from '../domain/errors.ts'
import { verificationCode, verificationCodeMatches } from '../domain/verification-code.ts'
import { normalizeTrackingNumber } from '../domain/tracking-number.ts'
import type { AccessDeps } from './deps.ts'

const applicationSelect = {
  trackingNumber: true,
  citizenId: true,
  channel: true,
  status: true,
  submittedAt: true,
  updatedAt: true,
  formData: true,
  voucher: { select: { amountMinor: true, currency: true } },
  serviceVersion: {
    select: {
      version: true,
      title: true,
      feeQuoted: true,
      feeMinor: true,
      feeCurrency: true,
      service: { select: { slug: true, department: { select: { name: true } } } },
    },
  },
} as const

export interface CitizenReceipt {
  receipt: SignedReceipt
  status: string
  verificationCode: string
  verifyUrl: string
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
  }
}

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

/** The receipt as a PDF (English; the on-screen receipt is bilingual), with its QR code and signature. */
export async function receiptPdf(deps: AccessDeps, citizenId: string, trackingNumber: string) {
  const { receipt, verificationCode: code, verifyUrl, status } = await receiptFor(deps, citizenId, trackingNumber)
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 })
  const document = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Darwaza receipt ${trackingNumber}` } })
  const chunks: Buffer[] = []
  document.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))))
  const { content } = receipt
  document.fontSize(22).text('Darwaza — application receipt')
  document.moveDown()
  const line = (label: string, value: string) =>
    document.fontSize(12).text(`${label}: `, { continued: true }).text(value)
  line('Tracking number', content.trackingNumber)
  line('Verification code', code)
  line('Service', `${content.title.en} (version ${content.serviceVersion})`)
  line('Department', content.department.en)
  line('Submitted', new Date(content.submittedAt).toUTCString())
  line('Status', status)
  line(
    'Fee',
    content.fee.kind === 'fixed'
      ? `${(content.fee.amountMinor / 100).toFixed(2)} ${content.fee.currency}`
      : content.fee.kind === 'quoted'
        ? content.fee.amountMinor !== undefined && content.fee.currency !== undefined
          ? `${(content.fee.amountMinor / 100).toFixed(2)} ${content.fee.currency} (quoted by the department)`
          : 'quoted by the department'
        : 'free',
  )
  line('Answers (SHA-256)', content.formDigest)
  document.moveDown()
  document.image(qr, { width: 160 })
  document.fontSize(10).text(`Check this receipt at ${verifyUrl}`)
  document.moveDown()
  document
    .fontSize(8)
    .text(`Signed by the gateway, key ${receipt.signature.keyId} (ed25519): ${receipt.signature.value}`)
  document.end()
  return { filename: `darwaza-receipt-${content.trackingNumber}.pdf`, base64: (await done).toString('base64') }
}
