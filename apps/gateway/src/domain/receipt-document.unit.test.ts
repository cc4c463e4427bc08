import { describe, expect, it } from 'vitest'
import { submittedAnswers } from './receipt-answers.ts'
import { receiptDocument, type ReceiptFacts } from './receipt-document.ts'

const formSchema = {
  type: 'object',
  properties: {
    licenceNumber: { type: 'string' },
    licenceCategory: { enum: ['car', 'motorcycle'] },
    firstLicence: { type: 'boolean' },
    note: { type: 'string' },
  },
}
const presentation = {
  steps: [
    { title: { en: 'Category', ur: 'قسم' }, fields: ['licenceCategory'] },
    { title: { en: 'Licence', ur: 'لائسنس' }, fields: ['licenceNumber', 'firstLicence', 'note'] },
  ],
  fields: {
    licenceNumber: { label: { en: 'Licence number', ur: 'لائسنس نمبر' } },
    licenceCategory: {
      label: { en: 'Licence category', ur: 'لائسنس کی قسم', ar: 'فئة الرخصة' },
      options: { car: { en: 'Car', ur: 'کار', ar: 'سيارة' }, motorcycle: { en: 'Motorcycle', ur: 'موٹر سائیکل' } },
    },
    firstLicence: { label: { en: 'First licence', ur: 'پہلا لائسنس' } },
  },
}
const answers = submittedAnswers(formSchema, presentation, {
  licenceNumber: 'LHR-123456',
  licenceCategory: 'car',
  firstLicence: false,
})

const facts = (voucher: ReceiptFacts['voucher']): ReceiptFacts => ({
  content: {
    trackingNumber: 'DZ-10JN-YX23-4',
    service: 'driving-licence-renewal',
    serviceVersion: 2,
    title: { en: 'Renew a driving licence', ur: 'ڈرائیونگ لائسنس کی تجدید' },
    department: { en: 'Traffic Police', ur: 'ٹریفک پولیس' },
    submittedAt: '2026-12-02T10:15:00.000Z',
    channel: 'kiosk',
    formDigest: '0'.repeat(64),
    fee: { kind: 'fixed', amountMinor: 150_000, currency: 'PKR' },
  },
  verificationCode: 'K7M2Q9XZ',
  verifyUrl: 'https://darwaza.example.pk/#/verify?t=DZ-10JN-YX23-4&c=K7M2Q9XZ',
  status: 'submitted',
  answers,
  signature: { keyId: 'gateway-1', value: 'c2ln' },
  voucher,
})
const unpaid = {
  psid: '100713347455204388',
  amountMinor: 150_000,
  currency: 'PKR',
  dueAt: new Date('2026-12-17T00:00:00Z'),
  state: 'unpaid' as const,
  paidAt: null,
}
const rows = (document: ReturnType<typeof receiptDocument>) =>
  document.sections.flatMap((section) => section.rows.map((row) => [row.label, row.value.replaceAll('\u00a0', ' ')]))

describe('the answers on a receipt', () => {
  it('come in the form’s order, by label, with the option chosen, leaving out what was not answered', () => {
    expect(answers).toEqual([
      {
        field: 'licenceCategory',
        label: presentation.fields.licenceCategory.label,
        value: 'car',
        option: presentation.fields.licenceCategory.options.car,
      },
      { field: 'licenceNumber', label: presentation.fields.licenceNumber.label, value: 'LHR-123456' },
      { field: 'firstLicence', label: presentation.fields.firstLicence.label, value: false },
    ])
  })
})

describe('the words of a printed receipt', () => {
  it('in English: the codes, the fee, the payment slip not yet paid and every answer', () => {
    const document = receiptDocument(facts(unpaid), 'en')
    expect(document.title).toBe('Darwaza — application receipt')
    expect(rows(document)).toEqual([
      ['Tracking number', 'DZ-10JN-YX23-4'],
      ['Verification code', 'K7M2Q9XZ'],
      ['Service', 'Renew a driving licence (version 2)'],
      ['Department', 'Traffic Police'],
      ['Submitted', '2 December 2026 at 10:15 UTC'],
      ['Status', 'Submitted'],
      ['Fee', 'Rs 1,500'],
      ['Payment slip id (PSID)', '100713347455204388'],
      ['Amount', 'Rs 1,500'],
      ['Payment status', 'Not paid yet'],
      ['Pay by', '17 December 2026'],
      ['Licence category', 'Car'],
      ['Licence number', 'LHR-123456'],
      ['First licence', 'No'],
    ])
    expect(document.sections.map((section) => section.heading)).toEqual([undefined, 'Payment', 'What you submitted'])
    expect(document.signature).toEqual({
      label: 'Signed by the gateway',
      value: 'gateway-1 (ed25519): c2ln',
      ltr: true,
    })
  })

  it('in Urdu, with the labels and options in Urdu and the answers as typed', () => {
    const document = receiptDocument(
      facts({ ...unpaid, state: 'paid', paidAt: new Date('2026-12-03T09:00:00Z') }),
      'ur',
    )
    expect(document.title).toBe('دروازہ — درخواست کی رسید')
    expect(rows(document)).toEqual(
      expect.arrayContaining([
        ['ٹریکنگ نمبر', 'DZ-10JN-YX23-4'],
        ['سروس', 'ڈرائیونگ لائسنس کی تجدید (ورژن 2)'],
        ['کیفیت', 'جمع ہو گئی'],
        ['پیمنٹ سلپ نمبر (PSID)', '100713347455204388'],
        ['ادائیگی کی کیفیت', '3 دسمبر، 2026 کو ادا ہو گئی'],
        ['لائسنس کی قسم', 'کار'],
        ['لائسنس نمبر', 'LHR-123456'],
        ['پہلا لائسنس', 'نہیں'],
      ]),
    )
    // Paid: no date to pay by.
    expect(rows(document).map(([label]) => label)).not.toContain('ادائیگی کی آخری تاریخ')
    expect(document.sections[2]?.heading).toBe('آپ نے کیا جمع کرایا')
  })

  it('in Arabic, falling back to English where the service wrote no Arabic', () => {
    const document = receiptDocument(facts(unpaid), 'ar')
    expect(rows(document)).toEqual(
      expect.arrayContaining([
        ['رقم التتبع', 'DZ-10JN-YX23-4'],
        ['الخدمة', 'Renew a driving licence (الإصدار 2)'],
        ['حالة الدفع', 'لم يُدفع بعد'],
        ['فئة الرخصة', 'سيارة'],
        ['Licence number', 'LHR-123456'],
        ['First licence', 'لا'],
      ]),
    )
  })

  it('for a free service, with no payment section', () => {
    const free = facts(null)
    free.content = { ...free.content, fee: { kind: 'free' } }
    const document = receiptDocument(free, 'en')
    expect(rows(document)).toContainEqual(['Fee', 'Free'])
    expect(document.sections.map((section) => section.heading)).toEqual([undefined, 'What you submitted'])
  })
})
