// Platform admins onboard a department: sandbox first (its services visible to staff and test
// identities only), live only once its endpoint passes the conformance kit, suspended at once.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createProtocolServer, type RunningDepartment } from '@darwaza/departments/protocol-server'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { demoPassword as password, refusal, signInCitizen, signInStaff } from './support/identity.ts'

const departmentKey = generateSigningKeyPair('excise-2026')
const testCitizen = { identityNumber: '9999900000017', phone: '+923000000017' }

const tokenTax = {
  slug: 'vehicle-token-tax',
  kind: 'application' as const,
  category: 'vehicles_and_transport' as const,
  title: { en: 'Pay vehicle token tax', ur: 'گاڑی کا ٹوکن ٹیکس ادا کریں' },
  summary: { en: 'Pay the yearly token tax of a registered vehicle.', ur: 'رجسٹرڈ گاڑی کا سالانہ ٹوکن ٹیکس ادا کریں۔' },
  description: { en: 'The tax is quoted from the vehicle record.', ur: 'ٹیکس گاڑی کے ریکارڈ سے بتایا جاتا ہے۔' },
  eligibility: { en: 'The registered owner.', ur: 'رجسٹرڈ مالک۔' },
  requiredDocuments: [],
  formSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['registration'],
    properties: { registration: { type: 'string', maxLength: 12 } },
    examples: [{ registration: 'LEB-21-4471' }],
  },
  presentation: { fields: { registration: { label: { en: 'Registration number', ur: 'رجسٹریشن نمبر' } } } },
  endpointPath: '/applications/vehicle-token-tax',
  citizenAttributes: ['identityNumber' as const],
  channels: ['kiosk' as const, 'web' as const],
  fee: { kind: 'quoted' as const },
  processingDays: 2,
}

