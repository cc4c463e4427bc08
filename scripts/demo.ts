// Starts the whole demo in one process: the six reference departments (each its own HTTP server and
// SQLite file), the gateway on the embedded SQLite database with the seeded catalogue, and the web
// view it serves. The database file and the gateway's signing key are made on first start.
// Ctrl+C stops everything cleanly.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generateSigningKeyPair, loadPrivateKey, publicKeyOf } from '@darwaza/contracts/department-protocol/signatures'
import { departmentSigner } from '@darwaza/departments/department-keys'
import { createReferenceDepartment, referenceDepartmentCodes } from '@darwaza/departments/reference'
import { demoChallans } from '@darwaza/departments/traffic-police'
import { createDb } from '@darwaza/db'
import { deployMigrations } from '@darwaza/db/migrate'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { loadConfig } from '@darwaza/gateway/env'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import { startGateway } from '@darwaza/gateway/start'
import { providerOf } from '@darwaza/db'
import { createKioskEmulator } from '../apps/kiosk/emulator/kiosk-emulator.ts'
import { startLoadBalancer } from './lib/load-balancer.ts'

const root = path.resolve(import.meta.dirname, '..')
// Everything the demo keeps (databases, keys, what the kiosk printed); DARWAZA_DATA_DIR moves it.
const dataDir = path.resolve(process.env.DARWAZA_DATA_DIR ?? path.join(root, 'data'))

// The gateway signs every request to departments; the demo departments trust this key.
const signingKeyFile = path.join(dataDir, 'gateway-signing-key.pem')
const signingKeyId = 'darwaza-demo-gateway'
if (!existsSync(signingKeyFile)) {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(signingKeyFile, generateSigningKeyPair(signingKeyId).privateKeyPem, { mode: 0o600 })
}
const gatewayKeys = new Map([[signingKeyId, publicKeyOf(loadPrivateKey(readFileSync(signingKeyFile, 'utf8')))]])

const gatewayEnv: Record<string, string | undefined> = {
  DATABASE_URL: `file:${path.join(dataDir, 'darwaza.db')}`,
  GATEWAY_SIGNING_KEY_FILE: signingKeyFile,
  GATEWAY_SIGNING_KEY_ID: signingKeyId,
  WEB_ROOT: path.join(root, 'apps/kiosk/dist'),
  DOCUMENTS_DIR: path.join(dataDir, 'documents'),
  LOG_LEVEL: 'warn',
  // The kiosk shell serves the app from app://kiosk and calls the gateway from there.
  CORS_ORIGINS: 'app://kiosk',
  ...process.env,
}
const config = loadConfig(gatewayEnv)
// GATEWAY_REPLICAS=3 runs that many gateway processes on one PostgreSQL behind one address.
const replicaCount = Number(process.env.GATEWAY_REPLICAS ?? 1)
if (!Number.isInteger(replicaCount) || replicaCount < 1 || replicaCount > 16) {
  throw new Error('GATEWAY_REPLICAS must be a whole number from 1 to 16')
}
if (replicaCount > 1 && providerOf(config.databaseUrl) !== 'postgresql') {
  throw new Error('Several gateway replicas share one PostgreSQL database: set DATABASE_URL=postgresql://…')
}

const firstDepartmentPort = Number(process.env.DEPARTMENTS_FIRST_PORT ?? 4101)
const officerPassword = 'darwaza-officer-demo'
const gatewayUrl = `http://${config.host}:${config.port}`
const departments = await Promise.all(
  referenceDepartmentCodes.map(async (code, index) => {
    const signer = departmentSigner(path.join(dataDir, 'departments/keys'), code)
    const server = createReferenceDepartment(code, {
      dataDir: path.join(dataDir, 'departments'),
      gatewayKeys,
      signer,
      callbacks: { gatewayUrl },
      officerPassword,
    })
    return { code, server, signer, url: await server.listen(firstDepartmentPort + index, '127.0.0.1') }
  }),
)

