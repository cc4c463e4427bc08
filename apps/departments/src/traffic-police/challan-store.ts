// The Traffic Police department's own records, in its own SQLite file. Demo tickets are seeded the
// first time the file is created.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type ChallanStatus = 'unpaid' | 'paid' | 'cancelled'

export interface Challan {
  number: string
  vehicle: string
  offence: { en: string; ur: string }
  amountMinor: number
  status: ChallanStatus
  issuedOn: string
  dueOn: string
}

export const demoChallans: readonly Challan[] = [
  {
    number: '3520100001',
    vehicle: 'LEB-21-4471',
    offence: { en: 'Jumping a red signal', ur: 'سرخ بتی کی خلاف ورزی' },
    amountMinor: 200_000,
    status: 'unpaid',
    issuedOn: '2026-11-10',
    dueOn: '2026-12-10',
  },
  {
    number: '3520100002',
    vehicle: 'LEC-19-0932',
    offence: { en: 'Over-speeding', ur: 'حد رفتار سے تجاوز' },
    amountMinor: 150_000,
    status: 'paid',
    issuedOn: '2026-09-02',
    dueOn: '2026-10-02',
  },
  {
    number: '3520100003',
    vehicle: 'LHR-7731',
    offence: { en: 'Riding without a helmet', ur: 'ہیلمٹ کے بغیر موٹر سائیکل چلانا' },
    amountMinor: 50_000,
    status: 'unpaid',
    issuedOn: '2026-08-15',
    dueOn: '2026-09-14',
  },
  {
    number: '3520100004',
    vehicle: 'ICT-AB-552',
    offence: { en: 'Parking in a no-parking zone', ur: 'ممنوعہ جگہ پر گاڑی کھڑی کرنا' },
    amountMinor: 100_000,
    status: 'cancelled',
    issuedOn: '2026-10-20',
    dueOn: '2026-11-19',
  },
  {
    number: '3520100005',
    vehicle: 'LEA-22-8106',
    offence: { en: 'Using a mobile phone while driving', ur: 'دوران ڈرائیونگ موبائل فون کا استعمال' },
    amountMinor: 200_000,
    status: 'unpaid',
    issuedOn: '2026-11-18',
    dueOn: '2026-12-18',
  },
]

interface ChallanRow {
  number: string
  vehicle: string
  offence_en: string
  offence_ur: string
  amount_minor: number
  status: ChallanStatus
  issued_on: string
  due_on: string
}

export interface ChallanStore {
  find(number: string): Challan | null
  /** Records the payment an application made; false when the e-challan is not open for payment. */
  markPaid(number: string, trackingNumber: string, at: Date): boolean
  close(): void
}

export function openChallanStore(file: string): ChallanStore {
  mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE IF NOT EXISTS challan (
    number TEXT PRIMARY KEY,
    vehicle TEXT NOT NULL,
    offence_en TEXT NOT NULL,
    offence_ur TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'cancelled')),
    issued_on TEXT NOT NULL,
    due_on TEXT NOT NULL
  )`)
  const insert = db.prepare(
    `INSERT OR IGNORE INTO challan VALUES (@number, @vehicle, @offence_en, @offence_ur, @amount_minor, @status, @issued_on, @due_on)`,
  )
  const { count } = db.prepare('SELECT count(*) AS count FROM challan').get() as { count: number }
  if (count === 0) {
    db.transaction(() => {
      for (const challan of demoChallans) {
        insert.run({
          number: challan.number,
          vehicle: challan.vehicle,
          offence_en: challan.offence.en,
          offence_ur: challan.offence.ur,
          amount_minor: challan.amountMinor,
          status: challan.status,
          issued_on: challan.issuedOn,
          due_on: challan.dueOn,
        })
      }
    })()
  }
  db.exec(`CREATE TABLE IF NOT EXISTS challan_payment (
    number TEXT PRIMARY KEY REFERENCES challan (number),
    tracking_number TEXT NOT NULL,
    paid_at TEXT NOT NULL
  )`)
  const byNumber = db.prepare('SELECT * FROM challan WHERE number = ?')
  const setPaid = db.prepare("UPDATE challan SET status = 'paid' WHERE number = ? AND status = 'unpaid'")
  const addPayment = db.prepare('INSERT INTO challan_payment (number, tracking_number, paid_at) VALUES (?, ?, ?)')
  const pay = db.transaction((number: string, trackingNumber: string, at: Date) => {
    if (setPaid.run(number).changes !== 1) return false
    addPayment.run(number, trackingNumber, at.toISOString())
    return true
  })

  return {
    find(number) {
      const row = byNumber.get(number) as ChallanRow | undefined
      if (!row) return null
      return {
        number: row.number,
        vehicle: row.vehicle,
        offence: { en: row.offence_en, ur: row.offence_ur },
        amountMinor: row.amount_minor,
        status: row.status,
        issuedOn: row.issued_on,
        dueOn: row.due_on,
      }
    },
    markPaid: (number, trackingNumber, at) => pay(number, trackingNumber, at),
    close: () => db.close(),
  }
}
