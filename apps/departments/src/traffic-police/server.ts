// The Traffic Police reference department: e-challan look-ups from its own records, and driving
// licence and e-challan payment applications, over version 1 of the department protocol.
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { challanAnswer, challanNumberPattern } from './challan-record.ts'
import { demoChallans, openChallanStore } from './challan-store.ts'
import { createProtocolServer, QueryRejected, type RunningDepartment, type GatewayAddress } from '../protocol-server.ts'

export { demoChallans }
export type { RunningDepartment }

export interface TrafficPoliceOptions {
  dataFile: string
  gatewayKeys: ReadonlyMap<string, string>
  /** The department's clock, injectable so "overdue" is testable. */
  now?: () => Date
  logger?: boolean
  /** The department's own key: signs its answers, callbacks and document fetches. */
  signer: SigningIdentity
  callbacks?: GatewayAddress
  officerPassword?: string
}

const challanNumber = (value: unknown): string => {
  if (typeof value !== 'string' || !challanNumberPattern.test(value)) {
    throw new QueryRejected('An e-challan number is exactly 10 digits.', 'challanNumber')
  }
  return value
}

export function createTrafficPoliceServer(options: TrafficPoliceOptions): RunningDepartment {
  const store = openChallanStore(options.dataFile)
  const now = options.now ?? (() => new Date())
  return createProtocolServer(
    {
      code: 'traffic-police',
      referencePrefix: 'TP',
      lookups: {
        'echallan-verification': (query) => {
          const number = challanNumber(query.challanNumber)
          return challanAnswer(store.find(number), number, now().toISOString().slice(0, 10))
        },
      },
      applications: {
        'driving-licence-renewal': () => null,
        'echallan-payment': (form, { dryRun, trackingNumber }) => {
          try {
            const number = challanNumber(form.challanNumber)
            const challan = store.find(number)
            if (!challan) return new QueryRejected('There is no e-challan with this number.', 'challanNumber')
            if (challan.status !== 'unpaid')
              return new QueryRejected('This e-challan is not open for payment.', 'challanNumber')
            // The fee is the ticket's amount: quoted to the gateway when the citizen submits, and
            // recorded as paid when the application arrives (the gateway sends it once the voucher is paid).
            if (dryRun) {
              return {
                quote: {
                  amountMinor: challan.amountMinor,
                  currency: 'PKR',
                  description: {
                    en: `E-challan ${number}: ${challan.offence.en}`,
                    ur: `ای چالان ${number}: ${challan.offence.ur}`,
                  },
                },
              }
            }
            if (!store.markPaid(number, trackingNumber, now()))
              return new QueryRejected('This e-challan is not open for payment.', 'challanNumber')
            return null
          } catch (error) {
            if (error instanceof QueryRejected) return error
            throw error
          }
        },
      },
    },
    { ...options, now, onClose: () => store.close() },
  )
}