const applied = await deployMigrations(config.databaseUrl)
if (applied.length > 0) console.log(`Database ready (applied ${applied.join(', ')}).`)
const db = createDb(config.databaseUrl)
await seedDemoCatalogue(
  db,
  Object.fromEntries(departments.map((department) => [department.code, department.url])),
  Object.fromEntries(
    departments.map((department) => [
      department.code,
      { keyId: department.signer.keyId, publicKey: department.signer.publicKey },
    ]),
  ),
)
await seedDemoAccess(db, providerOf(config.databaseUrl))

const gateway = replicaCount > 1 ? await startReplicas(replicaCount) : await startGateway(config)

/**
 * The scale-out way: gateway processes sharing the database (their delivery workers share the
 * outbox), each on its own port, behind a load balancer on the gateway's address.
 */
async function startReplicas(count: number) {
  const firstPort = Number(process.env.GATEWAY_REPLICAS_FIRST_PORT ?? config.port + 200)
  const ports = Array.from({ length: count }, (_, index) => firstPort + index)
  const replicas = ports.map((port) =>
    spawn(process.execPath, ['--import', 'tsx', 'apps/gateway/src/main.ts'], {
      cwd: root,
      env: { ...gatewayEnv, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: config.publicUrl },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  )
  for (const port of ports) {
    for (let waited = 0; ; waited += 200) {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (response) => response.ok,
        () => false,
      )
      if (ready) break
      if (waited > 60_000) throw new Error(`the gateway replica on port ${port} did not start`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  const balancer = await startLoadBalancer(
    ports.map((port) => `http://127.0.0.1:${port}`),
    config.port,
    config.host,
  )
  console.log(`  ${count} gateway replicas on ports ${ports.join(', ')}, behind ${balancer.url}`)
  return {
    url: balancer.url,
    async stop() {
      await balancer.close()
      await Promise.all(
        replicas.map(
          (replica) =>
            new Promise<void>((resolve) => {
              replica.once('exit', () => resolve())
              replica.kill('SIGTERM')
            }),
        ),
      )
    },
  }
}
const kioskEnrolmentCode = await demoKioskEnrolmentCode(gateway.url)
const emulatorCredential = await kioskEmulatorCredential(gateway.url)
const emulator = createKioskEmulator({
  gatewayUrl: gateway.url,
  credential: emulatorCredential,
  webRoot: config.webRoot ?? path.join(root, 'apps/kiosk/dist'),
  printedDir: path.join(dataDir, 'kiosk-printed'),
  label: 'Hall A, kiosk emulator',
  idleSeconds: 120,
  defaultLanguage: 'ur',
  paperFormat: 'thermal-80mm',
})
const emulatorUrl = await emulator.listen(Number(process.env.KIOSK_EMULATOR_PORT ?? 4010), '127.0.0.1')

/** Registers a demo kiosk through the admin API the first time, so the kiosk shell has a code to enrol with. */
async function demoKioskEnrolmentCode(gatewayUrl: string): Promise<string | null> {
  const admin = demoStaff.find((staff) => staff.role === 'platform_admin')
  if (!admin || (await db.kiosk.count({ where: { label: 'Hall A, kiosk 1' } })) > 0) return null
  const { token } = await callGateway(gatewayUrl, 'staff.signIn', {
    username: admin.username,
    password: admin.password,
  })
  const centre = await db.serviceCentre.findFirstOrThrow({ where: { code: 'lahore-gulberg' } })
  const registered = await callGateway(
    gatewayUrl,
    'admin.registerKiosk',
    { serviceCentreId: centre.id, label: 'Hall A, kiosk 1' },
    String(token),
  )
  return String(registered.enrolmentCode)
}

async function callGateway(gatewayUrl: string, procedure: string, input: unknown, token?: string) {
  const response = await fetch(`${gatewayUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  })
  const body = (await response.json()) as { result?: { data: Record<string, unknown> }; error?: { message: string } }
  if (!body.result) throw new Error(`${procedure}: ${body.error?.message ?? response.status}`)
  return body.result.data
}

/** The kiosk emulator is an enrolled kiosk like any other: enrolled once, its credential kept in data/. */
async function kioskEmulatorCredential(gatewayUrl: string): Promise<string> {
  const file = path.join(dataDir, 'kiosk-emulator.credential')
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : ''
  const stillEnrolled = kept
    ? await fetch(`${gatewayUrl}/trpc/kiosks.heartbeat`, { method: 'POST', headers: { 'x-darwaza-kiosk': kept } })
        .then((response) => response.ok)
        .catch(() => false)
    : false
  if (stillEnrolled) return kept
  const admin = demoStaff.find((staff) => staff.role === 'platform_admin')
  if (!admin) throw new Error('the demo has no platform admin')
  const { token } = await callGateway(gatewayUrl, 'staff.signIn', {
    username: admin.username,
    password: admin.password,
  })
  const centre = await db.serviceCentre.findFirstOrThrow({ where: { code: 'lahore-gulberg' } })
  const { enrolmentCode } = await callGateway(
    gatewayUrl,
    'admin.registerKiosk',
    { serviceCentreId: centre.id, label: 'Hall A, kiosk emulator' },
    String(token),
  )
  const { credential } = await callGateway(gatewayUrl, 'kiosks.enrol', { enrolmentCode })
  writeFileSync(file, String(credential), { mode: 0o600 })
  return String(credential)
}

const sample = (status: string) => demoChallans.find((challan) => challan.status === status)?.number ?? '-'
console.log(`
  Darwaza demo is running.

  Open the web view:      ${gateway.url}/
  The kiosk, as an enrolled kiosk shows it (the kiosk emulator): ${emulatorUrl}/
    tickets for a counter, the on-screen keyboard, the idle wipe; what it prints: ${emulatorUrl}/emulator/printed
  The waiting hall's display:  ${gateway.url}/#/hall?centre=lahore-gulberg  (in Urdu: add &lang=ur)
  Departments (officer pages at <address>/officer, user "officer", password ${officerPassword}):
${departments.map((department) => `    ${department.code.padEnd(20)} ${department.url}`).join('\n')}

  Try "Verify an e-challan" with:
    ${sample('unpaid')}  an unpaid ticket
    ${sample('paid')}  a paid ticket
    3520100003  an unpaid ticket past its due date
    0000000000  a number the department does not know
    12345       a malformed number
  Try "Check a water bill" with 012345678901 (unpaid) or 012345678902 (paid).
  Search in English, Urdu or romanized Urdu: "licence", "پانی کا بل", "paidaish", "dakhla".

  Sign in as a citizen (Sign in, top right) with one of these identity numbers; the one-time
  code goes to the development SMS inbox: ${gateway.url}/dev/sms
${demoCitizens.map((person) => `    ${person.identityNumber.replace(/^(\d{5})(\d{7})(\d)$/, '$1-$2-$3')}  ${person.name}`).join('\n')}

  Staff sign-in: ${gateway.url}/#/staff
${demoStaff.map((staff) => `    ${staff.username.padEnd(8)} ${staff.password.padEnd(22)} ${staff.role}`).join('\n')}
  The clerk's counter (#/clerk, clerk or clerk2) calls the next ticket and starts an assisted session
  for the citizen with their consent code.
  The department admin (deptadmin) edits and publishes Traffic Police services at ${gateway.url}/#/department
  Test identity for departments in sandbox: 99999-0000001-7

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
    void Promise.all([
      gateway.stop(),
      emulator.close(),
      ...departments.map((department) => department.server.close()),
      db.$disconnect(),
    ]).then(() => process.exit(0))
  })
}
