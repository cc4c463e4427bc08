// Quoted fees: for an e-challan or a water bill only the department knows the amount. The gateway
// asks it (a signed dry run under the look-up deadline) while the citizen submits, issues the voucher
// for that amount, and delivers once it is paid; the department then records the ticket or bill as
// paid, which its own look-up shows. A refusal or a department that cannot answer accepts nothing.
import { randomUUID } from 'node:crypto'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { payVoucher, refusal, signInCitizen } from './support/identity.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

const fieldErrorsOf = async (call: Promise<unknown>) => {
  const error = (await call.catch((caught: unknown) => caught)) as {
    data?: { code?: string; fieldErrors?: { field: string; message: string }[] }
  }
  return { code: error.data?.code, fieldErrors: error.data?.fieldErrors ?? [] }
}

describe.each(databaseKinds())('quoted fees on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let police: RunningDepartment
  let water: RunningDepartment
  let citizen: GatewayClient

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    const dataDir = scratchFolder()
    const department = (code: 'traffic-police' | 'water-board') =>
      createReferenceDepartment(code, { dataDir, gatewayKeys: testGatewayKeys, signer: testDepartmentSigner(code) })
    police = department('traffic-police')
    water = department('water-board')
    await seedDemoCatalogue(
      db,
      { 'traffic-police': await police.listen(0), 'water-board': await water.listen(0) },
      testDepartmentKeys(),
    )
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off' })
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await police.close()
    await water.close()
    await db.$disconnect()
  })

  const applications = () => db.application.count()
  const challanStatus = async (challanNumber: string) => {
    const answer = await gateway.client.lookups.perform.mutate({
      service: 'echallan-verification',
      query: { challanNumber },
    })
    if (answer.outcome !== 'found') throw new Error('expected the e-challan')
    const status = answer.record.fields.find((field) => field.key === 'status')?.value
    return status?.kind === 'status' ? status.code : undefined
  }

  it('pays an e-challan: the voucher is for the ticket’s amount, and the Traffic Police record it as paid', async () => {
    expect(await challanStatus('3520100005')).toBe('unpaid')
    const submitted = await citizen.applications.submit.mutate({
      service: 'echallan-payment',
      form: { challanNumber: '3520100005' },
      idempotencyKey: `challan-${randomUUID()}`,
    })
    expect(submitted.voucher).toMatchObject({ amountMinor: 200_000, currency: 'PKR', state: 'unpaid' })
    const receipt = await citizen.applications.receipt.query({ trackingNumber: submitted.trackingNumber })
    expect(receipt.receipt.content.fee).toEqual({ kind: 'quoted', amountMinor: 200_000, currency: 'PKR' })

    // Nothing reaches the department before the voucher is paid.
    await gateway.deliverNow()
    expect(await challanStatus('3520100005')).toBe('unpaid')

    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    const entry = await db.outboxEntry.findFirstOrThrow({
      where: { application: { trackingNumber: submitted.trackingNumber } },
    })
    expect(entry.state).toBe('delivered')
    expect(await challanStatus('3520100005')).toBe('paid')
  })

  it('refuses a ticket that is not open for payment, naming the field, and accepts nothing', async () => {
    const before = await applications()
    for (const challanNumber of ['3520100002', '3520100004', '3520199999']) {
      const refused = await fieldErrorsOf(
        citizen.applications.submit.mutate({
          service: 'echallan-payment',
          form: { challanNumber },
          idempotencyKey: `challan-${randomUUID()}`,
        }),
      )
      expect(refused.code).toBe('INVALID_INPUT')
      expect(refused.fieldErrors).toEqual([
        expect.objectContaining({ field: 'form.challanNumber', message: expect.stringMatching(/e-challan/) }),
      ])
    }
    expect(await applications()).toBe(before)
  })

  it('pays a water bill for the bill’s amount; the bill then shows as paid and cannot be paid twice', async () => {
    const pay = () =>
      citizen.applications.submit.mutate({
        service: 'water-bill-payment',
        form: { consumerNumber: '012345678901' },
        idempotencyKey: `bill-${randomUUID()}`,
      })
    const submitted = await pay()
    expect(submitted.voucher).toMatchObject({ amountMinor: 184_000, currency: 'PKR' })
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    const bill = await gateway.client.lookups.perform.mutate({
      service: 'water-bill',
      query: { consumerNumber: '012345678901' },
    })
    expect(JSON.stringify(bill)).toContain('"code":"paid"')
    expect((await fieldErrorsOf(pay())).fieldErrors[0]?.field).toBe('form.consumerNumber')
  })

  it('when the department cannot answer, says so and accepts nothing', async () => {
    await water.close()
    const before = await applications()
    const call = citizen.applications.submit.mutate({
      service: 'water-bill-payment',
      form: { consumerNumber: '012345678902' },
      idempotencyKey: `bill-${randomUUID()}`,
    })
    expect(await refusal(call)).toBe('DEPARTMENT_UNAVAILABLE')
    expect(await applications()).toBe(before)
  })
})
