// The six reference departments the demo and the tests run, each a real HTTP server with its own
// SQLite file. Traffic Police, Health and the Water Board answer look-ups from their own records; every
// department takes applications for its services.
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import path from 'node:path'
import { createProtocolServer, type RunningDepartment, type GatewayAddress } from './protocol-server.ts'
import { createHealthServer } from './health/server.ts'
import { createTrafficPoliceServer } from './traffic-police/server.ts'
import { createWaterBoardServer } from './water-board/server.ts'

export interface ReferenceOptions {
  dataDir: string
  gatewayKeys: ReadonlyMap<string, string>
  now?: () => Date
  logger?: boolean
  /** The department's own key: signs its answers, callbacks and document fetches. */
  signer: SigningIdentity
  callbacks?: GatewayAddress
  officerPassword?: string
}

const accept = () => null

export const referenceDepartmentCodes = [
  'traffic-police',
  'civil-registration',
  'health',
  'education',
  'water-board',
  'social-welfare',
] as const
export type ReferenceDepartmentCode = (typeof referenceDepartmentCodes)[number]

export function createReferenceDepartment(code: ReferenceDepartmentCode, options: ReferenceOptions): RunningDepartment {
  const server = { ...options, dataFile: path.join(options.dataDir, `${code}.db`) }
  switch (code) {
    case 'traffic-police':
      return createTrafficPoliceServer(server)
    case 'civil-registration':
      return createProtocolServer(
        {
          code,
          referencePrefix: 'CR',
          documentTitle: { en: 'Birth certificate', ur: 'پیدائشی سرٹیفکیٹ' },
          applications: { 'birth-certificate': accept },
        },
        server,
      )
    case 'health':
      return createHealthServer(server)
    case 'education':
      return createProtocolServer(
        { code, referencePrefix: 'ED', applications: { 'school-registration': accept } },
        server,
      )
    case 'social-welfare':
      return createProtocolServer({ code, referencePrefix: 'SW', applications: { 'benefit-claim': accept } }, server)
    case 'water-board':
      return createWaterBoardServer(server)
  }
}
