// Fees: a paid service's application gets a voucher and waits for payment before it goes to the
// department; payment is confirmed by the provider's signed callback (forgeries and wrong amounts
// refused) or recorded by a clerk who took cash, audited and reconciled to the voucher.
import { randomUUID } from 'node:crypto'
import { generateSigningKeyPair, loadPrivateKey, signRequest } from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { codeSentTo, demoPassword as password, refusal, signInCitizen, signInStaff } from './support/identity.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { json, startStubDepartment, type StubDepartment } from './support/stub-department.ts'

const [ayesha, bilal] = demoCitizens
if (!ayesha || !bilal) throw new Error('the development registry needs demo citizens')
const licence = { licenceNumber: 'LHR-123456', licenceCategory: 'car' }

describe.each(databaseKinds())('fees on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let trafficPolice: StubDepartment
  let citizen: GatewayClient

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    trafficPolice = await startStubDepartment(
      (request, response) => {
        const delivery = JSON.parse(request.body) as { trackingNumber: string; dryRun?: boolean }
        if (delivery.dryRun) {
          // The e-challan payment's fee is quoted: the ticket's amount, asked while the citizen submits.
          return json(response, 200, {
            outcome: 'validated',
            departmentReference: 'TP-DRY-RUN',
            quote: { amountMinor: 200_000, currency: 'PKR' },
          })
        }
        json(response, 200, { outcome: 'accepted', departmentReference: `TP-${delivery.trackingNumber}` })
      },
      { signer: testDepartmentSigner('traffic-police') },
    )
    await seedDemoCatalogue(db, { 'traffic-police': trafficPolice.url }, testDepartmentKeys())
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off' })
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await trafficPolice.close()
    await db.$disconnect()
  })

  const apply = () =>
    citizen.applications.submit.mutate({
      service: 'driving-licence-renewal',
      form: licence,
      idempotencyKey: `fee-${randomUUID()}`,
    })
  const delivered = async (trackingNumber: string) =>
    (await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })).state
  const payOnPage = async (psid: string) => {
    const response = await fetch(`${gateway.url}/dev/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ psid }),
      redirect: 'manual',
    })
    return decodeURIComponent(response.headers.get('location') ?? '')
  }

  it('issues a voucher and holds the application until it is paid through the provider', async () => {
    const submitted = await apply()
    expect(submitted.voucher).toMatchObject({ amountMinor: 150_000, currency: 'PKR', state: 'unpaid' })
    const psid = submitted.voucher?.psid ?? ''
    expect(psid).toMatch(/^\d{18}$/)
    await gateway.deliverNow()
    expect(await delivered(submitted.trackingNumber)).toBe('awaiting_payment')
    expect(trafficPolice.requests).toHaveLength(0)

    const page = await (await fetch(`${gateway.url}/dev/pay?psid=${psid}`)).text()
    expect(page).toContain('1500.00 PKR')
    expect(await payOnPage(psid)).toContain(`Paid ${psid}.`)
    expect(await citizen.applications.voucher.query({ trackingNumber: submitted.trackingNumber })).toMatchObject({
      state: 'paid',
      paidVia: 'provider:development',
    })
    await gateway.deliverNow()
    expect(await delivered(submitted.trackingNumber)).toBe('delivered')
    expect(trafficPolice.requests).toHaveLength(1)
    expect(await payOnPage(psid)).toContain('already paid')
  })

  it('refuses a payment confirmation that is forged or unsigned', async () => {
    const submitted = await apply()
    const forger = generateSigningKeyPair('development-payments')
    const url = `${gateway.url}/payments/v1/callback`
    const body = JSON.stringify({
      psid: submitted.voucher?.psid,
      amountMinor: 150_000,
      currency: 'PKR',
      reference: 'FORGED-1',
      paidAt: new Date().toISOString(),
    })
    const headers = await signRequest(
      { method: 'POST', url, headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() }, body },
      { keyId: forger.keyId, privateKey: loadPrivateKey(forger.privateKeyPem) },
    )
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(401)
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(
      401,
    )
    expect(await citizen.applications.voucher.query({ trackingNumber: submitted.trackingNumber })).toMatchObject({
      state: 'unpaid',
    })
    await gateway.deliverNow()
    expect(await delivered(submitted.trackingNumber)).toBe('awaiting_payment')
  })

  it('records cash taken at the counter inside the citizen’s assisted session, reconciled and audited', async () => {
    const submitted = await apply()
    const psid = submitted.voucher?.psid ?? ''
    const clerk = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token })
    const challenge = await clerk.assisted.requestConsent.mutate({ identityNumber: ayesha.identityNumber })
    const { assistedSessionId } = await clerk.assisted.startWithCode.mutate({
      challengeId: challenge.challengeId,
      code: await codeSentTo(db, ayesha.phone),
    })
    const cash = (amountMinor: number, receiptNumber: string, session = assistedSessionId) =>
      clerk.assisted.recordCashPayment.mutate({ assistedSessionId: session, psid, amountMinor, receiptNumber })

    // The clerk sees the citizen's unpaid slips, with the amount to take.
    const unpaid = await clerk.assisted.unpaidVouchers.query({ assistedSessionId })
    expect(unpaid).toContainEqual(
      expect.objectContaining({
        psid,
        amountMinor: 150_000,
        currency: 'PKR',
        trackingNumber: submitted.trackingNumber,
        service: 'driving-licence-renewal',
      }),
    )
    expect(await refusal(cash(100_000, 'C-0001'))).toBe('INVALID_INPUT')
    expect(
      await refusal(
        citizen.assisted.recordCashPayment.mutate({
          assistedSessionId,
          psid,
          amountMinor: 150_000,
          receiptNumber: 'C-1',
        }),
      ),
    ).toBe('FORBIDDEN')
    // Without a session of the clerk's own, or with one for someone else, nothing is recorded.
    expect(await refusal(cash(150_000, 'C-0001', 'no-such-session'))).toBe('FORBIDDEN')
    expect(
      await refusal(
        clerk.assisted.recordCashPayment.mutate({ psid, amountMinor: 150_000, receiptNumber: 'C-1' } as never),
      ),
    ).toBe('INVALID_INPUT')
    const otherClerk = gateway.clientAs({
      token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token,
    })
    expect(
      await refusal(
        otherClerk.assisted.recordCashPayment.mutate({
          assistedSessionId,
          psid,
          amountMinor: 150_000,
          receiptNumber: 'C-1',
        }),
      ),
    ).toBe('FORBIDDEN')
    const bilalsSession = await clerk.assisted.startWithCode.mutate({
      challengeId: (await clerk.assisted.requestConsent.mutate({ identityNumber: bilal.identityNumber })).challengeId,
      code: await codeSentTo(db, bilal.phone),
    })
    expect(await refusal(cash(150_000, 'C-0001', bilalsSession.assistedSessionId))).toBe('NOT_FOUND')
    expect((await db.paymentVoucher.findUniqueOrThrow({ where: { psid } })).state).toBe('unpaid')

    expect(await cash(150_000, 'C-0002')).toEqual({ outcome: 'recorded', psid })
    expect(await cash(150_000, 'C-0002')).toEqual({ outcome: 'already_recorded', psid })
    expect(await refusal(cash(150_000, 'C-0003'))).toBe('INVALID_INPUT')
    const voucher = await db.paymentVoucher.findUniqueOrThrow({ where: { psid } })
    expect(voucher).toMatchObject({ state: 'paid', paidVia: 'counter', paymentReference: 'counter:C-0002' })
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: 'payment.recorded' },
      orderBy: { sequence: 'desc' },
    })
    expect(audit.actor).toMatch(/^staff:/)
    expect(audit.onBehalfOf).toMatch(/^citizen:/)
    expect(audit.device).toMatch(/^ip:/)
    expect(audit.data).toMatchObject({ assistedSessionId, psid, via: 'counter', reference: 'counter:C-0002' })
    expect(await clerk.assisted.unpaidVouchers.query({ assistedSessionId })).not.toContainEqual(
      expect.objectContaining({ psid }),
    )
    // Once the session has ended, the clerk can no longer take cash in it.
    await clerk.assisted.end.mutate({ assistedSessionId })
    expect(await refusal(cash(150_000, 'C-0004'))).toBe('FORBIDDEN')
    await gateway.deliverNow()
    expect(await delivered(submitted.trackingNumber)).toBe('delivered')
  })

  it('issues the voucher for the amount the department quotes when the citizen submits', async () => {
    const submitted = await citizen.applications.submit.mutate({
      service: 'echallan-payment',
      form: { challanNumber: '3520100001' },
      idempotencyKey: `fee-${randomUUID()}`,
    })
    expect(submitted.voucher).toMatchObject({ amountMinor: 200_000, currency: 'PKR', state: 'unpaid' })
    expect(await delivered(submitted.trackingNumber)).toBe('awaiting_payment')
  })
})
