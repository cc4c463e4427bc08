// Several gateway replicas, each its own process, share one PostgreSQL database behind one load
// balancer. Citizens submit applications across them while one replica after another is killed
// outright (SIGKILL) and started again, and the department goes down and comes back. Afterwards
// every submission that got a tracking number reached the department exactly once in effect, none
// is missing, every status the department reported is recorded, and the audit chain verifies.
// CI runs a small soak; `pnpm soak` (SOAK_SUBMISSIONS=3000) runs a long one.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { createDb, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { verifyAuditLog } from '@darwaza/gateway/persistence/audit-log'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLoadBalancer, type LoadBalancer } from '../scripts/lib/load-balancer.ts'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { testEnv } from './support/env.ts'
import { gatewayProcess, type GatewayProcess } from './support/gateway-process.ts'
import { testGatewayKeys, testGatewaySigningEnv } from './support/gateway.ts'

const submissions = testEnv.soakSubmissions
const replicaCount = 3
const clientsAtOnce = 8
const citizens = demoCitizens.filter((person) => !person.testIdentity)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const form = { householdSize: 6, monthlyIncome: 28_000, disability: false }

describe.skipIf(!databaseKinds().includes('postgresql'))('several gateways on one PostgreSQL', () => {
  let db: Db
  let balancer: LoadBalancer
  let replicas: GatewayProcess[]
  let department: RunningDepartment | null = null
  let departmentPort = 0
  const departmentData = scratchFolder()
  const departmentKey = generateSigningKeyPair('social-welfare-soak')
  const signer = { keyId: departmentKey.keyId, privateKey: loadPrivateKey(departmentKey.privateKeyPem) }
  const callbacks = { gatewayUrl: '' }
  const startDepartment = async () => {
    department = createReferenceDepartment('social-welfare', {
      dataDir: departmentData,
      gatewayKeys: testGatewayKeys,
      signer,
      callbacks,
    })
    const url = await department.listen(departmentPort)
    departmentPort = Number(new URL(url).port)
    return url
  }

  const accepted = new Map<string, string>() // idempotency key → tracking number
  const chaos = { kills: 0, departmentOutages: 0, retries: 0, gaveUp: 0 }

  beforeAll(async () => {
    const url = await freshDatabaseUrl('postgresql')
    db = createDb(url)
    const departmentUrl = await startDepartment()
    await seedDemoCatalogue(
      db,
      { 'social-welfare': departmentUrl },
      { 'social-welfare': { keyId: departmentKey.keyId, publicKey: departmentKey.publicKey } },
    )
    const basePort = 30_000 + Math.floor(Math.random() * 20_000)
    const replicaUrls = Array.from({ length: replicaCount }, (_, index) => `http://127.0.0.1:${basePort + index}`)
    balancer = await startLoadBalancer(replicaUrls)
    callbacks.gatewayUrl = balancer.url
    const env = {
      ...testGatewaySigningEnv(),
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: balancer.url,
      DOCUMENTS_DIR: path.join(scratchFolder(), 'documents'),
      DELIVERY_WORKER: 'on',
      DELIVERY_INTERVAL_MS: '200',
      DELIVERY_TIMEOUT_MS: '2000',
      DELIVERY_LEASE_MS: '4000',
      DELIVERY_BACKOFF_BASE_MS: '200',
      DELIVERY_BACKOFF_MAX_MS: '2000',
      DELIVERY_MAX_ATTEMPTS: '100',
      CIRCUIT_FAILURES: '5',
      CIRCUIT_HALF_OPEN_MS: '1000',
    }
    replicas = replicaUrls.map((_, index) => gatewayProcess(basePort + index, env))
    await Promise.all(replicas.map((replica) => replica.start()))
  }, 120_000)

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((replica) => replica.stop()))
    await balancer?.close()
    await department?.close()
    await db?.$disconnect()
  })

  /** A tRPC call through the load balancer, retried with the same input while no replica answers it. */
  async function call(procedure: string, input: unknown, token?: string) {
    for (let attempt = 1; attempt <= 40; attempt++) {
      const response = await fetch(`${balancer.url}/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      }).catch(() => null)
      // A replica that died mid-request (502), or a shutdown answering 503: the same request again.
      if (response && response.status < 500) {
        return (await response.json()) as { result?: { data: Record<string, unknown> }; error?: unknown }
      }
      chaos.retries++
      await sleep(100 * Math.min(attempt, 5))
    }
    chaos.gaveUp++
    return null
  }

  async function signIn(person: { identityNumber: string; phone: string }): Promise<string> {
    const challenge = await call('identity.requestCode', { identityNumber: person.identityNumber })
    const challengeId = String(challenge?.result?.data.challengeId)
    const message = await db.devSmsMessage.findFirstOrThrow({
      where: { to: person.phone },
      orderBy: { createdAt: 'desc' },
    })
    const code = message.body.match(/\b(\d{6})\b/)?.[1]
    const session = await call('identity.verifyCode', { challengeId, code })
    return String(session?.result?.data.token)
  }

  it(`accepts ${submissions} submissions while replicas are killed and the department goes away, and loses nothing`, async () => {
    const began = Date.now()
    const phase = (name: string) => console.log(`soak: ${name} after ${((Date.now() - began) / 1000).toFixed(1)} s`)
    const tokens = await Promise.all(citizens.map((person) => signIn(person)))
    phase('signed in')
    let stopChaos = false

    // One replica at a time is killed without warning and started again.
    const killing = (async () => {
      while (!stopChaos) {
        await sleep(1500)
        if (stopChaos) break
        const victim = replicas[chaos.kills % replicas.length]
        if (!victim) break
        await victim.kill()
        chaos.kills++
        await sleep(300)
        await victim.start()
      }
    })()
    // The department goes down for a while and comes back on the same address.
    const outages = (async () => {
      while (!stopChaos) {
        await sleep(2500)
        if (stopChaos || !department) break
        await department.close()
        department = null
        chaos.departmentOutages++
        await sleep(2000)
        await startDepartment()
      }
    })()

    let sent = 0
    await Promise.all(
      Array.from({ length: clientsAtOnce }, async (_, client) => {
        while (sent < submissions) {
          sent++
          const idempotencyKey = `soak-${randomUUID()}`
          const token = tokens[client % tokens.length]
          const answer = await call(
            'applications.submit',
            { service: 'benefit-claim', form, idempotencyKey, language: 'en' },
            token,
          )
          const trackingNumber = answer?.result?.data.trackingNumber
          if (typeof trackingNumber === 'string') accepted.set(idempotencyKey, trackingNumber)
          else if (answer) throw new Error(`a submission was refused: ${JSON.stringify(answer.error)}`)
        }
      }),
    )
    phase('submitted')
    stopChaos = true
    await Promise.all([killing, outages])
    phase('chaos over')
    if (!department) await startDepartment()
    for (const replica of replicas) if (!replica.running()) await replica.start()

    // Everything accepted drains to the department and its acknowledgement comes back.
    const trackingNumbers = [...accepted.values()]
    const open = () =>
      db.application.count({ where: { trackingNumber: { in: trackingNumbers }, status: { not: 'received' } } })
    for (let waited = 0; waited < 120_000 && (await open()) > 0; waited += 500) await sleep(500)
    phase('drained')

    const inGateway = await db.application.findMany({
      select: { trackingNumber: true, idempotencyKey: true, status: true },
    })
    const departmentDb = new Database(path.join(departmentData, 'social-welfare.db'), { readonly: true })
    const atDepartment = departmentDb
      .prepare('SELECT tracking_number AS trackingNumber, times_received AS times, status FROM delivery')
      .all() as { trackingNumber: string; times: number; status: string }[]
    departmentDb.close()
    const duplicates = atDepartment.reduce((sum, row) => sum + row.times - 1, 0)
    console.log(
      `soak: ${accepted.size} accepted of ${submissions}; ${chaos.kills} replica kills, ` +
        `${chaos.departmentOutages} department outages, ${chaos.retries} client retries, ${chaos.gaveUp} given up; ` +
        `department: ${atDepartment.length} applications, ${duplicates} repeated deliveries (taken once); ` +
        `balancer: ${JSON.stringify(balancer.stats())}`,
    )

    // Every submission the clients were given a tracking number for is in the gateway ...
    const gatewayByKey = new Map(inGateway.map((application) => [application.idempotencyKey, application]))
    const missing = [...accepted].filter(([key, number]) => gatewayByKey.get(key)?.trackingNumber !== number)
    expect(missing).toEqual([])
    expect(accepted.size + chaos.gaveUp).toBe(submissions)
    expect(accepted.size).toBeGreaterThan(submissions * 0.95)
    // ... once: one application per key, and the department has exactly the gateway's applications.
    expect(inGateway.length).toBe(new Set(inGateway.map((application) => application.idempotencyKey)).size)
    expect(atDepartment.map((row) => row.trackingNumber).sort()).toEqual(
      inGateway.map((application) => application.trackingNumber).sort(),
    )
    const stuck = inGateway.filter((application) => application.status !== 'received').slice(0, 5)
    if (stuck.length > 0) {
      console.log(
        'soak: not received',
        JSON.stringify(stuck),
        JSON.stringify(
          await db.outboxEntry.findMany({
            where: { application: { trackingNumber: { in: stuck.map((application) => application.trackingNumber) } } },
            select: { state: true, attempts: true, lastError: true, lockedUntil: true, nextAttemptAt: true },
          }),
        ),
        JSON.stringify(
          atDepartment.filter((row) => stuck.some((application) => application.trackingNumber === row.trackingNumber)),
        ),
      )
      for (const replica of replicas) console.log(replica.output().slice(-3000))
    }
    // Every outbox entry was delivered; every acknowledgement is recorded, each step once.
    expect(await db.outboxEntry.count({ where: { state: { not: 'delivered' } } })).toBe(0)
    expect(inGateway.filter((application) => application.status !== 'received')).toEqual([])
    const steps = await db.applicationStatusChange.groupBy({ by: ['applicationId', 'toStatus'], _count: true })
    expect(steps.filter((step) => step._count > 1)).toEqual([])
    expect(steps.length).toBe(inGateway.length * 2)
    // The chaos happened, and the audit chain survived it.
    expect(chaos.kills).toBeGreaterThan(0)
    expect(chaos.departmentOutages).toBeGreaterThan(0)
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true })
  }, 600_000)
})
