// The words of a printed or PDF receipt in the citizen's language (English, Urdu or Arabic): the
// tracking number and verification code, the service, when it was submitted, its status, the fee and
// payment slip (PSID, amount, paid or not), and every answer the citizen gave, by its label. Pure: the
// PDF renderer only draws these rows.
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import { pickLanguage, type Language, type LocalizedText } from '@darwaza/contracts/localized'
import type { ReceiptAnswer, ReceiptContent } from '@darwaza/contracts/receipts'

export interface ReceiptFacts {
  content: ReceiptContent
  verificationCode: string
  verifyUrl: string
  status: ApplicationStatus
  answers: ReceiptAnswer[]
  signature: { keyId: string; value: string }
  voucher: {
    psid: string
    amountMinor: number
    currency: string
    dueAt: Date
    state: 'unpaid' | 'paid'
    paidAt: Date | null
  } | null
}

/**
 * One row: a label and its value. `ltr` marks a value that is a code (tracking number, PSID) and
 * reads left to right in every language; other values take the direction of their own text.
 */
export interface ReceiptRow {
  label: string
  value: string
  ltr?: boolean
}

export interface ReceiptDocument {
  language: Language
  title: string
  sections: { heading?: string; rows: ReceiptRow[] }[]
  checkAt: string
  /** The gateway's signature over the receipt's content: a label, and the key and value (left to right). */
  signature: ReceiptRow
}

interface Words {
  title: string
  trackingNumber: string
  verificationCode: string
  service: string
  version: (version: string) => string
  department: string
  submitted: string
  status: string
  statuses: Record<ApplicationStatus, string>
  fee: string
  free: string
  quotedBy: string
  quotedNotYet: string
  payment: string
  psid: string
  amount: string
  paymentStatus: string
  paid: (on: string) => string
  unpaid: string
  payBy: string
  answers: string
  yes: string
  no: string
  checkAt: (url: string) => string
  signedBy: string
}

const words: Record<Language, Words> = {
  en: {
    title: 'Darwaza — application receipt',
    trackingNumber: 'Tracking number',
    verificationCode: 'Verification code',
    service: 'Service',
    version: (version) => `version ${version}`,
    department: 'Department',
    submitted: 'Submitted',
    status: 'Status',
    statuses: {
      submitted: 'Submitted',
      received: 'Received by the department',
      in_review: 'In review',
      needs_information: 'More information needed',
      approved: 'Approved',
      rejected: 'Not approved',
      completed: 'Completed',
    },
    fee: 'Fee',
    free: 'Free',
    quotedBy: 'quoted by the department',
    quotedNotYet: 'The department tells you the fee',
    payment: 'Payment',
    psid: 'Payment slip id (PSID)',
    amount: 'Amount',
    paymentStatus: 'Payment status',
    paid: (on) => `Paid on ${on}`,
    unpaid: 'Not paid yet',
    payBy: 'Pay by',
    answers: 'What you submitted',
    yes: 'Yes',
    no: 'No',
    checkAt: (url) => `Scan the QR code or open ${url} to check this receipt.`,
    signedBy: 'Signed by the gateway',
  },
  ur: {
    title: 'دروازہ — درخواست کی رسید',
    trackingNumber: 'ٹریکنگ نمبر',
    verificationCode: 'تصدیقی کوڈ',
    service: 'سروس',
    version: (version) => `ورژن ${version}`,
    department: 'محکمہ',
    submitted: 'جمع کرانے کا وقت',
    status: 'کیفیت',
    statuses: {
      submitted: 'جمع ہو گئی',
      received: 'محکمے کو موصول',
      in_review: 'زیرِ غور',
      needs_information: 'مزید معلومات درکار',
      approved: 'منظور',
      rejected: 'منظور نہیں ہوئی',
      completed: 'مکمل',
    },
    fee: 'فیس',
    free: 'مفت',
    quotedBy: 'محکمے کی بتائی ہوئی',
    quotedNotYet: 'فیس محکمہ بتائے گا',
    payment: 'ادائیگی',
    psid: 'پیمنٹ سلپ نمبر (PSID)',
    amount: 'رقم',
    paymentStatus: 'ادائیگی کی کیفیت',
    paid: (on) => `${on} کو ادا ہو گئی`,
    unpaid: 'ابھی ادا نہیں ہوئی',
    payBy: 'ادائیگی کی آخری تاریخ',
    answers: 'آپ نے کیا جمع کرایا',
    yes: 'ہاں',
    no: 'نہیں',
    checkAt: (url) => `یہ رسید جانچنے کے لیے QR کوڈ اسکین کریں یا ${url} کھولیں۔`,
    signedBy: 'گیٹ وے کے دستخط',
  },
  ar: {
    title: 'دروازة — إيصال الطلب',
    trackingNumber: 'رقم التتبع',
    verificationCode: 'رمز التحقق',
    service: 'الخدمة',
    version: (version) => `الإصدار ${version}`,
    department: 'الجهة',
    submitted: 'تاريخ التقديم',
    status: 'الحالة',
    statuses: {
      submitted: 'قُدِّم',
      received: 'استلمته الجهة',
      in_review: 'قيد المراجعة',
      needs_information: 'مطلوب مزيد من المعلومات',
      approved: 'تمت الموافقة',
      rejected: 'لم تتم الموافقة',
      completed: 'اكتمل',
    },
    fee: 'الرسوم',
    free: 'مجانًا',
    quotedBy: 'حسب تقدير الجهة',
    quotedNotYet: 'تبلغك الجهة بالرسوم',
    payment: 'الدفع',
    psid: 'رقم قسيمة الدفع (PSID)',
    amount: 'المبلغ',
    paymentStatus: 'حالة الدفع',
    paid: (on) => `دُفع في ${on}`,
    unpaid: 'لم يُدفع بعد',
    payBy: 'ادفع قبل',
    answers: 'ما قدّمته',
    yes: 'نعم',
    no: 'لا',
    checkAt: (url) => `امسح رمز QR أو افتح ${url} للتحقق من هذا الإيصال.`,
    signedBy: 'توقيع البوابة',
  },
}

