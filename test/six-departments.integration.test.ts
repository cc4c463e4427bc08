// The whole journey, for every application service of all six reference departments, on both
// databases: a citizen submits the service's sample form (paying the voucher where there is a fee,
// fixed or quoted), the gateway delivers it signed, the department acknowledges it by signed
// callback, its officer approves it on the officer page, and the citizen sees it approved and is
// told. Every department is a real HTTP server with its own SQLite file.
import { randomUUID } from 'node:crypto'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { demoDepartments, seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment, referenceDepartmentCodes } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { payVoucher, signInCitizen } from './support/identity.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')
const officerPassword = 'six-departments-officer'

/** A day the Basic Health Units open, within the days they take bookings. */
function nextOpeningDay(): string {
  const day = new Date(Date.now() + 2 * 86_400_000)
  while (day.getUTCDay() === 0 || day.getUTCDay() === 5) day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

const applicationServices = demoDepartments.flatMap((department) =>
  department.services
    .filter((service) => service.kind === 'application')
    .map((service) => {
      const example = (service.formSchema.examples as Record<string, unknown>[] | undefined)?.[0] ?? {}
      const form =
        service.slug === 'primary-care-appointment' ? { ...example, preferredDate: nextOpeningDay() } : example
      return { department: department.code, slug: service.slug, form, paid: service.fee.kind !== 'free' }
    }),
)

describe.each(databaseKinds())('all six departments on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let citizen: GatewayClient
  const departments = new Map<string, { running: RunningDepartment; url: string }>()
  const callbacks = referenceDepartmentCodes.map((code) => {
    const key = generateSigningKeyPair(`${code}-six`)
    return {
      code,
      key,
      signer: { keyId: key.keyId, privateKey: loadPrivateKey(key.privateKeyPem) },
      settings: { gatewayUrl: '' },
    }
  })

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    const dataDir = scratchFolder()
    for (const { code, signer, settings } of callbacks) {
      const running = createReferenceDepartment(code, {
        dataDir,
        gatewayKeys: testGatewayKeys,
        signer,
        callbacks: settings,
        officerPassword,
      })
      departments.set(code, { running, url: await running.listen(0) })
    }
    await seedDemoCatalogue(
      db,
      Object.fromEntries([...departments].map(([code, department]) => [code, department.url])),
      Object.fromEntries(callbacks.map(({ code, key }) => [code, { keyId: key.keyId, publicKey: key.publicKey }])),
    )
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off' })
    for (const { settings } of callbacks) settings.gatewayUrl = gateway.url
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    for (const { running } of departments.values()) await running.close()
    await db.$disconnect()
  })

  const statusOf = async (trackingNumber: string) =>
    (await db.application.findUniqueOrThrow({ where: { trackingNumber } })).status
  const waitFor = async (trackingNumber: string, status: string) => {
    for (let tries = 0; tries < 100 && (await statusOf(trackingNumber)) !== status; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return statusOf(trackingNumber)
  }

  it('covers an application service of every department', () => {
    expect(new Set(applicationServices.map((service) => service.department))).toEqual(new Set(referenceDepartmentCodes))
  })

  it.each(applicationServices)('$department: $slug goes from submission to approval', async (service) => {
    const submitted = await citizen.applications.submit.mutate({
      service: service.slug,
      form: service.form,
      idempotencyKey: `six-${randomUUID()}`,
      language: 'en',
    })
    expect(Boolean(submitted.voucher)).toBe(service.paid)
    if (submitted.voucher) await payVoucher(gateway.url, submitted.voucher.psid)
    await gateway.deliverNow()
    expect(await waitFor(submitted.trackingNumber, 'received')).toBe('received')

    const department = departments.get(service.department)
    const approved = await fetch(`${department?.url}/officer/status`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`officer:${officerPassword}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ trackingNumber: submitted.trackingNumber, status: 'approved' }),
      redirect: 'manual',
    })
    expect(decodeURIComponent(approved.headers.get('location') ?? '')).toContain(
      `${submitted.trackingNumber} is now approved.`,
    )

    const history = await citizen.identity.history.query()
    const mine = history.applications.find((application) => application.trackingNumber === submitted.trackingNumber)
    expect(mine?.timeline.map((step) => step.status)).toEqual(['submitted', 'received', 'approved'])
    await gateway.sendNotificationsNow()
    const texts = await db.devSmsMessage.findMany({ where: { body: { contains: submitted.trackingNumber } } })
    expect(texts).toHaveLength(3)
  })
})
