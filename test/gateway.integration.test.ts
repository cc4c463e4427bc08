// The gateway over real HTTP: the catalogue, look-ups forwarded to a department, and every way a
// department or a request can go wrong, each with a distinct, clear answer and nothing leaked.
import { createDb, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshSqliteUrl } from './support/databases.ts'
import { eChallanLookup, startTestGateway, type TestGateway } from './support/gateway.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { json, startStubDepartment, type StubDepartment } from './support/stub-department.ts'

const notFoundAnswer = { outcome: 'not_found', message: { en: 'No such ticket.', ur: 'ایسا کوئی چالان نہیں۔' } }

let db: Db
let gateway: TestGateway
let department: StubDepartment
let behaviour: (respond: (status: number, body: unknown) => void) => void
const police = { signer: testDepartmentSigner('traffic-police') }

async function pointDepartmentAt(url: string) {
  await db.department.update({ where: { code: 'traffic-police' }, data: { baseUrl: url } })
}

const postLookup = (query: unknown, headers: Record<string, string> = {}) => eChallanLookup(gateway.url, query, headers)

beforeAll(async () => {
  const url = await freshSqliteUrl()
  db = createDb(url)
  department = await startStubDepartment(
    (_request, response) => behaviour((status, body) => json(response, status, body)),
    police,
  )
  await seedDemoCatalogue(db, { 'traffic-police': department.url }, testDepartmentKeys())
  gateway = await startTestGateway({
    DATABASE_URL: url,
    LOOKUP_DEADLINE_MS: '400',
    CORS_ORIGINS: 'app://kiosk',
    // The fault tests below fail on purpose; the circuit breaker has its own test at the end.
    CIRCUIT_FAILURES: '100',
  })
})

afterAll(async () => {
  await gateway.stop()
  await department.close()
  await db.$disconnect()
})

describe('catalogue', () => {
  it('lists published services in English and Urdu', async () => {
    const entries = await gateway.client.catalogue.list.query()
    expect(entries).toHaveLength(11)
    expect(new Set(entries.map((entry) => entry.department.code)).size).toBe(6)
    expect(entries.find((entry) => entry.slug === 'echallan-verification')?.title.ur).toBe('ای چالان کی تصدیق')
    expect(entries.find((entry) => entry.slug === 'driving-licence-renewal')).toMatchObject({
      title: { ur: 'ڈرائیونگ لائسنس کی تجدید' },
      eligibility: { en: expect.stringContaining('Punjab') },
      requiredDocuments: [{ name: { en: 'Current driving licence' } }, { name: { en: 'Medical certificate' } }],
      fee: { kind: 'fixed', amountMinor: 150_000, currency: 'PKR' },
    })
    expect((await gateway.client.catalogue.list.query({ kind: 'lookup' })).map((entry) => entry.slug).sort()).toEqual([
      'echallan-verification',
      'primary-care-slots',
      'water-bill',
    ])
  })

  it('searches in English, Urdu script and romanized Urdu, tolerating typos', async () => {
    const first = async (query: string) => (await gateway.client.catalogue.search.query({ query }))[0]?.slug
    const topTwo = async (query: string) =>
      (await gateway.client.catalogue.search.query({ query }))
        .slice(0, 2)
        .map((entry) => entry.slug)
        .sort()
    const challanServices = ['echallan-payment', 'echallan-verification']
    expect(await topTwo('traffic ticket')).toEqual(challanServices)
    expect(await first('drivng licence')).toBe('driving-licence-renewal')
    expect(await topTwo('چالان')).toEqual(challanServices)
    expect(await topTwo('jurmana')).toEqual(challanServices)
    expect(await first('lisans')).toBe('driving-licence-renewal')
    expect(await first('پانی کا بل')).toBe('water-bill')
    expect(await first('pani ka bill')).toBe('water-bill')
    expect(await first('paidaish')).toBe('birth-certificate')
    expect(await first('school dakhla')).toBe('school-registration')
    expect(await first('imdad')).toBe('benefit-claim')
    expect(await gateway.client.catalogue.search.query({ query: 'licence', category: 'health' })).toEqual([])
    await db.department.update({ where: { code: 'traffic-police' }, data: { state: 'suspended' } })
    expect(await gateway.client.catalogue.search.query({ query: 'challan' })).toEqual([])
    await db.department.update({ where: { code: 'traffic-police' }, data: { state: 'live' } })
    expect(await topTwo('challan')).toEqual(challanServices)
  })

  it('refuses an unknown filter value, naming the field', async () => {
    const response = await fetch(
      `${gateway.url}/trpc/catalogue.list?input=${encodeURIComponent('{"category":"space"}')}`,
    )
    const body = (await response.json()) as { error: { data: { code: string; fieldErrors: { field: string }[] } } }
    expect(response.status).toBe(400)
    expect(body.error.data.code).toBe('INVALID_INPUT')
    expect(body.error.data.fieldErrors.map((error) => error.field)).toEqual(['category'])
  })
})

