// Applications are accepted once and delivered to the department once in effect: validated against
// the service's schema, idempotent on the client's key, delivered signed from the outbox with only the
// declared citizen attributes, retried when the department is down or answers garbage (nothing lost,
// nothing doubled), parked as dead for a platform admin to replay, and never sent by two workers.
import path from 'node:path'
import { verifyRequest } from '@darwaza/contracts/department-protocol/signatures'
import { ApplicationDelivery } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { DomainError } from '@darwaza/gateway/domain/errors'
import { createDepartmentCircuits } from '@darwaza/gateway/federation/department-circuits'
import { createDeliveryWorker } from '@darwaza/gateway/federation/delivery-worker'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { codeSentTo, payVoucher, refusal, signInCitizen, signInStaff } from './support/identity.ts'
import { json, startStubDepartment, type StubDepartment } from './support/stub-department.ts'

const [ayesha, bilal] = demoCitizens
if (!ayesha || !bilal) throw new Error('the development registry needs demo citizens')
const password = (username: string) => demoStaff.find((staff) => staff.username === username)?.password ?? ''

const birthCertificate = {
  childName: 'Zainab Ali',
  dateOfBirth: '2026-10-30',
  sex: 'female',
  placeOfBirth: 'Services Hospital, Lahore',
  fatherIdentityNumber: '3520212345671',
  motherIdentityNumber: '3520198765432',
}
const benefitClaim = { householdSize: 6, monthlyIncome: 28_000, disability: false }
let keyCounter = 0
const key = () => `test-key-${process.pid}-${++keyCounter}-${Date.now()}`

type Behaviour = 'accept' | 'unavailable' | 'garbage' | 'refuse' | 'slow-accept'

