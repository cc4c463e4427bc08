// Faults where they hurt most, each ending with no lost or doubled work: the gateway process killed
// outright after it accepted a submission but before delivering it, and after the department took
// it but before the gateway recorded that; PostgreSQL restarted under load; the SQLite file's disk
// full. Gateways run as their own processes here, so a kill is a real SIGKILL.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as forward, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { deployMigrations } from '@darwaza/db/migrate'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { gatewayProcess, type GatewayProcess } from './support/gateway-process.ts'
import { startTestGateway, testGatewayKeys, testGatewaySigningEnv, type TestGateway } from './support/gateway.ts'
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')
const form = { householdSize: 4, monthlyIncome: 20_000, disability: false }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let nextPort = 31_000 + Math.floor(Math.random() * 20_000)

/** A tRPC call over plain HTTP: the status and the parsed body, or null when nothing answered. */
async function call(baseUrl: string, procedure: string, input: unknown, token?: string) {
  const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  }).catch(() => null)
  if (!response) return null
  const body = (await response.json()) as {
    result?: { data: Record<string, unknown> }
    error?: { message: string; data?: { code?: string } }
  }
  return { status: response.status, ...body }
}

async function signIn(baseUrl: string, db: Db) {
  const challenge = await call(baseUrl, 'identity.requestCode', { identityNumber: ayesha?.identityNumber })
  const sms = await db.devSmsMessage.findFirstOrThrow({ where: { to: ayesha?.phone }, orderBy: { createdAt: 'desc' } })
  const session = await call(baseUrl, 'identity.verifyCode', {
    challengeId: challenge?.result?.data.challengeId,
    code: sms.body.match(/\b(\d{6})\b/)?.[1],
  })
  return String(session?.result?.data.token)
}

/** How many times the department was sent each application (from its own SQLite file). */
function departmentDeliveries(dataDir: string) {
  const file = new Database(path.join(dataDir, 'social-welfare.db'), { readonly: true })
  try {
    return file.prepare('SELECT tracking_number AS trackingNumber, times_received AS times FROM delivery').all() as {
      trackingNumber: string
      times: number
    }[]
  } finally {
    file.close()
  }
}

function welfareDepartment(dataDir: string, gatewayUrl: () => string) {
  const key = generateSigningKeyPair('social-welfare-faults')
  const signer = { keyId: key.keyId, privateKey: loadPrivateKey(key.privateKeyPem) }
  const callbacks = {
    get gatewayUrl() {
      return gatewayUrl()
    },
  }
  return {
    key,
    create: () =>
      createReferenceDepartment('social-welfare', { dataDir, gatewayKeys: testGatewayKeys, signer, callbacks }),
  }
}

const processEnv = (databaseUrl: string, extra: Record<string, string> = {}) => ({
  ...testGatewaySigningEnv(),
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  DOCUMENTS_DIR: path.join(scratchFolder(), 'documents'),
  DELIVERY_INTERVAL_MS: '200',
  DELIVERY_TIMEOUT_MS: '2000',
  DELIVERY_LEASE_MS: '3000',
  DELIVERY_BACKOFF_BASE_MS: '200',
  DELIVERY_BACKOFF_MAX_MS: '1000',
  ...extra,
})