describe('look-ups forwarded to a department', () => {
  it('passes the department’s answer through, with the request id on every hop', async () => {
    behaviour = (respond) => respond(200, notFoundAnswer)
    const result = await postLookup({ challanNumber: '1234567890' }, { 'x-request-id': 'kiosk-req-000123' })
    expect(result.status).toBe(200)
    expect(result.headers.get('x-request-id')).toBe('kiosk-req-000123')
    const sent = department.requests.at(-1)
    expect(sent?.url).toBe('/lookups/echallan-verification')
    expect(sent?.headers['x-request-id']).toBe('kiosk-req-000123')
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      requestId: 'kiosk-req-000123',
      service: 'echallan-verification',
      query: { challanNumber: '1234567890' },
    })
    const logged = gateway.logs().filter((line) => line.requestId === 'kiosk-req-000123')
    expect(logged.map((line) => line.msg)).toEqual(['incoming request', 'request completed'])
  })

  it('refuses a malformed number before it reaches the department, naming the field', async () => {
    const before = department.requests.length
    const result = await postLookup({ challanNumber: '12ab' })
    expect(result.status).toBe(400)
    expect(result.body.error?.data).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: [{ field: 'challanNumber', reason: 'format', message: 'E-challan number must be 10 digits' }],
    })
    expect(department.requests.length).toBe(before)
  })

  it('names a field the department itself rejected', async () => {
    behaviour = (respond) =>
      respond(400, { error: { code: 'invalid_query', message: 'check digit does not match', field: 'challanNumber' } })
    const result = await postLookup({ challanNumber: '1234567890' })
    expect(result.status).toBe(400)
    expect(result.body.error?.data.fieldErrors).toEqual([
      { field: 'challanNumber', reason: 'rejected_by_department', message: 'check digit does not match' },
    ])
  })

  it('says the department cannot answer right now when it is down', async () => {
    await department.close()
    try {
      const result = await postLookup({ challanNumber: '1234567890' })
      expect(result.status).toBe(503)
      expect(result.body.error?.message).toBe('This department cannot answer right now. Please try again later.')
      expect(result.body.error?.data.code).toBe('DEPARTMENT_UNAVAILABLE')
    } finally {
      department = await startStubDepartment(
        (_request, response) => behaviour((status, body) => json(response, status, body)),
        police,
      )
      await pointDepartmentAt(department.url)
    }
  })

  it('says the department cannot answer right now when it fails', async () => {
    behaviour = (respond) => respond(500, { error: { code: 'internal', message: 'db down' } })
    const result = await postLookup({ challanNumber: '1234567890' })
    expect(result.status).toBe(503)
    expect(result.body.error?.data.code).toBe('DEPARTMENT_UNAVAILABLE')
    expect(result.text).not.toContain('db down')
  })

  it('gives up at the deadline when the department is too slow', async () => {
    behaviour = (respond) => setTimeout(() => respond(200, notFoundAnswer), 2_000)
    const result = await postLookup({ challanNumber: '1234567890' })
    expect(result.status).toBe(504)
    expect(result.body.error?.data.code).toBe('DEPARTMENT_TIMEOUT')
    expect(result.body.error?.message).toBe('This department did not answer in time. Please try again later.')
  })

  it.each([
    ['is not JSON', 'this is not json'],
    ['breaks the protocol', { outcome: 'found', record: { title: 'no languages', fields: [] } }],
    ['adds fields the protocol does not have', { ...notFoundAnswer, citizenPhone: '+923001234567' }],
  ])('refuses an answer that %s', async (_case, answer) => {
    behaviour = (respond) => respond(200, answer)
    const result = await postLookup({ challanNumber: '1234567890' })
    expect(result.status).toBe(502)
    expect(result.body.error?.data.code).toBe('DEPARTMENT_BAD_ANSWER')
    expect(result.text).not.toContain('+923001234567')
  })

  it('answers NOT_FOUND for a service that is not in the catalogue', async () => {
    const response = await fetch(`${gateway.url}/trpc/lookups.perform`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'moon-landing-permit', query: {} }),
    })
    expect(response.status).toBe(404)
  })

  it('refuses to run an application as a look-up', async () => {
    const response = await fetch(`${gateway.url}/trpc/lookups.perform`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'driving-licence-renewal', query: {} }),
    })
    expect(response.status).toBe(412)
  })
})