describe.each(databaseKinds())('department onboarding on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let admin: GatewayClient
  let excise: RunningDepartment
  let exciseUrl: string
  let careless: Server
  let carelessUrl: string

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, {})
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url })
    admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
    excise = createProtocolServer(
      {
        code: 'excise',
        referencePrefix: 'EX',
        applications: {
          'vehicle-token-tax': (_form, { dryRun }) =>
            dryRun ? { quote: { amountMinor: 150_000, currency: 'PKR' } } : null,
        },
      },
      {
        dataFile: path.join(scratchFolder(), 'excise.db'),
        gatewayKeys: testGatewayKeys,
        signer: { keyId: departmentKey.keyId, privateKey: loadPrivateKey(departmentKey.privateKeyPem) },
      },
    )
    exciseUrl = await excise.listen(0)
    // An endpoint that answers everything, signed or not: it must not pass.
    careless = createServer((request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(
        JSON.stringify(
          request.url === '/health'
            ? { status: 'ok', department: 'excise', protocolVersion: '1' }
            : { outcome: 'accepted', departmentReference: 'X-1' },
        ),
      )
    })
    await new Promise<void>((resolve) => careless.listen(0, '127.0.0.1', resolve))
    carelessUrl = `http://127.0.0.1:${(careless.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await gateway.stop()
    await excise.close()
    careless.close()
    await db.$disconnect()
  })

  const onboard = (baseUrl: string) =>
    admin.admin.createDepartment.mutate({
      code: 'excise',
      name: { en: 'Excise and Taxation', ur: 'ایکسائز اینڈ ٹیکسیشن' },
      contact: { name: 'IT desk', email: 'it@excise.darwaza.invalid', phone: '+92 42 111 000 111' },
      baseUrl,
      keys: [{ keyId: departmentKey.keyId, publicKey: departmentKey.publicKey }],
    })

  it('refuses a department with bad details, naming every field, and changes nothing', async () => {
    const refused = admin.admin.createDepartment.mutate({
      code: 'Excise!',
      name: { en: 'Excise', ur: '' },
      contact: { name: 'IT', email: 'not-an-email' },
      baseUrl: 'ftp://excise',
      keys: [{ keyId: 'k1', publicKey: 'short' }],
    })
    const error = (await refused.catch((caught: unknown) => caught)) as { data: { fieldErrors: { field: string }[] } }
    expect(error.data.fieldErrors.map((problem) => problem.field).sort()).toEqual([
      'baseUrl',
      'code',
      'contact.email',
      'keys.0.publicKey',
      'name.ur',
    ])
    expect(await db.department.count({ where: { code: 'excise' } })).toBe(0)
  })

  it('starts a department in sandbox: its services are for staff and test identities only', async () => {
    expect(await onboard(carelessUrl)).toEqual({ code: 'excise', state: 'sandbox' })
    expect(await refusal(onboard(carelessUrl))).toBe('INVALID_INPUT')
    const excise = await db.department.findUniqueOrThrow({ where: { code: 'excise' } })
    await admin.admin.createStaff.mutate({
      username: 'exciseadmin',
      displayName: 'Excise admin',
      password: 'excise-admin-password',
      role: 'department_admin',
      departmentId: excise.id,
    })
    const exciseAdmin = gateway.clientAs({
      token: (await signInStaff(gateway.client, 'exciseadmin', 'excise-admin-password')).token,
    })
    await exciseAdmin.departments.saveDraft.mutate(tokenTax)
    await exciseAdmin.departments.publish.mutate({ slug: tokenTax.slug })

    const slugs = async (client: GatewayClient) => (await client.catalogue.list.query()).map((entry) => entry.slug)
    expect(await slugs(gateway.client)).not.toContain(tokenTax.slug)
    expect(await slugs(exciseAdmin)).toContain(tokenTax.slug)
    const citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, testCitizen)).token })
    expect(await slugs(citizen)).toContain(tokenTax.slug)
  })

  it('keeps it out of live while the endpoint fails the conformance kit, listing each failed check', async () => {
    const refused = admin.admin.setDepartmentState.mutate({ code: 'excise', state: 'live' })
    const error = (await refused.catch((caught: unknown) => caught)) as {
      data: { code: string; fieldErrors: { reason: string; message: string }[] }
    }
    expect(error.data.code).toBe('INVALID_INPUT')
    expect(error.data.fieldErrors.map((problem) => problem.message)).toEqual([
      'rejects an unsigned request: an unsigned request was answered with HTTP 200, expected 401',
      'rejects a request whose signature does not match: a request with a bad signature was answered with HTTP 200, expected 401',
      'answers a sample application for vehicle-token-tax: vehicle-token-tax has a quoted fee, but the answer to the dry run carries no "quote"',
      'signs its answers with a key registered for the department: the answer to POST /applications/vehicle-token-tax: the answer is not signed',
    ])
    expect((await db.department.findUniqueOrThrow({ where: { code: 'excise' } })).state).toBe('sandbox')
    const saved = (await admin.admin.listDepartments.query()).find((department) => department.code === 'excise')
    expect(saved?.conformance).toMatchObject({ passed: false })
  })

  it('goes live once its endpoint conforms, then suspension withdraws its services from everyone', async () => {
    await admin.admin.updateDepartment.mutate({ code: 'excise', baseUrl: exciseUrl })
    const live = await admin.admin.setDepartmentState.mutate({ code: 'excise', state: 'live' })
    expect(live.state).toBe('live')
    expect(live.conformance?.checks.map((check) => [check.name, check.passed])).toEqual([
      ['answers the health call', true],
      ['rejects an unsigned request', true],
      ['rejects a request whose signature does not match', true],
      ['answers a sample application for vehicle-token-tax', true],
      ['signs its answers with a key registered for the department', true],
    ])
    expect((await gateway.client.catalogue.list.query()).map((entry) => entry.slug)).toContain(tokenTax.slug)
    await admin.admin.setDepartmentState.mutate({ code: 'excise', state: 'suspended' })
    expect((await gateway.client.catalogue.list.query()).map((entry) => entry.slug)).not.toContain(tokenTax.slug)
    expect(await refusal(admin.admin.setDepartmentState.mutate({ code: 'excise', state: 'nonsense' as 'live' }))).toBe(
      'INVALID_INPUT',
    )
    const events = await db.auditEvent.findMany({
      where: { event: { startsWith: 'department.' } },
      orderBy: { sequence: 'asc' },
    })
    expect(events.map((event) => event.event)).toEqual([
      'department.onboarded',
      'department.conformance_checked',
      'department.updated',
      'department.conformance_checked',
      'department.state_changed',
      'department.state_changed',
    ])
  })

  it('rotates signing keys: a second key is added, the old one revoked, the last one kept', async () => {
    const next = generateSigningKeyPair('excise-2027')
    await admin.admin.addDepartmentKey.mutate({ code: 'excise', keyId: next.keyId, publicKey: next.publicKey })
    expect(
      await refusal(
        admin.admin.addDepartmentKey.mutate({ code: 'excise', keyId: next.keyId, publicKey: next.publicKey }),
      ),
    ).toBe('INVALID_INPUT')
    await admin.admin.revokeDepartmentKey.mutate({ code: 'excise', keyId: departmentKey.keyId })
    expect(await refusal(admin.admin.revokeDepartmentKey.mutate({ code: 'excise', keyId: next.keyId }))).toBe(
      'INVALID_INPUT',
    )
    const keys = (await admin.admin.listDepartments.query()).find((department) => department.code === 'excise')?.keys
    expect(keys?.map((key) => [key.keyId, key.revokedAt === null])).toEqual([
      ['excise-2026', false],
      ['excise-2027', true],
    ])
  })
})
