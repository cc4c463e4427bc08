// The Water and Sanitation Agency's bills for the demo: a consumer number shows the latest bill.
import type { LookupAnswer } from '@darwaza/contracts/department-protocol/v1'

export interface WaterBill {
  consumerNumber: string
  name: string
  month: string
  amountMinor: number
  dueOn: string
  paid: boolean
}

export const demoWaterBills: readonly WaterBill[] = [
  {
    consumerNumber: '012345678901',
    name: 'Ayesha Khan',
    month: '2026-11',
    amountMinor: 184_000,
    dueOn: '2026-12-05',
    paid: false,
  },
  {
    consumerNumber: '012345678902',
    name: 'Muhammad Bilal',
    month: '2026-11',
    amountMinor: 96_500,
    dueOn: '2026-12-05',
    paid: true,
  },
]

export const consumerNumberPattern = /^[0-9]{10,12}$/

export function waterBillAnswer(bill: WaterBill | undefined, consumerNumber: string): LookupAnswer {
  if (!bill) {
    return {
      outcome: 'not_found',
      message: {
        en: `There is no water connection with consumer number ${consumerNumber}. Check the number on your last bill.`,
        ur: `صارف نمبر ${consumerNumber} کا کوئی پانی کا کنکشن نہیں ملا۔ اپنے پچھلے بل پر درج نمبر دیکھیں۔`,
      },
    }
  }
  return {
    outcome: 'found',
    record: {
      title: { en: `Water bill for ${bill.month}`, ur: `پانی کا بل، ${bill.month}` },
      fields: [
        { key: 'consumer', label: { en: 'Consumer', ur: 'صارف' }, value: { kind: 'text', text: bill.name } },
        {
          key: 'amount',
          label: { en: 'Amount', ur: 'رقم' },
          value: { kind: 'money', amountMinor: bill.amountMinor, currency: 'PKR' },
        },
        { key: 'dueOn', label: { en: 'Due date', ur: 'آخری تاریخ' }, value: { kind: 'date', date: bill.dueOn } },
        {
          key: 'status',
          label: { en: 'Status', ur: 'کیفیت' },
          value: bill.paid
            ? { kind: 'status', code: 'paid', label: { en: 'Paid', ur: 'ادا شدہ' }, tone: 'positive' }
            : { kind: 'status', code: 'unpaid', label: { en: 'Unpaid', ur: 'غیر ادا شدہ' }, tone: 'warning' },
        },
      ],
    },
  }
}