describe('responses', () => {
  it('never leak stack traces or database errors', async () => {
    await db.$executeRawUnsafe('ALTER TABLE "ServiceVersion" RENAME TO "ServiceVersionMoved"')
    try {
      const response = await fetch(`${gateway.url}/trpc/catalogue.list`)
      const text = await response.text()
      expect(response.status).toBe(500)
      expect(JSON.parse(text)).toMatchObject({
        error: { message: 'Something went wrong on our side. Please try again.', data: { code: 'INTERNAL' } },
      })
      expect(text).not.toMatch(/ServiceVersion|prisma|sqlite|stack|\.ts:\d+/i)
      expect(gateway.logs().some((line) => line.level === 50 && line.msg === 'unexpected error')).toBe(true)
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "ServiceVersionMoved" RENAME TO "ServiceVersion"')
    }
  })

  it('carry security headers and allow only configured cross-origin callers', async () => {
    const own = await fetch(`${gateway.url}/health`, { headers: { origin: 'app://kiosk' } })
    expect(own.headers.get('access-control-allow-origin')).toBe('app://kiosk')
    expect(own.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(own.headers.get('x-content-type-options')).toBe('nosniff')
    const stranger = await fetch(`${gateway.url}/health`, { headers: { origin: 'https://evil.example' } })
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('write structured JSON logs with the request id', async () => {
    await fetch(`${gateway.url}/trpc/catalogue.list`, { headers: { 'x-request-id': 'log-check-000001' } })
    const line = gateway
      .logs()
      .find((entry) => entry.requestId === 'log-check-000001' && entry.msg === 'request completed')
    expect(line).toMatchObject({ level: 30, res: { statusCode: 200 } })
  })
})

describe('circuit breaker on look-ups', () => {
  it('stops calling a failing department at once, then tries it again after the pause', async () => {
    const url = await freshSqliteUrl()
    const circuitDb = createDb(url)
    let failing = true
    const flaky = await startStubDepartment(
      (_request, response) =>
        failing
          ? json(response, 503, { error: { code: 'internal', message: 'down' } })
          : json(response, 200, notFoundAnswer),
      police,
    )
    await seedDemoCatalogue(circuitDb, { 'traffic-police': flaky.url }, testDepartmentKeys())
    const guarded = await startTestGateway({ DATABASE_URL: url, CIRCUIT_FAILURES: '2', CIRCUIT_HALF_OPEN_MS: '300' })
    try {
      const lookup = () =>
        guarded.client.lookups.perform
          .mutate({ service: 'echallan-verification', query: { challanNumber: '1234567890' } })
          .then(
            (answer) => answer.outcome,
            (error: { data: { code: string } }) => error.data.code,
          )
      expect([await lookup(), await lookup()]).toEqual(['DEPARTMENT_UNAVAILABLE', 'DEPARTMENT_UNAVAILABLE'])
      const before = flaky.requests.length
      expect(await lookup()).toBe('DEPARTMENT_UNAVAILABLE')
      expect(flaky.requests.length).toBe(before)

      failing = false
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(await lookup()).toBe('not_found')
      expect(flaky.requests.length).toBe(before + 1)
    } finally {
      await guarded.stop()
      await flaky.close()
      await circuitDb.$disconnect()
    }
  })
})
