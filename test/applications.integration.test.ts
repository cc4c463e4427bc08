// Applications are accepted once and delivered to the department once in effect: validated against
// the service's schema, idempotent on the client's key, delivered signed from the outbox with only the
// declared citizen attributes, retried when the department is down, unreachable or answers garbage
// (nothing lost, nothing doubled), held while its circuit is open, parked as dead for a platform admin
// to replay, rejected (and the citizen told) when the department refuses, and never sent by two
// workers at once, however slow the department. Status polling asks about every open application in
// turn, and text messages are never sent by two senders at once either.
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { verifyRequest } from '@darwaza/contracts/department-protocol/signatures'
import { ApplicationDelivery, StatusQuery } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { DomainError } from '@darwaza/gateway/domain/errors'
import { createDepartmentCircuits, type DepartmentCircuits } from '@darwaza/gateway/federation/department-circuits'
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerOptions,
} from '@darwaza/gateway/federation/delivery-worker'
import { createStatusPoller } from '@darwaza/gateway/federation/status-poller'
import { createNotificationSender } from '@darwaza/gateway/services/notification-sender'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import {
  codeSentTo,
  demoPassword as password,
  payVoucher,
  refusal,
  signInCitizen,
  signInStaff,
} from './support/identity.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { json, startStubDepartment, type StubDepartment, type StubRequest } from './support/stub-department.ts'

const [ayesha, bilal] = demoCitizens
if (!ayesha || !bilal) throw new Error('the development registry needs demo citizens')

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
const signing = generateSigningKeyPair('darwaza-test-gateway')
const signer = { keyId: signing.keyId, privateKey: loadPrivateKey(signing.privateKeyPem) }
/** What the gateway counts as a department failing (start.ts). */
const departmentFailed = (error: unknown) => error instanceof DomainError && error.code.startsWith('DEPARTMENT_')

type Behaviour = 'accept' | 'unavailable' | 'garbage' | 'refuse' | 'slow-accept' | 'hold'

