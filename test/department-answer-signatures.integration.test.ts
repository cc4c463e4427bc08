// A department answering with a bad signature (issue #7): every answer the gateway acts on must be
// signed by one of the department's registered keys, for the very request it answers. Over real HTTP,
// a stub department answers signed, unsigned, signed by a key not registered for it, and with its body
// altered after signing. A look-up ends at once with a clear error where the citizen is waiting; a
// quote accepts nothing; a delivery is a failed attempt, retried, never recorded as delivered (nor
// rejected), and is delivered exactly once when the department answers properly, with both sides'
// signatures in the audit log.
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { ApplicationDelivery, StatusQuery } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { eChallanLookup, startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { refusal, signInCitizen } from './support/identity.ts'
import {
  json,
  startStubDepartment,
  type AnswerSigning,
  type StubDepartment,
  type StubRequest,
} from './support/stub-department.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

const deadlineMs = 1500
const notFound = { outcome: 'not_found', message: { en: 'No such ticket.', ur: 'ایسا کوئی چالان نہیں۔' } }
const benefitClaim = { householdSize: 6, monthlyIncome: 28_000, disability: false }
const unavailable = 'This department cannot answer right now. Please try again later.'

/** The three ways an answer can fail its signature, each with the reason the gateway logs. */
const badAnswers: [string, AnswerSigning, string][] = [
  ['unsigned', { kind: 'unsigned' }, 'the answer is not signed'],
  [
    'signed by a key not registered for the department (another department’s)',
    { kind: 'signed-by', signer: testDepartmentSigner('water-board') },
    'key "water-board-test" is not registered',
  ],
  [
    'altered after signing',
    // Still a well-formed answer: only the signature tells it is not what the department said.
    {
      kind: 'altered',
      alter: (body) =>
        body
          .replace('No such ticket.', 'Ticket paid.')
          .replace(/SW-\d+/, 'SW-999')
          .replace('"amountMinor":200000', '"amountMinor":2000')
          .replaceAll('"status":"approved"', '"status":"rejected"'),
    },
    'the content-digest does not match the body',
  ],
]

describe.each(databaseKinds())('department answers with bad signatures on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let citizen: GatewayClient
  let police: StubDepartment
  let welfare: StubDepartment
  /** What the Social Welfare stub keeps: one reference per idempotency key, and how often each came. */
  const references = new Map<string, string>()
  const received = new Map<string, number>()

  /** What the Social Welfare stub reports when polled: every application it was asked about, approved. */
  const welfareAnswer = (request: StubRequest, response: ServerResponse) => {
    if (request.url === '/status-queries') {
      const query = StatusQuery.parse(JSON.parse(request.body))
      const occurredAt = new Date().toISOString()
      return json(response, 200, {
        statuses: query.trackingNumbers.map((trackingNumber) => ({ trackingNumber, status: 'approved', occurredAt })),
      })
    }
    const delivery = ApplicationDelivery.parse(JSON.parse(request.body))
    received.set(delivery.idempotencyKey, (received.get(delivery.idempotencyKey) ?? 0) + 1)
    // Like a real department: a repeat gets the reference given the first time, and is taken once.
    const reference = references.get(delivery.idempotencyKey) ?? `SW-${references.size + 1}`
    references.set(delivery.idempotencyKey, reference)
    json(response, 200, { outcome: 'accepted', departmentReference: reference })
  }

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    police = await startStubDepartment(
      (request, response) => {
        const body = JSON.parse(request.body) as { dryRun?: boolean }
        if (body.dryRun) {
          return json(response, 200, {
            outcome: 'validated',
            departmentReference: 'TP-DRY-RUN',
            quote: { amountMinor: 200_000, currency: 'PKR' },
          })
        }
        json(response, 200, notFound)
      },
      { signer: testDepartmentSigner('traffic-police') },
    )
    welfare = await startStubDepartment(welfareAnswer, { signer: testDepartmentSigner('social-welfare') })
    await seedDemoCatalogue(db, { 'traffic-police': police.url, 'social-welfare': welfare.url }, testDepartmentKeys())
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({
      DATABASE_URL: url,
      LOOKUP_DEADLINE_MS: String(deadlineMs),
      DELIVERY_WORKER: 'off',
      DELIVERY_MAX_ATTEMPTS: '10',
      // Each bad answer is a failure on purpose; the circuit breaker has its own tests.
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

  async function lookUp() {
    const requestId = `signatures-${randomUUID()}`
    const result = await eChallanLookup(gateway.url, { challanNumber: '1234567890' }, { 'x-request-id': requestId })
    return { ...result, logged: gateway.logs().filter((line) => line.requestId === requestId) }
  }

  describe('a look-up', () => {
    it('goes through when the department signs its answer', async () => {
      police.answers = { kind: 'signed' }
      const result = await lookUp()
      expect(result.status).toBe(200)
      expect(result.body.result?.data).toEqual(notFound)
    })

    it.each(badAnswers)(
      'answered %s ends at once with a clear error for the citizen',
      async (_case, answers, reason) => {
        police.answers = answers
        const before = police.requests.length
        const result = await lookUp()
        expect(police.requests.length).toBe(before + 1)
        expect(result.status).toBe(502)
        expect(result.body.error?.data.code).toBe('DEPARTMENT_BAD_ANSWER')
        expect(result.body.error?.message).toBe(unavailable)
        // Nothing of the answer reaches the citizen, and it is over well within the deadline.
        expect(result.text).not.toContain('Ticket paid')
        expect(result.text).not.toContain('No such ticket')
        expect(result.tookMs).toBeLessThan(deadlineMs)
        // The operator reads why in the log.
        expect(result.logged).toContainEqual(
          expect.objectContaining({
            msg: 'request refused',
            code: 'DEPARTMENT_BAD_ANSWER',
            detail: `traffic-police: the answer's signature is not valid (HTTP 200): ${reason}`,
          }),
        )
      },
    )
  })

  describe('a quote (the dry run at submission)', () => {
    it.each(badAnswers)('answered %s is refused, and nothing is accepted', async (_case, answers) => {
      police.answers = answers
      const before = await db.application.count()
      const submit = citizen.applications.submit.mutate({
        service: 'echallan-payment',
        form: { challanNumber: '3520100001' },
        idempotencyKey: `quote-${randomUUID()}`,
      })
      expect(await refusal(submit)).toBe('DEPARTMENT_BAD_ANSWER')
      expect(await db.application.count()).toBe(before)
      expect(await db.paymentVoucher.count({ where: { amountMinor: 200_000 } })).toBe(0)
    })

    it('is taken when the department signs it', async () => {
      police.answers = { kind: 'signed' }
      const submitted = await citizen.applications.submit.mutate({
        service: 'echallan-payment',
        form: { challanNumber: '3520100001' },
        idempotencyKey: `quote-${randomUUID()}`,
      })
      expect(submitted.voucher).toMatchObject({ amountMinor: 200_000, currency: 'PKR' })
    })
  })

  describe('a delivery', () => {
    /** Makes every pending delivery due now, as if its backoff had passed. */
    const timePasses = () =>
      db.outboxEntry.updateMany({ where: { state: 'pending' }, data: { nextAttemptAt: new Date(0) } })

    it('answered badly is retried, never recorded as delivered, then delivered exactly once when signed', async () => {
      const submitted = await citizen.applications.submit.mutate({
        service: 'benefit-claim',
        form: benefitClaim,
        idempotencyKey: `delivery-${randomUUID()}`,
      })
      const entryOf = () =>
        db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber: submitted.trackingNumber } } })
      const application = () =>
        db.application.findUniqueOrThrow({ where: { trackingNumber: submitted.trackingNumber } })
      const deliveredEvents = async () =>
        (await db.auditEvent.findMany({ where: { event: 'application.delivered' }, select: { data: true } }))
          .map((event) => event.data as { trackingNumber: string; signatures?: unknown })
          .filter((data) => data.trackingNumber === submitted.trackingNumber)

      let attempts = 0
      for (const [, answers, reason] of badAnswers) {
        welfare.answers = answers
        await timePasses()
        await gateway.deliverNow()
        attempts++
        const entry = await entryOf()
        expect(entry).toMatchObject({ state: 'pending', attempts, deliveredAt: null })
        expect(entry.lastError).toBe(`social-welfare: the answer's signature is not valid (HTTP 200): ${reason}`)
        expect(await application()).toMatchObject({ status: 'submitted', departmentReference: null })
        expect(await deliveredEvents()).toEqual([])
      }
      // The department heard each attempt, and took the application once (one reference for its key).
      // The delivery's idempotency key is the application's id.
      const idempotencyKey = (await entryOf()).applicationId
      expect(idempotencyKey).not.toBeNull()
      expect(received.get(idempotencyKey!)).toBe(3)

      welfare.answers = { kind: 'signed' }
      await timePasses()
      await gateway.deliverNow()
      const entry = await entryOf()
      expect(entry).toMatchObject({ state: 'delivered', attempts: 4, lastError: null })
      expect(await application()).toMatchObject({ departmentReference: references.get(idempotencyKey!) })
      expect(references.get(idempotencyKey!)).toMatch(/^SW-\d+$/)
      expect(received.get(idempotencyKey!)).toBe(4)

      // Recorded once, with the gateway's request signature and the department's answer signature.
      const events = await deliveredEvents()
      expect(events).toHaveLength(1)
      expect(events[0]?.signatures).toMatchObject({
        request: { keyId: 'darwaza-test-gateway', nonce: expect.any(String), signature: expect.any(String) },
        answer: {
          keyId: 'social-welfare-test',
          nonce: expect.any(String),
          signature: expect.stringMatching(/^darwaza=:/),
          signatureInput: expect.stringContaining('"signature";req;key="darwaza"'),
          contentDigest: expect.stringMatching(/^sha-256=:/),
        },
      })
      const { request, answer } = events[0]!.signatures as { request: { nonce: string }; answer: { nonce: string } }
      expect(request.nonce).not.toBe(answer.nonce)

      // Nothing is sent again.
      await timePasses()
      await gateway.deliverNow()
      expect(received.get(idempotencyKey!)).toBe(4)
      expect(await deliveredEvents()).toHaveLength(1)
    })

    it('polled, a status answered badly changes nothing; signed, it is recorded with both signatures', async () => {
      welfare.answers = { kind: 'signed' }
      const submitted = await citizen.applications.submit.mutate({
        service: 'benefit-claim',
        form: benefitClaim,
        idempotencyKey: `poll-${randomUUID()}`,
      })
      await timePasses()
      await gateway.deliverNow()
      const statusOf = async () =>
        (await db.application.findUniqueOrThrow({ where: { trackingNumber: submitted.trackingNumber } })).status
      await db.department.update({ where: { code: 'social-welfare' }, data: { statusPolling: true } })
      try {
        for (const [, answers] of badAnswers) {
          welfare.answers = answers
          expect(await gateway.pollStatusesNow()).toBe(0)
          expect(await statusOf()).toBe('submitted')
        }
        welfare.answers = { kind: 'signed' }
        expect(await gateway.pollStatusesNow()).toBeGreaterThanOrEqual(1)
        expect(await statusOf()).toBe('approved')
      } finally {
        await db.department.update({ where: { code: 'social-welfare' }, data: { statusPolling: false } })
      }
      const changes = await db.auditEvent.findMany({ where: { event: 'application.status_changed' } })
      const change = changes
        .map((event) => event.data as { trackingNumber?: string; polled?: boolean; signatures?: unknown })
        .find((data) => data.trackingNumber === submitted.trackingNumber)
      expect(change?.polled).toBe(true)
      expect(change?.signatures).toMatchObject({
        request: { keyId: 'darwaza-test-gateway' },
        answer: { keyId: 'social-welfare-test', nonce: expect.any(String) },
      })
    })

    it('is not refused on an unsigned refusal: the citizen’s application is not rejected by anyone but the department', async () => {
      const submitted = await citizen.applications.submit.mutate({
        service: 'benefit-claim',
        form: benefitClaim,
        idempotencyKey: `refusal-${randomUUID()}`,
      })
      const forged = await startStubDepartment(
        (_request, response) =>
          json(response, 400, {
            error: { code: 'invalid_query', message: 'household already receives the benefit', field: 'householdSize' },
          }),
        { signer: testDepartmentSigner('social-welfare'), answers: { kind: 'unsigned' } },
      )
      await db.department.update({ where: { code: 'social-welfare' }, data: { baseUrl: forged.url } })
      try {
        await timePasses()
        await gateway.deliverNow()
      } finally {
        await db.department.update({ where: { code: 'social-welfare' }, data: { baseUrl: welfare.url } })
        await forged.close()
      }
      const entry = await db.outboxEntry.findFirstOrThrow({
        where: { application: { trackingNumber: submitted.trackingNumber } },
      })
      expect(entry).toMatchObject({ state: 'pending', attempts: 1 })
      expect(entry.lastError).toBe(
        "social-welfare: the answer's signature is not valid (HTTP 400): the answer is not signed",
      )
      expect(
        await db.application.findUniqueOrThrow({ where: { trackingNumber: submitted.trackingNumber } }),
      ).toMatchObject({ status: 'submitted' })

      welfare.answers = { kind: 'signed' }
      await timePasses()
      await gateway.deliverNow()
      expect(
        await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber: submitted.trackingNumber } } }),
      ).toMatchObject({ state: 'delivered', attempts: 2 })
    })
  })
})
