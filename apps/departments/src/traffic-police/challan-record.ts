import type { DisplayRecord, DisplayValue, LookupAnswer } from '@darwaza/contracts/department-protocol/v1'
import type { Challan } from './challan-store.ts'

export const challanNumberPattern = /^[0-9]{10}$/

/** The e-challan's status as the citizen should read it today: an unpaid ticket past its due date is overdue. */
export function challanStatus(challan: Challan, today: string): Extract<DisplayValue, { kind: 'status' }> {
  if (challan.status === 'paid') {
    return { kind: 'status', code: 'paid', label: { en: 'Paid', ur: 'ادا شدہ' }, tone: 'positive' }
  }
  if (challan.status === 'cancelled') {
    return { kind: 'status', code: 'cancelled', label: { en: 'Cancelled', ur: 'منسوخ' }, tone: 'neutral' }
  }
  if (challan.dueOn < today) {
    return {
      kind: 'status',
      code: 'overdue',
      label: { en: 'Unpaid – past the due date', ur: 'غیر ادا شدہ – آخری تاریخ گزر چکی' },
      tone: 'negative',
    }
  }
  return { kind: 'status', code: 'unpaid', label: { en: 'Unpaid', ur: 'غیر ادا شدہ' }, tone: 'warning' }
}

export function challanRecord(challan: Challan, today: string): DisplayRecord {
  return {
    title: { en: `E-challan ${challan.number}`, ur: `ای چالان ${challan.number}` },
    fields: [
      { key: 'status', label: { en: 'Status', ur: 'کیفیت' }, value: challanStatus(challan, today) },
      {
        key: 'amount',
        label: { en: 'Amount', ur: 'رقم' },
        value: { kind: 'money', amountMinor: challan.amountMinor, currency: 'PKR' },
      },
      {
        key: 'dueOn',
        label: { en: 'Pay by', ur: 'ادائیگی کی آخری تاریخ' },
        value: { kind: 'date', date: challan.dueOn },
      },
      { key: 'offence', label: { en: 'Offence', ur: 'خلاف ورزی' }, value: { kind: 'text', text: challan.offence } },
      { key: 'vehicle', label: { en: 'Vehicle', ur: 'گاڑی' }, value: { kind: 'text', text: challan.vehicle } },
      {
        key: 'issuedOn',
        label: { en: 'Issued on', ur: 'جاری ہونے کی تاریخ' },
        value: { kind: 'date', date: challan.issuedOn },
      },
    ],
  }
}

export function challanAnswer(challan: Challan | null, number: string, today: string): LookupAnswer {
  if (!challan) {
    return {
      outcome: 'not_found',
      message: {
        en: `Traffic Police has no e-challan numbered ${number}. Check the number on your ticket or SMS.`,
        ur: `ٹریفک پولیس کے پاس ${number} نمبر کا کوئی ای چالان موجود نہیں۔ اپنے چالان یا SMS پر درج نمبر دوبارہ دیکھیں۔`,
      },
    }
  }
  return { outcome: 'found', record: challanRecord(challan, today) }
}