describe.each(databaseKinds())('applications on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let civil: RunningDepartment
  let civilData: string
  let welfare: StubDepartment
  let behaviour: Behaviour = 'accept'
  /** How long the department takes to answer when it is slow. */
  let slowMs = 30
  const accepted = new Map<string, number>()
  /** Deliveries the department is working on right now, and the most at once, by idempotency key. */
  const working = new Map<string, number>()
  const mostAtOnce = new Map<string, number>()
  /** The tracking numbers of each status query the department was sent. */
  const statusQueries: string[][] = []
  /** Deliveries the department holds on to (behaviour 'hold') until the test has it answer them. */
  const held: ((answer: 'accept' | 'refuse') => void)[] = []
  let citizen: GatewayClient
  let url: string

  // Social Welfare stands in as a department whose behaviour the test scripts.
  const welfareStub = { signer: testDepartmentSigner('social-welfare') }
  const welfareAnswer = (request: StubRequest, response: ServerResponse) => {
    if (request.url === '/status-queries') {
      statusQueries.push(StatusQuery.parse(JSON.parse(request.body)).trackingNumbers)
      return json(response, 200, { statuses: [] })
    }
    const idempotencyKey = ApplicationDelivery.safeParse(parseJson(request.body)).data?.idempotencyKey ?? ''
    const atOnce = (working.get(idempotencyKey) ?? 0) + 1
    working.set(idempotencyKey, atOnce)
    mostAtOnce.set(idempotencyKey, Math.max(atOnce, mostAtOnce.get(idempotencyKey) ?? 0))
    const reply = (answer: Behaviour = behaviour) => {
      working.set(idempotencyKey, (working.get(idempotencyKey) ?? 1) - 1)
      if (answer === 'unavailable') return json(response, 503, { error: { code: 'internal', message: 'down' } })
      if (answer === 'garbage') return response.writeHead(200).end('<html>proxy error</html>')
      if (answer === 'refuse') {
        return json(response, 400, { error: { code: 'invalid_query', message: 'IBAN closed', field: 'iban' } })
      }
      const delivery = ApplicationDelivery.parse(JSON.parse(request.body))
      accepted.set(delivery.idempotencyKey, (accepted.get(delivery.idempotencyKey) ?? 0) + 1)
      return json(response, 200, { outcome: 'accepted', departmentReference: `SW-${delivery.trackingNumber}` })
    }
    if (behaviour === 'slow-accept') setTimeout(reply, slowMs)
    else if (behaviour === 'hold') held.push(reply)
    else reply()
  }

  beforeAll(async () => {
    url = await freshDatabaseUrl(kind)
    db = createDb(url)
    civilData = scratchFolder()
    civil = createReferenceDepartment('civil-registration', {
      dataDir: civilData,
      gatewayKeys: testGatewayKeys,
      signer: testDepartmentSigner('civil-registration'),
    })
    const civilUrl = await civil.listen(0)
    welfare = await startStubDepartment(welfareAnswer, welfareStub)
    await seedDemoCatalogue(db, { 'civil-registration': civilUrl, 'social-welfare': welfare.url }, testDepartmentKeys())
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
  const submitClaims = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () =>
        citizen.applications.submit.mutate({ service: 'benefit-claim', form: benefitClaim, idempotencyKey: key() }),
      ),
    )
  const requestsFor = (trackingNumber: string) =>
    welfare.requests.filter((request) => request.body.includes(trackingNumber)).length

  /** Delivery workers with their own database clients, as in separate gateway processes. */
  function startWorkers(
    count: number,
    options: Partial<DeliveryWorkerOptions> & { circuits?: DepartmentCircuits } = {},
  ): { workers: DeliveryWorker[]; close(): Promise<void> } {
    const circuits = options.circuits ?? createDepartmentCircuits({ failures: 100, halfOpenMs: 1000 }, departmentFailed)
    const connections = Array.from({ length: count }, () => createDb(url))
    const workers = connections.map((connection, index) =>
      createDeliveryWorker({
        provider: providerOf(url),
        signer,
        workerId: `worker-${index}`,
        timeoutMs: 5000,
        maxAttempts: 3,
        backoff: { baseMs: 1000, maxMs: 1000 },
        ...options,
        db: connection,
        circuits,
      }),
    )
    return {
      workers,
      close: async () => {
        await Promise.all(connections.map((connection) => connection.$disconnect()))
      },
    }
  }

  /** Runs a worker round after round until none of these applications' deliveries is pending. */
  async function deliverUntilSettled(
    worker: DeliveryWorker,
    trackingNumbers: string[],
    between: () => Promise<unknown> = () => sleep(20),
  ) {
    const pending = () =>
      db.outboxEntry.count({ where: { state: 'pending', application: { trackingNumber: { in: trackingNumbers } } } })
    for (let round = 0; round < 500 && (await pending()) > 0; round++) {
      await worker.runOnce()
      await between()
    }
  }

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

  it('words every field error in the language the form was sent in, naming the field and the limit', async () => {
    const form = {
      ...birthCertificate,
      childName: 'Z'.repeat(81),
      placeOfBirth: 'L',
      sex: 'unknown',
      fatherIdentityNumber: '123',
    }
    const errorsIn = async (language?: 'en' | 'ur' | 'ar') => {
      const error = (await citizen.applications.submit
        .mutate({ service: 'birth-certificate', form, idempotencyKey: key(), ...(language ? { language } : {}) })
        .catch((caught: unknown) => caught)) as {
        data: { fieldErrors: { field: string; reason: string; message: string }[] }
      }
      return Object.fromEntries(error.data.fieldErrors.map((problem) => [problem.field, problem]))
    }
    const urdu = await errorsIn('ur')
    expect(urdu['form.childName']).toEqual({
      field: 'form.childName',
      reason: 'too_long',
      message: 'بچے کا پورا نام میں زیادہ سے زیادہ 80 حروف ہو سکتے ہیں',
    })
    expect(urdu['form.placeOfBirth']?.message).toBe('جائے پیدائش میں کم از کم 2 حروف ہونے چاہئیں')
    expect(urdu['form.fatherIdentityNumber']).toMatchObject({
      reason: 'format',
      message: 'والد کا شناختی کارڈ نمبر صرف 13 ہندسوں پر مشتمل ہونا چاہیے',
    })
    expect(urdu['form.sex']).toMatchObject({
      reason: 'not_allowed',
      message: 'جنس کے لیے ان میں سے ایک منتخب کریں: لڑکی، لڑکا، یا دیگر',
    })
    const english = await errorsIn()
    expect(english['form.childName']?.message).toBe('Child’s full name must be at most 80 characters')
    expect(english['form.fatherIdentityNumber']?.message).toBe('Father’s CNIC must be 13 digits')
    // The seeded forms have no Arabic labels: the English label inside an Arabic sentence.
    expect((await errorsIn('ar'))['form.placeOfBirth']?.message).toBe('يجب ألا يقل عدد أحرف Place of birth عن 2')
    expect(await db.application.count()).toBe(0)
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

  it('records a submission made at a kiosk as the kiosk channel, with the kiosk', async () => {
    const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
    const [centre] = await admin.admin.listServiceCentres.query()
    if (!centre) throw new Error('seed missing')
    const { enrolmentCode, kioskId } = await admin.admin.registerKiosk.mutate({
      serviceCentreId: centre.id,
      label: 'channel test',
    })
    const { credential } = await gateway.client.kiosks.enrol.mutate({ enrolmentCode })
    const kiosk = gateway.clientAs({ kioskCredential: credential })
    const session = await signInCitizen(kiosk, db, ayesha)
    const atKiosk = gateway.clientAs({ kioskCredential: credential, token: session.token })
    const submitted = await atKiosk.applications.submit.mutate({
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: key(),
    })
    expect(
      await db.application.findUniqueOrThrow({
        where: { trackingNumber: submitted.trackingNumber },
        select: { channel: true, kioskId: true, clerkId: true },
      }),
    ).toEqual({ channel: 'kiosk', kioskId, clerkId: null })
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { event: 'application.submitted' },
      orderBy: { sequence: 'desc' },
      select: { device: true },
    })
    expect(audited.device).toBe(`kiosk:${kioskId}`)
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
    expect(problem).toMatchObject({
      state: 'dead',
      attempts: 3,
      department: 'social-welfare',
      applicationStatus: 'submitted',
      canReplay: true,
      replayRefusal: null,
    })
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

  it('parks at once an application the department refuses, without retrying, and tells the citizen why it was rejected', async () => {
    behaviour = 'refuse'
    const submitted = await citizen.applications.submit.mutate({
      service: 'benefit-claim',
      form: benefitClaim,
      idempotencyKey: key(),
      language: 'en',
    })
    await gateway.deliverNow()
    const entry = await entryOf(submitted.trackingNumber)
    expect(entry).toMatchObject({ state: 'dead', attempts: 1 })
    expect(entry.lastError).toBe('refused by social-welfare: IBAN closed (iban)')
    behaviour = 'accept'
    await timePasses()
    await gateway.deliverNow()
    expect(requestsFor(submitted.trackingNumber)).toBe(1)

    // The citizen sees the application rejected, with the department's reason, in their records…
    const history = await citizen.identity.history.query()
    const mine = history.applications.find((application) => application.trackingNumber === submitted.trackingNumber)
    expect(mine?.status).toBe('rejected')
    expect(mine?.timeline.map((step) => step.status)).toEqual(['submitted', 'rejected'])
    expect(mine?.timeline.at(-1)?.message).toEqual({ en: 'IBAN closed', ur: 'IBAN closed' })
    // …and is told by text message, through the notification outbox, in the language they applied in.
    await gateway.sendNotificationsNow()
    const texts = await db.devSmsMessage.findMany({
      where: { to: ayesha.phone, body: { contains: submitted.trackingNumber } },
      orderBy: { createdAt: 'asc' },
    })
    expect(texts.map((text) => text.body)).toEqual([
      expect.stringContaining('is submitted'),
      expect.stringContaining('was not approved'),
    ])
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: 'application.status_changed' },
      orderBy: { sequence: 'desc' },
    })
    expect(audit).toMatchObject({ actor: 'department:social-welfare' })
    expect(audit.data).toMatchObject({
      trackingNumber: submitted.trackingNumber,
      from: 'submitted',
      to: 'rejected',
      refusedDelivery: entry.id,
      reason: 'refused by social-welfare: IBAN closed (iban)',
    })

    // A rejected application is over: a platform admin cannot send it to the department again.
    const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
    const problems = await admin.admin.deliveryProblems.query()
    expect(problems.find((problem) => problem.deliveryId === entry.id)).toMatchObject({
      state: 'dead',
      applicationStatus: 'rejected',
      canReplay: false,
      replayRefusal: 'application_closed',
    })
    expect(await refusal(admin.admin.replayDelivery.mutate({ deliveryId: entry.id }))).toBe('INVALID_INPUT')
    expect(await entryOf(submitted.trackingNumber)).toMatchObject({ state: 'dead' })
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

  it('drains a backlog round after round without waiting out the interval between full rounds', async () => {
    behaviour = 'accept'
    const submitted = await submitClaims(12)
    const { workers, close } = startWorkers(1, { batchSize: 4 })
    const [worker] = workers
    if (!worker) throw new Error('no worker')
    // An interval far longer than the test: only rounds that follow full ones at once can finish it.
    worker.start(600_000)
    try {
      const pending = () =>
        db.outboxEntry.count({
          where: {
            application: { trackingNumber: { in: submitted.map((item) => item.trackingNumber) } },
            state: 'pending',
          },
        })
      for (let waited = 0; waited < 10_000 && (await pending()) > 0; waited += 100) await sleep(100)
      expect(await pending()).toBe(0)
    } finally {
      await worker.stop()
      await close()
    }
  })

  it('lets several workers share the outbox without sending any entry twice', async () => {
    behaviour = 'slow-accept'
    const submitted = await Promise.all(
      Array.from({ length: 12 }, () =>
        citizen.applications.submit.mutate({ service: 'benefit-claim', form: benefitClaim, idempotencyKey: key() }),
      ),
    )
    const { workers, close } = startWorkers(3, { batchSize: 5 })
    for (let round = 0; round < 4; round++) await Promise.all(workers.map((worker) => worker.runOnce()))
    await close()
    for (const { trackingNumber } of submitted) {
      const entry = await entryOf(trackingNumber)
      expect(entry.state).toBe('delivered')
      expect(accepted.get(entry.applicationId ?? '')).toBe(1)
    }
    behaviour = 'accept'
  })

  it('never has two workers send one entry at the same time, even to a department slower than the leases', async () => {
    behaviour = 'slow-accept'
    slowMs = 250
    const submitted = await submitClaims(20)
    const trackingNumbers = submitted.map((item) => item.trackingNumber)
    // Leases of 3 s and answers after 250 ms each: a worker that took all twenty at once and sent them
    // one after the other would still be sending the last ones long after their leases ran out.
    const { workers, close } = startWorkers(3, { timeoutMs: 2000, leaseMs: 3000 })
    // A lease that would not outlast the send (with room to spare) is refused outright.
    expect(() =>
      createDeliveryWorker({
        db,
        provider: providerOf(url),
        signer,
        circuits: createDepartmentCircuits({ failures: 100, halfOpenMs: 1000 }, departmentFailed),
        timeoutMs: 1000,
        leaseMs: 1100,
        maxAttempts: 3,
        backoff: { baseMs: 1000, maxMs: 1000 },
      }),
    ).toThrow('must be at least 250 ms longer than the delivery timeout')
    const [first, ...others] = workers
    const received = welfare.requests.length
    try {
      await Promise.all([
        deliverUntilSettled(first!, trackingNumbers),
        (async () => {
          // The other processes start once the first is busy with the slow department.
          while (welfare.requests.length === received) await sleep(10)
          await Promise.all(others.map((worker) => deliverUntilSettled(worker, trackingNumbers)))
        })(),
      ])
    } finally {
      await close()
      behaviour = 'accept'
      slowMs = 30
    }
    for (const trackingNumber of trackingNumbers) {
      const entry = await entryOf(trackingNumber)
      expect(entry).toMatchObject({ state: 'delivered', attempts: 1, lockedBy: null })
      const idempotencyKey = entry.applicationId ?? ''
      expect({ trackingNumber, sent: requestsFor(trackingNumber), atOnce: mostAtOnce.get(idempotencyKey) }).toEqual({
        trackingNumber,
        sent: 1,
        atOnce: 1,
      })
      expect(accepted.get(idempotencyKey)).toBe(1)
    }
  })

  it('leaves an entry to the worker holding its lease: one that lost the lease records nothing', async () => {
    behaviour = 'hold'
    const [submitted] = await submitClaims(1)
    const trackingNumber = submitted!.trackingNumber
    // Worker 1 runs on a machine whose clock is ten minutes ahead: it sees worker 0's lease as over.
    const {
      workers: [behind],
      close: closeBehind,
    } = startWorkers(1)
    const {
      workers: [ahead],
      close: closeAhead,
    } = startWorkers(1, {
      workerId: 'worker-ahead',
      now: () => new Date(Date.now() + 10 * 60_000),
    })
    try {
      const first = behind!.runOnce()
      while (held.length === 0) await sleep(10)
      const second = ahead!.runOnce()
      while (held.length === 1) await sleep(10)
      // The worker holding the lease now is answered first: accepted.
      held[1]!('accept')
      expect(await second).toBe(1)
      expect(await entryOf(trackingNumber)).toMatchObject({ state: 'delivered', lockedBy: null })
      // The department refuses the other, late request; the worker that lost the lease must not
      // overwrite the delivery with its outcome, nor reject the citizen's application.
      held[0]!('refuse')
      expect(await first).toBe(1)
    } finally {
      held.length = 0
      behaviour = 'accept'
      await closeBehind()
      await closeAhead()
    }
    const entry = await entryOf(trackingNumber)
    expect(entry).toMatchObject({ state: 'delivered', attempts: 1, lastError: null })
    const application = await db.application.findUniqueOrThrow({ where: { trackingNumber } })
    expect(application).toMatchObject({ status: 'submitted', departmentReference: `SW-${trackingNumber}` })
    const audited = await db.auditEvent.findMany({
      where: { event: { in: ['application.delivered', 'application.delivery_dead', 'application.status_changed'] } },
      select: { event: true, data: true },
    })
    expect(
      audited
        .filter((event) => (event.data as { trackingNumber?: string }).trackingNumber === trackingNumber)
        .map((event) => event.event),
    ).toEqual(['application.delivered'])
  })

  it('holds deliveries while a department’s circuit is open and resumes after the pause: nothing lost, nothing doubled', async () => {
    behaviour = 'unavailable'
    const circuits = createDepartmentCircuits({ failures: 3, halfOpenMs: 1500 }, departmentFailed)
    const { workers, close } = startWorkers(1, { circuits, maxAttempts: 10, backoff: { baseMs: 10, maxMs: 10 } })
    const worker = workers[0]!
    const submitted = await submitClaims(5)
    const trackingNumbers = submitted.map((item) => item.trackingNumber)
    const sent = () => trackingNumbers.reduce((total, trackingNumber) => total + requestsFor(trackingNumber), 0)
    const attempts = async () =>
      (
        await db.outboxEntry.findMany({
          where: { application: { trackingNumber: { in: trackingNumbers } } },
          select: { attempts: true, state: true },
        })
      )
        .map((entry) => `${entry.state}:${entry.attempts}`)
        .sort()
    try {
      // Three failures in a row open the circuit: the other two deliveries are not even tried.
      expect(await worker.runOnce()).toBe(5)
      expect(sent()).toBe(3)
      expect(await attempts()).toEqual(['pending:0', 'pending:0', 'pending:1', 'pending:1', 'pending:1'])

      // Due again while the circuit is open: held, and the department hears nothing.
      await timePasses()
      expect(await worker.runOnce()).toBe(5)
      expect(sent()).toBe(3)
      expect(await attempts()).toEqual(['pending:0', 'pending:0', 'pending:1', 'pending:1', 'pending:1'])

      // The department is back. After the pause one trial call goes through, closes the circuit, and
      // the rest follow: every application arrives once.
      behaviour = 'accept'
      await deliverUntilSettled(worker, trackingNumbers, async () => {
        await sleep(50)
        await timePasses()
      })
    } finally {
      await close()
      behaviour = 'accept'
    }
    expect(await attempts()).toEqual(['delivered:1', 'delivered:1', 'delivered:2', 'delivered:2', 'delivered:2'])
    expect(sent()).toBe(3 + 5)
    for (const trackingNumber of trackingNumbers) {
      expect(accepted.get((await entryOf(trackingNumber)).applicationId ?? '')).toBe(1)
    }
  })

  it('keeps retrying while nothing listens on the department’s port, and delivers once when it is back there', async () => {
    behaviour = 'accept'
    const port = Number(new URL(welfare.url).port)
    await welfare.close()
    let submitted: { trackingNumber: string }
    try {
      submitted = await citizen.applications.submit.mutate({
        service: 'benefit-claim',
        form: benefitClaim,
        idempotencyKey: key(),
      })
      await gateway.deliverNow()
      const unreachable = await entryOf(submitted.trackingNumber)
      expect(unreachable).toMatchObject({ state: 'pending', attempts: 1 })
      expect(unreachable.lastError).toContain('ECONNREFUSED')
      await timePasses()
      await gateway.deliverNow()
      expect(await entryOf(submitted.trackingNumber)).toMatchObject({ state: 'pending', attempts: 2 })
    } finally {
      welfare = await startStubDepartment(welfareAnswer, { ...welfareStub, port })
    }
    await timePasses()
    await gateway.deliverNow()
    const entry = await entryOf(submitted.trackingNumber)
    expect(entry).toMatchObject({ state: 'delivered', attempts: 3, lastError: null })
    expect(accepted.get(entry.applicationId ?? '')).toBe(1)
    expect(requestsFor(submitted.trackingNumber)).toBe(1)
    await timePasses()
    await gateway.deliverNow()
    expect(requestsFor(submitted.trackingNumber)).toBe(1)
  })

  it('asks a polled department about every open application in turn, however many more than one query holds', async () => {
    behaviour = 'accept'
    await submitClaims(7)
    await gateway.deliverNow()
    const open = await db.application.findMany({
      where: {
        status: { in: ['submitted', 'received', 'in_review', 'needs_information', 'approved'] },
        departmentReference: { not: null },
        serviceVersion: { service: { department: { code: 'social-welfare' } } },
      },
      select: { trackingNumber: true },
    })
    const batchSize = 5
    expect(open.length).toBeGreaterThan(3 * batchSize)
    await db.department.update({ where: { code: 'social-welfare' }, data: { statusPolling: true } })
    try {
      const poller = createStatusPoller({
        deps: { db, provider: providerOf(url), now: () => new Date(), signer },
        circuits: createDepartmentCircuits({ failures: 100, halfOpenMs: 1000 }, departmentFailed),
        timeoutMs: 5000,
        batchSize,
      })
      statusQueries.length = 0
      const rounds = Math.ceil(open.length / batchSize)
      for (let round = 0; round < rounds; round++) await poller.runOnce()
      expect(statusQueries).toHaveLength(rounds)
      for (const query of statusQueries) {
        expect(query.length).toBe(batchSize)
        expect(new Set(query).size).toBe(query.length)
      }
      const asked = new Set(statusQueries.flat())
      expect(open.map((item) => item.trackingNumber).filter((trackingNumber) => !asked.has(trackingNumber))).toEqual([])
    } finally {
      await db.department.update({ where: { code: 'social-welfare' }, data: { statusPolling: false } })
    }
  })

  it('never has two senders send one message at the same time, even while a provider takes longer than the lease', async () => {
    while ((await gateway.sendNotificationsNow()) > 0) {
      // every message waiting from the tests before goes out first
    }
    await submitClaims(2)
    const pending = await db.notification.findMany({
      where: { state: 'pending' },
      select: { id: true, channel: true, to: true, body: true },
    })
    // Each submission is told by text message and by e-mail (the registry knows Ayesha's address).
    expect(pending.map((message) => message.channel).sort()).toEqual(['email', 'email', 'sms', 'sms'])
    const sending = new Map<string, number>()
    const mostSending = new Map<string, number>()
    const sent = new Map<string, number>()
    // The first message takes the provider 2 s, behind leases of 600 ms; the others go at once, and
    // the senders that sent them keep looking for work meanwhile.
    let slowMessage: string | undefined
    const provider = async (message: string) => {
      slowMessage ??= message
      const atOnce = (sending.get(message) ?? 0) + 1
      sending.set(message, atOnce)
      mostSending.set(message, Math.max(atOnce, mostSending.get(message) ?? 0))
      if (message === slowMessage) await sleep(2000)
      sending.set(message, (sending.get(message) ?? 1) - 1)
      sent.set(message, (sent.get(message) ?? 0) + 1)
    }
    const connections = Array.from({ length: 3 }, () => createDb(url))
    const senders = connections.map((connection) =>
      createNotificationSender({
        db: connection,
        sms: { send: (to, body) => provider(`sms ${to} ${body}`) },
        email: { send: (to, _subject, body) => provider(`email ${to} ${body}`) },
        maxAttempts: 3,
        backoff: { baseMs: 1000, maxMs: 1000 },
        leaseMs: 600,
        batchSize: 1,
      }),
    )
    const unsent = () =>
      db.notification.count({ where: { id: { in: pending.map((item) => item.id) }, state: 'pending' } })
    try {
      await Promise.all(
        senders.map(async (sender, index) => {
          // The others start once the first is busy with the slow message.
          if (index > 0) while (slowMessage === undefined) await sleep(10)
          for (let round = 0; round < 1000 && (await unsent()) > 0; round++) {
            await sender.runOnce()
            await sleep(20)
          }
        }),
      )
    } finally {
      await Promise.all(connections.map((connection) => connection.$disconnect()))
    }
    for (const message of pending) {
      const sentAs = `${message.channel} ${message.to} ${message.body}`
      expect({ sentAs, sent: sent.get(sentAs), atOnce: mostSending.get(sentAs) }).toEqual({
        sentAs,
        sent: 1,
        atOnce: 1,
      })
      expect(await db.notification.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
        state: 'sent',
        attempts: 1,
        lockedUntil: null,
      })
    }
  })

  it('keeps a message while the SMS provider fails, retries it, and parks it after the last attempt; the application is untouched', async () => {
    while ((await gateway.sendNotificationsNow()) > 0) {
      // every message waiting from the tests before goes out first
    }
    const [submitted] = await submitClaims(1)
    if (!submitted) throw new Error('nothing submitted')
    const pending = await db.notification.findMany({ where: { state: 'pending' }, select: { id: true, channel: true } })
    expect(pending.map((message) => message.channel).sort()).toEqual(['email', 'sms'])
    let smsTries = 0
    const emailed: string[] = []
    const sender = createNotificationSender({
      db,
      sms: {
        send: async () => {
          smsTries += 1
          throw new Error('provider answered 503')
        },
      },
      email: { send: async (to) => void emailed.push(to) },
      maxAttempts: 3,
      backoff: { baseMs: 1, maxMs: 1 },
    })
    for (let round = 0; round < 20 && smsTries < 3; round++) {
      await sender.runOnce()
      await sleep(20)
    }
    await sender.stop()
    const sms = await db.notification.findFirstOrThrow({
      where: { id: { in: pending.map((message) => message.id) }, channel: 'sms' },
    })
    expect(sms).toMatchObject({ state: 'dead', attempts: 3 })
    expect(sms.lastError).toContain('503')
    expect(smsTries).toBe(3)
    // The e-mail went out regardless, and the application is as it was.
    expect(emailed).toHaveLength(1)
    expect(
      await db.application.findUniqueOrThrow({ where: { trackingNumber: submitted.trackingNumber } }),
    ).toMatchObject({ status: 'submitted' })
  })
})

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