describe.each(databaseKinds())('a gateway killed mid-way, on %s', (kind) => {
  let db: Db
  let databaseUrl: string
  let department: RunningDepartment
  let proxy: Server
  const departmentData = scratchFolder()
  const port = nextPort++
  let gateway: GatewayProcess | null = null
  // Between the gateway and the department: lets the test act after the department has answered
  // but before the gateway has heard the answer.
  let onDepartmentAnswered: (() => Promise<void>) | null = null

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl(kind)
    db = createDb(databaseUrl)
    const welfare = welfareDepartment(departmentData, () => `http://127.0.0.1:${port}`)
    department = welfare.create()
    const departmentUrl = new URL(await department.listen(0))
    proxy = createServer((request, response) => {
      const upstream = forward(
        {
          host: departmentUrl.hostname,
          port: departmentUrl.port,
          path: request.url,
          method: request.method,
          headers: request.headers,
        },
        (answer) => {
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () => {
            const hook = request.url?.startsWith('/applications/') ? onDepartmentAnswered : null
            onDepartmentAnswered = null
            void (hook ? hook() : Promise.resolve()).then(() => {
              if (response.destroyed) return
              response.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks))
            })
          })
        },
      )
      request.pipe(upstream)
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    await seedDemoCatalogue(
      db,
      { 'social-welfare': `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
      { 'social-welfare': { keyId: welfare.key.keyId, publicKey: welfare.key.publicKey } },
    )
    await seedDemoAccess(db, providerOf(databaseUrl))
  }, 60_000)

  afterAll(async () => {
    await gateway?.stop()
    await new Promise<void>((resolve) => {
      proxy?.closeAllConnections()
      proxy?.close(() => resolve())
    })
    await department?.close()
    await db?.$disconnect()
  })

  /** Delivered, and the department's acknowledgement recorded (the two may come in either order). */
  const received = async (trackingNumber: string) => {
    for (let waited = 0; waited < 30_000; waited += 200) {
      const application = await db.application.findUniqueOrThrow({
        where: { trackingNumber },
        select: { status: true, outbox: { select: { state: true } } },
      })
      if (application.status === 'received' && application.outbox.every((entry) => entry.state === 'delivered')) {
        return true
      }
      await sleep(200)
    }
    return false
  }

  it('delivers, once, what it accepted before it was killed and not yet sent', async () => {
    gateway = gatewayProcess(port, processEnv(databaseUrl, { DELIVERY_WORKER: 'off' }))
    await gateway.start()
    const token = await signIn(gateway.url, db)
    const submitted = await call(
      gateway.url,
      'applications.submit',
      { service: 'benefit-claim', form, idempotencyKey: `faults-${randomUUID()}` },
      token,
    )
    const trackingNumber = String(submitted?.result?.data.trackingNumber)
    await gateway.kill()
    expect(await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })).toMatchObject({
      state: 'pending',
      attempts: 0,
    })

    gateway = gatewayProcess(port, processEnv(databaseUrl, { DELIVERY_WORKER: 'on' }))
    await gateway.start()
    expect(await received(trackingNumber)).toBe(true)
    expect(departmentDeliveries(departmentData).filter((row) => row.trackingNumber === trackingNumber)).toEqual([
      { trackingNumber, times: 1 },
    ])
    await gateway.stop()
    gateway = null
  }, 90_000)

  it('records, once, a delivery the department took just before the gateway was killed', async () => {
    gateway = gatewayProcess(port, processEnv(databaseUrl, { DELIVERY_WORKER: 'on' }))
    await gateway.start()
    let killed = false
    const dying = gateway
    onDepartmentAnswered = async () => {
      await dying.kill()
      killed = true
    }
    const token = await signIn(gateway.url, db)
    const submitted = await call(
      gateway.url,
      'applications.submit',
      { service: 'benefit-claim', form, idempotencyKey: `faults-${randomUUID()}` },
      token,
    )
    const trackingNumber = String(submitted?.result?.data.trackingNumber)
    for (let waited = 0; !killed && waited < 20_000; waited += 100) await sleep(100)
    expect(killed).toBe(true)
    // The department has it; the gateway never heard so.
    expect(departmentDeliveries(departmentData).find((row) => row.trackingNumber === trackingNumber)).toBeDefined()
    expect((await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })).state).toBe(
      'pending',
    )

    gateway = gatewayProcess(port, processEnv(databaseUrl, { DELIVERY_WORKER: 'on' }))
    await gateway.start()
    expect(await received(trackingNumber)).toBe(true)
    const entry = await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })
    expect(entry.state).toBe('delivered')
    // Sent twice (the second time after the lease ran out), taken once.
    expect(departmentDeliveries(departmentData).filter((row) => row.trackingNumber === trackingNumber)).toEqual([
      { trackingNumber, times: 2 },
    ])
    expect(
      await db.applicationStatusChange.count({ where: { application: { trackingNumber }, toStatus: 'received' } }),
    ).toBe(1)
  }, 90_000)
})

describe.skipIf(privatePostgresUnavailable() !== null)('PostgreSQL restarted under load', () => {
  let postgres: PrivatePostgres
  let gateway: TestGateway
  let db: Db
  let department: RunningDepartment
  const departmentData = scratchFolder()

  beforeAll(async () => {
    postgres = await startPrivatePostgres()
    await deployMigrations(postgres.url)
    db = createDb(postgres.url)
    const welfare = welfareDepartment(departmentData, () => gateway?.url ?? '')
    department = welfare.create()
    const departmentUrl = await department.listen(0)
    await seedDemoCatalogue(
      db,
      { 'social-welfare': departmentUrl },
      { 'social-welfare': { keyId: welfare.key.keyId, publicKey: welfare.key.publicKey } },
    )
    await seedDemoAccess(db, 'postgresql')
    gateway = await startTestGateway({
      DATABASE_URL: postgres.url,
      DELIVERY_INTERVAL_MS: '200',
      DELIVERY_BACKOFF_BASE_MS: '200',
      DELIVERY_BACKOFF_MAX_MS: '1000',
      DELIVERY_LEASE_MS: '3000',
      DELIVERY_TIMEOUT_MS: '2000',
    })
  }, 120_000)

  afterAll(async () => {
    await gateway?.stop()
    await department?.close()
    await db?.$disconnect()
    await postgres?.stop()
  })

  it('answers clearly while the database is away, and loses nothing it accepted', async () => {
    const token = await signIn(gateway.url, db)
    const accepted = new Map<string, string>()
    const refusals: { status: number; code: string | undefined; message: string | undefined }[] = []
    let stop = false
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          const idempotencyKey = `pg-restart-${randomUUID()}`
          const answer = await call(
            gateway.url,
            'applications.submit',
            { service: 'benefit-claim', form, idempotencyKey },
            token,
          )
          if (answer?.result) accepted.set(idempotencyKey, String(answer.result.data.trackingNumber))
          else if (answer)
            refusals.push({ status: answer.status, code: answer.error?.data?.code, message: answer.error?.message })
          await sleep(20)
        }
      }),
    )
    await sleep(1000)
    const before = accepted.size
    await postgres.restart()
    await sleep(1500)
    stop = true
    await load
    expect(before).toBeGreaterThan(0)
    expect(accepted.size).toBeGreaterThan(before)
    // Whoever was submitting while the database was away was told plainly to try again.
    expect(refusals.length).toBeGreaterThan(0)
    for (const refusal of refusals) {
      expect(refusal.status).toBe(503)
      expect(refusal.code).toBe('STORAGE_UNAVAILABLE')
      expect(refusal.message).toMatch(/try again/i)
    }
    const stored = await db.application.findMany({ select: { idempotencyKey: true, trackingNumber: true } })
    const byKey = new Map(stored.map((application) => [application.idempotencyKey, application.trackingNumber]))
    expect([...accepted].filter(([key, number]) => byKey.get(key) !== number)).toEqual([])
    for (let waited = 0; waited < 30_000; waited += 300) {
      if ((await db.outboxEntry.count({ where: { state: { not: 'delivered' } } })) === 0) break
      await sleep(300)
    }
    expect(await db.outboxEntry.count({ where: { state: { not: 'delivered' } } })).toBe(0)
    expect(departmentDeliveries(departmentData).length).toBe(stored.length)
  }, 120_000)
})

const canMount = (() => {
  if (process.platform !== 'linux') return false
  const probe = path.join(tmpdir(), `darwaza-mount-probe-${process.pid}`)
  try {
    mkdirSync(probe, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
})()

describe.skipIf(!canMount)('the SQLite file’s disk full', () => {
  const mountPoint = path.join(tmpdir(), `darwaza-full-disk-${process.pid}`)
  let gateway: TestGateway
  let db: Db
  let token: string

  beforeAll(async () => {
    const seeded = await freshDatabaseUrl('sqlite')
    const seedDb = createDb(seeded)
    await seedDemoCatalogue(seedDb, { 'social-welfare': 'http://127.0.0.1:9' })
    await seedDemoAccess(seedDb, 'sqlite')
    await seedDb.$disconnect()
    mkdirSync(mountPoint, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint])
    const file = path.join(mountPoint, 'darwaza.db')
    copyFileSync(seeded.replace(/^file:/, ''), file)
    db = createDb(`file:${file}`)
    gateway = await startTestGateway({ DATABASE_URL: `file:${file}`, DELIVERY_WORKER: 'off' })
    token = await signIn(gateway.url, db)
  }, 60_000)

  afterAll(async () => {
    await gateway?.stop()
    await db?.$disconnect()
    execFileSync('umount', ['-l', mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
  })

  it('refuses plainly while the disk is full, keeps nothing half-written, and accepts the same submission once there is room', async () => {
    const counts = async () => ({
      applications: await db.application.count(),
      outbox: await db.outboxEntry.count(),
      audited: await db.auditEvent.count({ where: { event: 'application.submitted' } }),
    })
    const before = await counts()
    // Fill the disk to the last byte.
    const filler = path.join(mountPoint, 'filler')
    try {
      writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024))
    } catch {
      // ENOSPC: the disk is full, which is the point.
    }
    const idempotencyKey = `full-disk-${randomUUID()}`
    const submission = { service: 'benefit-claim', form, idempotencyKey }
    const refused = await call(gateway.url, 'applications.submit', submission, token)
    expect(refused?.status).toBe(503)
    expect(refused?.error?.data?.code).toBe('STORAGE_UNAVAILABLE')
    expect(refused?.error?.message).toMatch(/try again/i)
    expect(await counts()).toEqual(before)

    rmSync(filler)
    const accepted = await call(gateway.url, 'applications.submit', submission, token)
    expect(accepted?.status).toBe(200)
    const again = await call(gateway.url, 'applications.submit', submission, token)
    expect(again?.result?.data.trackingNumber).toBe(accepted?.result?.data.trackingNumber)
    expect(await counts()).toEqual({
      applications: before.applications + 1,
      outbox: before.outbox + 1,
      audited: before.audited + 1,
    })
  }, 60_000)
})
