// Every way a department can fail the gateway (issue #7), for a look-up, where a citizen waits at
// the screen, and for a delivery, which must be neither lost nor doubled: too slow for the deadline,
// a 500, a connection reset mid-answer, an answer that is not JSON, and an answer that comes after
// the gateway gave up. (Answers with bad signatures have their own test.) Over real HTTP, on both
// databases, with a stub department whose answers the test scripts.
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { ApplicationDelivery } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { eChallanLookup, startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { signInCitizen } from './support/identity.ts'
import { json, startStubDepartment, type StubDepartment, type StubRequest } from './support/stub-department.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

const deadlineMs = 800
const deliveryTimeoutMs = 800
const notFound = { outcome: 'not_found', message: { en: 'No such ticket.', ur: 'ایسا کوئی چالان نہیں۔' } }
const benefitClaim = { householdSize: 6, monthlyIncome: 28_000, disability: false }

type Misbehaviour = 'slow' | 'error 500' | 'reset' | 'not JSON'

/** Does the scripted misbehaviour, or answers properly with `good`. */
function misbehave(how: Misbehaviour | null, response: ServerResponse, good: () => void) {
  if (how === 'slow') return void setTimeout(good, deadlineMs * 3)
  if (how === 'error 500') return json(response, 500, { error: { code: 'internal', message: 'db down' } })
  if (how === 'reset') {
    // Half an answer, then the connection is gone.
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{"outcome":')
    return void setTimeout(() => response.socket?.destroy(), 20)
  }
  if (how === 'not JSON') return response.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops')
  good()
}

describe.each(databaseKinds())('a department failing the gateway, on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let citizen: GatewayClient
  let police: StubDepartment
  let welfare: StubDepartment
  let lookupFault: Misbehaviour | null = null
  /** The faults the next deliveries meet, one per attempt; then the department answers properly. */
  let deliveryFaults: Misbehaviour[] = []
  const references = new Map<string, string>()
  const received = new Map<string, number>()

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    police = await startStubDepartment(
      (_request, response) => misbehave(lookupFault, response, () => json(response, 200, notFound)),
      { signer: testDepartmentSigner('traffic-police') },
    )
    welfare = await startStubDepartment(
      (request: StubRequest, response) => {
        const delivery = ApplicationDelivery.parse(JSON.parse(request.body))
        const key = delivery.trackingNumber
        received.set(key, (received.get(key) ?? 0) + 1)
        // Like a real department, it takes the application (once) even when its answer then goes astray.
        const reference = references.get(key) ?? `SW-${references.size + 1}`
        references.set(key, reference)
        misbehave(deliveryFaults.shift() ?? null, response, () =>
          json(response, 200, { outcome: 'accepted', departmentReference: reference }),
        )
      },
      { signer: testDepartmentSigner('social-welfare') },
    )
    await seedDemoCatalogue(db, { 'traffic-police': police.url, 'social-welfare': welfare.url }, testDepartmentKeys())
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({
      DATABASE_URL: url,
      LOOKUP_DEADLINE_MS: String(deadlineMs),
      DELIVERY_WORKER: 'off',
      DELIVERY_TIMEOUT_MS: String(deliveryTimeoutMs),
      DELIVERY_MAX_ATTEMPTS: '10',
      CIRCUIT_FAILURES: '100',
    })
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await police.close()
    await welfare.close()
    await db.$disconnect()
  })

  const lookUp = () => eChallanLookup(gateway.url, { challanNumber: '1234567890' })

  describe('a look-up, with the citizen waiting', () => {
    it.each([
      ['slow', 504, 'DEPARTMENT_TIMEOUT', 'This department did not answer in time. Please try again later.'],
      ['error 500', 503, 'DEPARTMENT_UNAVAILABLE', 'This department cannot answer right now. Please try again later.'],
      ['reset', 503, 'DEPARTMENT_UNAVAILABLE', 'This department cannot answer right now. Please try again later.'],
      ['not JSON', 502, 'DEPARTMENT_BAD_ANSWER', 'This department cannot answer right now. Please try again later.'],
    ] as const)(
      'meets a department that is %s with a clear answer, never later than the deadline',
      async (how, status, code, message) => {
        lookupFault = how
        const result = await lookUp()
        expect(result.status).toBe(status)
        expect(result.body.error?.data.code).toBe(code)
        expect(result.body.error?.message).toBe(message)
        expect(result.text).not.toContain('db down')
        // The kiosk is never held past the deadline (a little room for the machine's own delays).
        expect(result.tookMs).toBeLessThan(deadlineMs + 700)
      },
    )

    it('answers once the department behaves again', async () => {
      lookupFault = null
      const result = await lookUp()
      expect(result.status).toBe(200)
    })
  })

  describe('a delivery, which must be neither lost nor doubled', () => {
    const attemptUntilDone = async (trackingNumber: string) => {
      for (let attempt = 0; attempt < 12; attempt++) {
        await db.outboxEntry.updateMany({ where: { state: 'pending' }, data: { nextAttemptAt: new Date(0) } })
        await gateway.deliverNow()
        const entry = await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })
        if (entry.state !== 'pending') return entry
        // An answer that comes after the gateway gave up must not be taken for the next attempt's.
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })
    }

    it.each([
      ['slow, answering after the gateway gave up', ['slow'] as Misbehaviour[]],
      ['failing with a 500', ['error 500'] as Misbehaviour[]],
      ['resetting the connection', ['reset'] as Misbehaviour[]],
      ['answering what is not JSON', ['not JSON'] as Misbehaviour[]],
      ['all of these, one after another', ['slow', 'error 500', 'reset', 'not JSON'] as Misbehaviour[]],
    ])(
      'to a department %s is retried and recorded once',
      async (_case, faults) => {
        deliveryFaults = [...faults]
        const submitted = await citizen.applications.submit.mutate({
          service: 'benefit-claim',
          form: benefitClaim,
          idempotencyKey: `faults-${randomUUID()}`,
        })
        const entry = await attemptUntilDone(submitted.trackingNumber)
        expect(entry.state).toBe('delivered')
        expect(entry.attempts).toBe(faults.length + 1)
        // The department was sent it once per attempt and keeps it once; the gateway has its reference.
        expect(received.get(submitted.trackingNumber)).toBe(faults.length + 1)
        const application = await db.application.findUniqueOrThrow({
          where: { trackingNumber: submitted.trackingNumber },
        })
        expect(application.departmentReference).toBe(references.get(submitted.trackingNumber))
        expect(
          await db.outboxEntry.count({ where: { application: { trackingNumber: submitted.trackingNumber } } }),
        ).toBe(1)
        // A slow answer arriving late changes nothing.
        await new Promise((resolve) => setTimeout(resolve, deadlineMs * 3))
        expect(await db.outboxEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
          state: 'delivered',
          attempts: faults.length + 1,
        })
      },
      60_000,
    )
  })
})
