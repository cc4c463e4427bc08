// The Health department: free appointment places at its Basic Health Units (a look-up), and
// appointment applications that take a place on the chosen day or are refused when it is full.
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import path from 'node:path'
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { createProtocolServer, QueryRejected, type RunningDepartment, type GatewayAddress } from '../protocol-server.ts'
import { facilities, openSlots, type Facility } from './slots.ts'

const isFacility = (value: unknown): value is Facility => typeof value === 'string' && value in facilities

export function createHealthServer(options: {
  dataFile: string
  gatewayKeys: ReadonlyMap<string, string>
  now?: () => Date
  logger?: boolean
  /** The department's own key: signs its answers, callbacks and document fetches. */
  signer: SigningIdentity
  callbacks?: GatewayAddress
  officerPassword?: string
}): RunningDepartment {
  mkdirSync(path.dirname(options.dataFile), { recursive: true })
  const slotsFile = options.dataFile.replace(/\.db$/, '-slots.db')
  const db = new Database(slotsFile)
  db.pragma('journal_mode = WAL')
  const slots = openSlots(db)
  const now = options.now ?? (() => new Date())
  return createProtocolServer(
    {
      code: 'health',
      referencePrefix: 'HD',
      lookups: {
        'primary-care-slots': (query) => {
          if (!isFacility(query.facility)) throw new QueryRejected('Choose one of the Basic Health Units.', 'facility')
          return slots.answer(query.facility, now())
        },
      },
      applications: {
        'primary-care-appointment': (form, { dryRun }) => {
          if (!isFacility(form.facility)) return new QueryRejected('Choose one of the Basic Health Units.', 'facility')
          if (typeof form.preferredDate !== 'string' || !slots.book(form.facility, form.preferredDate, now(), dryRun)) {
            return new QueryRejected(
              'There is no free place on that day. Choose a working day (not Friday or Sunday) within the next 30 days that has places.',
              'preferredDate',
            )
          }
          return null
        },
      },
    },
    { ...options, now, onClose: () => db.close() },
  )
}