const locales: Record<Language, string> = { en: 'en-PK', ur: 'ur-PK', ar: 'ar' }

export function receiptDocument(facts: ReceiptFacts, language: Language): ReceiptDocument {
  const w = words[language]
  const locale = locales[language]
  const text = (localized: LocalizedText) => pickLanguage(localized, language)
  const money = (amountMinor: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 100)
  const day = (date: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  const moment = (date: Date) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }).format(date) + ' UTC'
  const { content, voucher } = facts
  const fee =
    content.fee.kind === 'fixed'
      ? money(content.fee.amountMinor, content.fee.currency)
      : content.fee.kind === 'quoted'
        ? content.fee.amountMinor !== undefined && content.fee.currency !== undefined
          ? `${money(content.fee.amountMinor, content.fee.currency)} (${w.quotedBy})`
          : w.quotedNotYet
        : w.free

  const sections: ReceiptDocument['sections'] = [
    {
      rows: [
        { label: w.trackingNumber, value: content.trackingNumber, ltr: true },
        { label: w.verificationCode, value: facts.verificationCode, ltr: true },
        {
          label: w.service,
          value: `${text(content.title)} (${w.version(new Intl.NumberFormat(locale).format(content.serviceVersion))})`,
        },
        { label: w.department, value: text(content.department) },
        { label: w.submitted, value: moment(new Date(content.submittedAt)) },
        { label: w.status, value: w.statuses[facts.status] },
        { label: w.fee, value: fee },
      ],
    },
  ]
  if (voucher) {
    sections.push({
      heading: w.payment,
      rows: [
        { label: w.psid, value: voucher.psid, ltr: true },
        { label: w.amount, value: money(voucher.amountMinor, voucher.currency) },
        {
          label: w.paymentStatus,
          value: voucher.state === 'paid' && voucher.paidAt ? w.paid(day(voucher.paidAt)) : w.unpaid,
        },
        ...(voucher.state === 'paid' ? [] : [{ label: w.payBy, value: day(voucher.dueAt) }]),
      ],
    })
  }
  if (facts.answers.length > 0) {
    sections.push({
      heading: w.answers,
      rows: facts.answers.map((answer) => ({
        label: text(answer.label),
        value: answer.option
          ? text(answer.option)
          : typeof answer.value === 'boolean'
            ? answer.value
              ? w.yes
              : w.no
            : String(answer.value),
      })),
    })
  }
  return {
    language,
    title: w.title,
    sections,
    checkAt: w.checkAt(facts.verifyUrl),
    signature: {
      label: w.signedBy,
      value: `${facts.signature.keyId} (ed25519): ${facts.signature.value}`,
      ltr: true,
    },
  }
}