describe.each(databaseKinds())('applications on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let civil: RunningDepartment
  let civilData: string
  let welfare: StubDepartment
  let behaviour: Behaviour = 'accept'
  const accepted = new Map<string, number>()
  let citizen: GatewayClient
  let url: string

  beforeAll(async () => {
    url = await freshDatabaseUrl(kind)
    db = createDb(url)
    civilData = scratchFolder()
    civil = createReferenceDepartment('civil-registration', { dataDir: civilData, gatewayKeys: testGatewayKeys })
    const civilUrl = await civil.listen(0)
    // Social Welfare stands in as a department whose behaviour the test scripts.
    welfare = await startStubDepartment((request, response) => {
      const reply = () => {
        if (behaviour === 'unavailable') return json(response, 503, { error: { code: 'internal', message: 'down' } })
        if (behaviour === 'garbage') return response.writeHead(200).end('<html>proxy error</html>')
        if (behaviour === 'refuse') {
          return json(response, 400, { error: { code: 'invalid_query', message: 'IBAN closed', field: 'iban' } })
        }
        const delivery = ApplicationDelivery.parse(JSON.parse(request.body))
        accepted.set(delivery.idempotencyKey, (accepted.get(delivery.idempotencyKey) ?? 0) + 1)
        return json(response, 200, { outcome: 'accepted', departmentReference: `SW-${delivery.trackingNumber}` })
      }
      if (behaviour === 'slow-accept') setTimeout(reply, 30)
      else reply()
    })
    await seedDemoCatalogue(db, { 'civil-registration': civilUrl, 'social-welfare': welfare.url })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({
      DATABASE_URL: url,
      DELIVERY_WORKER: 'off',
      DELIVERY_MAX_ATTEMPTS: '3',
      CIRCUIT_FAILURES: '100',
    })
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await civil.close()
    await welfare.close()
    await db.$disconnect()
  })

  /** Makes every pending delivery due now, as if its backoff had passed. */
  const timePasses = () =>
    db.outboxEntry.updateMany({ where: { state: 'pending' }, data: { nextAttemptAt: new Date(0) } })
  const entryOf = (trackingNumber: string) =>
    db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })

  it('refuses a form that does not match the service, naming every field, and keeps nothing', async () => {
    const refused = citizen.applications.submit.mutate({
      service: 'birth-certificate',
      form: { ...birthCertificate, childName: '', sex: 'unknown', fatherIdentityNumber: '123' },
      idempotencyKey: key(),
    })
    const error = (await refused.catch((caught: unknown) => caught)) as { data: { fieldErrors: { field: string }[] } }
    expect(error.data.fieldErrors.map((problem) => problem.field).sort()).toEqual([
      'form.childName',
      'form.fatherIdentityNumber',
      'form.sex',
    ])
    expect(await db.application.count()).toBe(0)
    expect(
      await refusal(
        gateway.client.applications.submit.mutate({ service: 'birth-certificate', form: {}, idempotencyKey: key() }),
      ),
    ).toBe('UNAUTHORIZED')
    expect(
      await refusal(citizen.applications.submit.mutate({ service: 'water-bill', form: {}, idempotencyKey: key() })),
    ).toBe('SERVICE_NOT_AVAILABLE')
  })

  it('accepts a submission once: the same key returns the same application', async () => {
    const idempotencyKey = key()
    const submit = () =>
      citizen.applications.submit.mutate({ service: 'birth-certificate', form: birthCertificate, idempotencyKey })
    const [first, second] = await Promise.all([submit(), submit()])
    const third = await submit()
    expect(first.trackingNumber).toMatch(/^DZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/)
    expect(second?.trackingNumber).toBe(first?.trackingNumber)
    expect(third.trackingNumber).toBe(first?.trackingNumber)
    expect(third).toMatchObject({ status: 'submitted', service: 'birth-certificate', serviceVersion: 1 })
    expect(await db.application.count({ where: { idempotencyKey } })).toBe(1)
    expect(await db.outboxEntry.count({ where: { application: { idempotencyKey } } })).toBe(1)
    expect(await db.auditEvent.count({ where: { event: 'application.submitted' } })).toBe(1)
    expect(
      await refusal(
        citizen.applications.submit.mutate({ service: 'benefit-claim', form: benefitClaim, idempotencyKey }),
      ),
    ).toBe('INVALID_INPUT')
  })

  it('delivers it signed to the department, with only the citizen attributes the service declares', async () => {
    const submitted = await citizen.applications.submit.mutate({
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: key(),
    })
    // The birth certificate has a fee: it goes to the department once paid.
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    expect(await gateway.deliverNow()).toBeGreaterThanOrEqual(1)
    const entry = await entryOf(submitted.trackingNumber)
    expect(entry).toMatchObject({ state: 'delivered', attempts: 1 })
    const application = await db.application.findUniqueOrThrow({ where: { trackingNumber: submitted.trackingNumber } })
    expect(application.departmentReference).toMatch(/^CR-\d{6}$/)

    const departmentDb = new Database(path.join(civilData, 'civil-registration.db'), { readonly: true })
    const rows = departmentDb
      .prepare('SELECT body FROM delivery WHERE tracking_number = ?')
      .all(submitted.trackingNumber) as {
      body: string
    }[]
    departmentDb.close()
    expect(rows).toHaveLength(1)
    const delivered = ApplicationDelivery.parse(JSON.parse(rows[0]!.body))
    // The birth certificate declares identityNumber, name and phone: no date of birth is sent.
    expect(delivered.citizen).toEqual({ identityNumber: ayesha.identityNumber, name: ayesha.name, phone: ayesha.phone })
    expect(delivered.actor).toEqual({ kind: 'citizen' })
    expect(delivered.form).toEqual(birthCertificate)
  })

  it('keeps retrying while the department is down or answers garbage, then delivers exactly once', async () => {
    behaviour = 'unavailable'
    const submitted = await citizen.applications.submit.mutate({
      service: 'benefit-claim',
      form: benefitClaim,
      idempotencyKey: key(),
    })
    await gateway.deliverNow()
    const afterOutage = await entryOf(submitted.trackingNumber)
    expect(afterOutage).toMatchObject({ state: 'pending', attempts: 1 })
    expect(afterOutage.lastError).toContain('HTTP 503')
    expect(afterOutage.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
    expect(await gateway.deliverNow()).toBe(0) // not due yet

    behaviour = 'garbage'
    await timePasses()
    await gateway.deliverNow()
    expect(await entryOf(submitted.trackingNumber)).toMatchObject({ state: 'pending', attempts: 2 })

    behaviour = 'accept'
    await timePasses()
    await gateway.deliverNow()
    const entry = await entryOf(submitted.trackingNumber)
    expect(entry).toMatchObject({ state: 'delivered', attempts: 3 })
    const applicationId = entry.applicationId ?? ''
    expect(accepted.get(applicationId)).toBe(1)
    await timePasses()
    await gateway.deliverNow()
    expect(accepted.get(applicationId)).toBe(1)

    // Every attempt carried the same idempotency key and a valid gateway signature.
    const attempts = welfare.requests.filter((request) => request.body.includes(submitted.trackingNumber))
    expect(attempts).toHaveLength(3)
    for (const request of attempts) {
      expect(ApplicationDelivery.parse(JSON.parse(request.body)).idempotencyKey).toBe(applicationId)
      const check = await verifyRequest(
        {
          method: request.method,
          url: `${welfare.url}${request.url}`,
          headers: request.headers as Record<string, string>,
          body: request.body,
        },
        testGatewayKeys,
      )
      expect(check.ok).toBe(true)
    }
  })

  it('parks a delivery as dead after the last attempt, shows it to platform admins, and replays it', async () => {
    behaviour = 'garbage'
    const submitted = await citizen.applications.submit.mutate({
      service: 'benefit-claim',
      form: benefitClaim,
      idempotencyKey: key(),
    })
    for (let round = 0; round < 3; round++) {
      await timePasses()
      await gateway.deliverNow()
    }
    const dead = await entryOf(submitted.trackingNumber)
    expect(dead).toMatchObject({ state: 'dead', attempts: 3 })

    const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
    const problems = await admin.admin.deliveryProblems.query()
    const problem = problems.find((item) => item.trackingNumber === submitted.trackingNumber)
    expect(problem).toMatchObject({ state: 'dead', attempts: 3, department: 'social-welfare' })
    expect(problem?.lastError).toContain('gave up after 3 attempts')
    expect(await refusal(citizen.admin.deliveryProblems.query())).toBe('FORBIDDEN')

    behaviour = 'accept'
    await admin.admin.replayDelivery.mutate({ deliveryId: dead.id })
    expect(await refusal(admin.admin.replayDelivery.mutate({ deliveryId: dead.id }))).toBe('NOT_FOUND')
    await gateway.deliverNow()
    expect(await entryOf(submitted.trackingNumber)).toMatchObject({ state: 'delivered' })
    expect(accepted.get(dead.applicationId ?? '')).toBe(1)
    expect(
      await db.auditEvent.count({ where: { event: { in: ['application.delivery_dead', 'delivery.replayed'] } } }),
    ).toBe(2)
  })

  it('parks at once an application the department refuses, without retrying', async () => {
    behaviour = 'refuse'
    const submitted = await citizen.applications.submit.mutate({
      service: 'benefit-claim',
      form: benefitClaim,
      idempotencyKey: key(),
    })
    await gateway.deliverNow()
    const entry = await entryOf(submitted.trackingNumber)
    expect(entry).toMatchObject({ state: 'dead', attempts: 1 })
    expect(entry.lastError).toBe('refused by social-welfare: IBAN closed (iban)')
    behaviour = 'accept'
  })

  it('takes a clerk’s submission inside an assisted session, telling the department who acted', async () => {
    const clerk = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token })
    const challenge = await clerk.assisted.requestConsent.mutate({ identityNumber: bilal.identityNumber })
    const session = await clerk.assisted.startWithCode.mutate({
      challengeId: challenge.challengeId,
      code: await codeSentTo(db, bilal.phone),
    })
    const submitted = await clerk.assisted.submit.mutate({
      assistedSessionId: session.assistedSessionId,
      service: 'benefit-claim',
      form: benefitClaim,
      idempotencyKey: key(),
    })
    const application = await db.application.findUniqueOrThrow({
      where: { trackingNumber: submitted.trackingNumber },
      include: { citizen: true },
    })
    expect(application).toMatchObject({ channel: 'assisted', assistedSessionId: session.assistedSessionId })
    expect(application.citizen.identityNumber).toBe(bilal.identityNumber)
    await gateway.deliverNow()
    const request = welfare.requests.find((item) => item.body.includes(submitted.trackingNumber))
    expect(ApplicationDelivery.parse(JSON.parse(request?.body ?? '{}')).actor).toEqual({
      kind: 'clerk',
      clerk: demoStaff.find((staff) => staff.username === 'clerk')?.displayName,
      serviceCentre: 'lahore-gulberg',
    })
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: 'application.submitted' },
      orderBy: { sequence: 'desc' },
    })
    expect(audit.onBehalfOf).toBe(`citizen:${application.citizenId}`)
  })

  it('lets several workers share the outbox without sending any entry twice', async () => {
    behaviour = 'slow-accept'
    const submitted = await Promise.all(
      Array.from({ length: 12 }, () =>
        citizen.applications.submit.mutate({ service: 'benefit-claim', form: benefitClaim, idempotencyKey: key() }),
      ),
    )
    const signing = generateSigningKeyPair('darwaza-test-gateway')
    const circuits = createDepartmentCircuits(
      { failures: 100, halfOpenMs: 1000 },
      (error) => error instanceof DomainError,
    )
    // Workers with their own database clients, as in separate gateway processes.
    const connections = Array.from({ length: 3 }, () => createDb(url))
    const workers = connections.map((connection, index) =>
      createDeliveryWorker({
        db: connection,
        provider: providerOf(url),
        signer: { keyId: signing.keyId, privateKey: loadPrivateKey(signing.privateKeyPem) },
        circuits,
        workerId: `worker-${index}`,
        batchSize: 5,
        timeoutMs: 5000,
        maxAttempts: 3,
        backoff: { baseMs: 1000, maxMs: 1000 },
      }),
    )
    for (let round = 0; round < 4; round++) await Promise.all(workers.map((worker) => worker.runOnce()))
    await Promise.all(connections.map((connection) => connection.$disconnect()))
    for (const { trackingNumber } of submitted) {
      const entry = await entryOf(trackingNumber)
      expect(entry.state).toBe('delivered')
      expect(accepted.get(entry.applicationId ?? '')).toBe(1)
    }
    behaviour = 'accept'
  })
})
