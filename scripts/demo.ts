// Starts the whole demo in one process: the Traffic Police department (its own SQLite file), the
// gateway on the embedded SQLite database with the seeded catalogue, and the web view it serves.
// The database file is created and migrated on first start. Ctrl+C stops everything cleanly.
import path from 'node:path'
import { createTrafficPoliceServer, demoChallans } from '@darwaza/departments/traffic-police'
import { createDb } from '@darwaza/db'
import { deployMigrations } from '@darwaza/db/migrate'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { loadConfig } from '@darwaza/gateway/env'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import { startGateway } from '@darwaza/gateway/start'
import { providerOf } from '@darwaza/db'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = path.join(root, 'data')

const config = loadConfig({
  DATABASE_URL: `file:${path.join(dataDir, 'darwaza.db')}`,
  WEB_ROOT: path.join(root, 'apps/kiosk/dist'),
  LOG_LEVEL: 'warn',
  // The kiosk shell serves the app from app://kiosk and calls the gateway from there.
  CORS_ORIGINS: 'app://kiosk',
  ...process.env,
})

const trafficPolice = createTrafficPoliceServer({ dataFile: path.join(dataDir, 'departments/traffic-police.db') })
const trafficPoliceUrl = await trafficPolice.listen(Number(process.env.TRAFFIC_POLICE_PORT ?? 4101), '127.0.0.1')

const applied = await deployMigrations(config.databaseUrl)
if (applied.length > 0) console.log(`Database ready (applied ${applied.join(', ')}).`)
const db = createDb(config.databaseUrl)
await seedDemoCatalogue(db, { trafficPolice: trafficPoliceUrl })
await seedDemoAccess(db, providerOf(config.databaseUrl))

const gateway = await startGateway(config)
const kioskEnrolmentCode = await demoKioskEnrolmentCode(gateway.url)

/** Registers a demo kiosk through the admin API the first time, so the kiosk shell has a code to enrol with. */
async function demoKioskEnrolmentCode(gatewayUrl: string): Promise<string | null> {
  const admin = demoStaff.find((staff) => staff.role === 'platform_admin')
  const call = async (procedure: string, input: unknown, token?: string) => {
    const response = await fetch(`${gatewayUrl}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    })
    return ((await response.json()) as { result: { data: Record<string, unknown> } }).result.data
  }
  if (!admin || (await db.kiosk.count()) > 0) return null
  const { token } = await call('staff.signIn', { username: admin.username, password: admin.password })
  const centre = await db.serviceCentre.findFirstOrThrow({ where: { code: 'lahore-gulberg' } })
  const registered = await call(
    'admin.registerKiosk',
    { serviceCentreId: centre.id, label: 'Hall A, kiosk 1' },
    String(token),
  )
  return String(registered.enrolmentCode)
}

const sample = (status: string) => demoChallans.find((challan) => challan.status === status)?.number ?? '-'
console.log(`
  Darwaza demo is running.

  Open the web view:      ${gateway.url}/
  Traffic Police (dept):  ${trafficPoliceUrl}

  Try "Verify an e-challan" with:
    ${sample('unpaid')}  an unpaid ticket
    ${sample('paid')}  a paid ticket
    3520100003  an unpaid ticket past its due date
    0000000000  a number the department does not know
    12345       a malformed number

  Sign in as a citizen (Sign in, top right) with one of these identity numbers; the one-time
  code goes to the development SMS inbox: ${gateway.url}/dev/sms
${demoCitizens.map((person) => `    ${person.identityNumber.replace(/^(\d{5})(\d{7})(\d)$/, '$1-$2-$3')}  ${person.name}`).join('\n')}

  Staff sign-in: ${gateway.url}/#/staff
${demoStaff.map((staff) => `    ${staff.username.padEnd(8)} ${staff.password.padEnd(22)} ${staff.role}`).join('\n')}
  The clerk's counter (#/clerk) starts an assisted session for a citizen with their consent code.

${
  kioskEnrolmentCode
    ? `  A kiosk "Hall A, kiosk 1" is registered; on a machine with the Electron runtime, start the shell with
    DARWAZA_ENROLMENT_CODE=${kioskEnrolmentCode} pnpm --filter @darwaza/kiosk start:kiosk
`
    : ''
}
  Press Ctrl+C to stop.
`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return
    stopping = true
    console.log('\nStopping…')
    void Promise.all([gateway.stop(), trafficPolice.close(), db.$disconnect()]).then(() => process.exit(0))
  })
}
