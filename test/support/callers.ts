// Every kind of caller the gateway knows, signed in the way the authorization matrix does it, and
// which of them each procedure's access rule lets in.
import type { Db } from '@darwaza/db'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff } from '@darwaza/gateway/seed'
import type { Credentials, TestGateway } from './gateway.ts'
import { signInCitizen, signInStaff } from './identity.ts'

export type Caller = 'anonymous' | 'citizen' | 'clerk' | 'officer' | 'dept admin' | 'admin' | 'kiosk' | 'revoked kiosk'
export const callers: readonly Caller[] = [
  'anonymous',
  'citizen',
  'clerk',
  'officer',
  'dept admin',
  'admin',
  'kiosk',
  'revoked kiosk',
]

export const allowedBy: Record<string, readonly Caller[]> = {
  public: ['anonymous', 'citizen', 'clerk', 'officer', 'dept admin', 'admin', 'kiosk'],
  kiosk: ['kiosk'],
  signed_in: ['citizen', 'clerk', 'officer', 'dept admin', 'admin'],
  citizen: ['citizen'],
  staff: ['clerk', 'officer', 'dept admin', 'admin'],
  clerk: ['clerk'],
  department_staff: ['officer', 'dept admin'],
  department_admin: ['dept admin'],
  platform_admin: ['admin'],
}

/** The codes a caller who may not call a procedure is refused with. */
export const refusalCodes: ReadonlySet<string> = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'SESSION_EXPIRED',
  'KIOSK_NOT_ENROLLED',
])

/** Signs in one caller of each kind (the demo's staff, a demo citizen) and enrols a kiosk and a revoked one. */
export async function signInEveryone(gateway: TestGateway, db: Db): Promise<Map<Caller, Credentials>> {
  const password = (username: string) => demoStaff.find((staff) => staff.username === username)?.password ?? ''
  const admin = await signInStaff(gateway.client, 'admin', password('admin'))
  const adminClient = gateway.clientAs({ token: admin.token })
  const [centre] = await adminClient.admin.listServiceCentres.query()
  const [citizen] = demoCitizens
  if (!centre || !citizen) throw new Error('seed missing')
  const enrol = async (label: string) => {
    const { enrolmentCode, kioskId } = await adminClient.admin.registerKiosk.mutate({
      serviceCentreId: centre.id,
      label,
    })
    const { credential } = await gateway.client.kiosks.enrol.mutate({ enrolmentCode })
    return { kioskId, credential }
  }
  const kiosk = await enrol('hostile input')
  const revoked = await enrol('hostile input, revoked')
  await adminClient.admin.revokeKiosk.mutate({ kioskId: revoked.kioskId })
  const staffToken = async (username: string) => (await signInStaff(gateway.client, username, password(username))).token
  return new Map<Caller, Credentials>([
    ['anonymous', {}],
    ['citizen', { token: (await signInCitizen(gateway.client, db, citizen)).token }],
    ['clerk', { token: await staffToken('clerk') }],
    ['officer', { token: await staffToken('officer') }],
    ['dept admin', { token: await staffToken('deptadmin') }],
    ['admin', { token: admin.token }],
    ['kiosk', { kioskCredential: kiosk.credential }],
    ['revoked kiosk', { kioskCredential: revoked.credential }],
  ])
}

/** The HTTP headers a caller sends, as the kiosk shell or a browser would. */
export function headersOf(credentials: Credentials | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  if (credentials?.token) headers.authorization = `Bearer ${credentials.token}`
  if (credentials?.kioskCredential) headers['x-darwaza-kiosk'] = credentials.kioskCredential
  return headers
}
