// The Water and Sanitation Agency: bills in its own SQLite file, answered by consumer number, paid
// through Darwaza (the fee is the bill's amount, quoted when the citizen submits), and new
// connection applications.
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createProtocolServer, QueryRejected, type RunningDepartment, type GatewayAddress } from '../protocol-server.ts'
import { consumerNumberPattern, demoWaterBills, waterBillAnswer, type WaterBill } from './bills.ts'

interface BillRow {
  consumer_number: string
  name: string
  month: string
  amount_minor: number
  due_on: string
  paid_by: string | null
}

function openBillStore(file: string) {
  mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE IF NOT EXISTS water_bill (
    consumer_number TEXT NOT NULL,
    month TEXT NOT NULL,
    name TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    due_on TEXT NOT NULL,
    paid_by TEXT,
    paid_at TEXT,
    PRIMARY KEY (consumer_number, month)
  )`)
  const insert = db.prepare(
    'INSERT OR IGNORE INTO water_bill (consumer_number, month, name, amount_minor, due_on, paid_by) VALUES (?, ?, ?, ?, ?, ?)',
  )
  db.transaction(() => {
    for (const bill of demoWaterBills) {
      insert.run(bill.consumerNumber, bill.month, bill.name, bill.amountMinor, bill.dueOn, bill.paid ? 'demo' : null)
    }
  })()
  const latest = db.prepare('SELECT * FROM water_bill WHERE consumer_number = ? ORDER BY month DESC LIMIT 1')
  const pay = db.prepare(
    'UPDATE water_bill SET paid_by = ?, paid_at = ? WHERE consumer_number = ? AND month = ? AND paid_by IS NULL',
  )
  return {
    latest(consumerNumber: string): WaterBill | undefined {
      const row = latest.get(consumerNumber) as BillRow | undefined
      return row
        ? {
            consumerNumber: row.consumer_number,
            name: row.name,
            month: row.month,
            amountMinor: row.amount_minor,
            dueOn: row.due_on,
            paid: row.paid_by !== null,
          }
        : undefined
    },
    markPaid: (bill: WaterBill, trackingNumber: string, at: Date) =>
      pay.run(trackingNumber, at.toISOString(), bill.consumerNumber, bill.month).changes === 1,
    close: () => db.close(),
  }
}

export function createWaterBoardServer(options: {
  dataFile: string
  gatewayKeys: ReadonlyMap<string, string>
  now?: () => Date
  logger?: boolean
  /** The department's own key: signs its answers, callbacks and document fetches. */
  signer: SigningIdentity
  callbacks?: GatewayAddress
  officerPassword?: string
}): RunningDepartment {
  const bills = openBillStore(options.dataFile.replace(/\.db$/, '-bills.db'))
  const now = options.now ?? (() => new Date())
  const consumerNumber = (value: unknown): string => {
    if (typeof value !== 'string' || !consumerNumberPattern.test(value)) {
      throw new QueryRejected('A consumer number is 10 to 12 digits.', 'consumerNumber')
    }
    return value
  }
  return createProtocolServer(
    {
      code: 'water-board',
      referencePrefix: 'WB',
      lookups: {
        'water-bill': (query) => {
          const number = consumerNumber(query.consumerNumber)
          return waterBillAnswer(bills.latest(number), number)
        },
      },
      applications: {
        'water-connection': () => null,
        'water-bill-payment': (form, { dryRun, trackingNumber }) => {
          try {
            const bill = bills.latest(consumerNumber(form.consumerNumber))
            if (!bill)
              return new QueryRejected('There is no water connection with this consumer number.', 'consumerNumber')
            if (bill.paid)
              return new QueryRejected('The latest bill of this connection is already paid.', 'consumerNumber')
            if (dryRun) {
              return {
                quote: {
                  amountMinor: bill.amountMinor,
                  currency: 'PKR',
                  description: { en: `Water bill for ${bill.month}`, ur: `پانی کا بل، ${bill.month}` },
                },
              }
            }
            if (!bills.markPaid(bill, trackingNumber, now())) {
              return new QueryRejected('The latest bill of this connection is already paid.', 'consumerNumber')
            }
            return null
          } catch (error) {
            if (error instanceof QueryRejected) return error
            throw error
          }
        },
      },
    },
    { ...options, now, onClose: () => bills.close() },
  )
}
