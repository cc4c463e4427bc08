// Department admins publish their own catalogue entries: drafts, publishing refused with every
// reason, new versions that leave the published one untouched, and retirement.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { demoPassword as password, refusal, signInStaff } from './support/identity.ts'

const draft = {
  slug: 'vehicle-transfer',
  kind: 'application' as const,
  category: 'vehicles_and_transport' as const,
  title: { en: 'Transfer a vehicle' },
  summary: { en: 'Transfer ownership of a registered vehicle', ur: 'رجسٹرڈ گاڑی کی ملکیت منتقل کریں' },
  description: {
    en: 'The seller starts the transfer; the buyer confirms.',
    ur: 'فروخت کنندہ منتقلی شروع کرتا ہے؛ خریدار تصدیق کرتا ہے۔',
  },
  eligibility: { en: 'The registered owner of the vehicle', ur: 'گاڑی کا رجسٹرڈ مالک' },
  requiredDocuments: [{ name: { en: 'Registration book', ur: 'رجسٹریشن بک' }, upload: true }],
  citizenAttributes: ['identityNumber' as const, 'name' as const],
  formSchema: { type: 'object', properties: { registration: { type: 'registration-number' } } },
  presentation: { fields: { buyerName: { label: { en: 'Buyer', ur: 'خریدار' } } } },
  endpointPath: '/applications/vehicle-transfer',
  channels: ['web' as const, 'assisted' as const],
  fee: { kind: 'fixed' as const, amountMinor: 100_000, currency: 'PKR' },
  processingDays: 5,
}

describe.each(databaseKinds())('department catalogue administration on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let admin: GatewayClient

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url })
    admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'deptadmin', password('deptadmin'))).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await db.$disconnect()
  })

  const published = async () => (await gateway.client.catalogue.list.query()).find((entry) => entry.slug === draft.slug)

  it('refuses to publish an incomplete draft, listing every reason, and publishes it once fixed', async () => {
    expect(await admin.departments.saveDraft.mutate(draft)).toEqual({ slug: draft.slug, version: 1, state: 'draft' })
    const refused = admin.departments.publish.mutate({ slug: draft.slug })
    await expect(refused).rejects.toMatchObject({ data: { code: 'INVALID_INPUT' } })
    const reasons = (
      (await refused.catch((error: { data: { fieldErrors: { field: string }[] } }) => error)) as {
        data: { fieldErrors: { field: string }[] }
      }
    ).data.fieldErrors.map((problem) => problem.field)
    expect(reasons).toEqual(['title.ur', 'formSchema', 'presentation.fields.buyerName'])
    expect(await published()).toBeUndefined()

    await admin.departments.saveDraft.mutate({
      ...draft,
      title: { en: 'Transfer a vehicle', ur: 'گاڑی کی منتقلی' },
      formSchema: { type: 'object', properties: { registration: { type: 'string' }, buyerName: { type: 'string' } } },
    })
    expect(await admin.departments.publish.mutate({ slug: draft.slug })).toEqual({
      slug: draft.slug,
      version: 1,
      state: 'published',
    })
    expect((await published())?.title).toEqual({ en: 'Transfer a vehicle', ur: 'گاڑی کی منتقلی' })
  })

  it('edits a published entry as a new draft version, leaving the published one as it was until published', async () => {
    const fixed = {
      ...draft,
      title: { en: 'Transfer a vehicle', ur: 'گاڑی کی منتقلی' },
      formSchema: { type: 'object', properties: { registration: { type: 'string' }, buyerName: { type: 'string' } } },
    }
    expect(await admin.departments.saveDraft.mutate({ ...fixed, processingDays: 3 })).toMatchObject({ version: 2 })
    expect((await published())?.processingDays).toBe(5)
    await admin.departments.publish.mutate({ slug: draft.slug })
    expect(await published()).toMatchObject({ version: 2, processingDays: 3 })
    const versions = await db.serviceVersion.findMany({
      where: { service: { slug: draft.slug } },
      orderBy: { version: 'asc' },
      select: { version: true, state: true, processingDays: true },
    })
    expect(versions).toEqual([
      { version: 1, state: 'retired', processingDays: 5 },
      { version: 2, state: 'published', processingDays: 3 },
    ])
  })

  it('retires an entry, and keeps other departments and officers out', async () => {
    const officer = gateway.clientAs({
      token: (await signInStaff(gateway.client, 'officer', password('officer'))).token,
    })
    expect(await refusal(officer.departments.publish.mutate({ slug: draft.slug }))).toBe('FORBIDDEN')
    expect((await officer.departments.services.query()).map((service) => service.slug)).toContain(draft.slug)

    const other = await db.department.create({
      data: { code: `water-${kind}`, name: { en: 'Water Board', ur: 'واٹر بورڈ' }, baseUrl: 'http://127.0.0.1:9' },
    })
    const { passwordHash } = await db.staff.findUniqueOrThrow({ where: { username: 'deptadmin' } })
    await db.staff.create({
      data: {
        username: `water-admin-${kind}`,
        displayName: 'Water Admin',
        passwordHash,
        role: 'department_admin',
        departmentId: other.id,
      },
    })
    const stranger = gateway.clientAs({
      token: (await signInStaff(gateway.client, `water-admin-${kind}`, password('deptadmin'))).token,
    })
    expect(await refusal(stranger.departments.retire.mutate({ slug: draft.slug }))).toBe('FORBIDDEN')
    expect(await refusal(stranger.departments.saveDraft.mutate({ ...draft, title: { en: 'Hijack' } }))).toBe(
      'FORBIDDEN',
    )

    expect(await admin.departments.retire.mutate({ slug: draft.slug })).toEqual({ slug: draft.slug, state: 'retired' })
    expect(await published()).toBeUndefined()
    const events = await db.auditEvent.findMany({
      where: { event: { startsWith: 'catalogue.' } },
      select: { event: true },
    })
    expect(events.map((event) => event.event)).toEqual([
      'catalogue.draft_saved',
      'catalogue.draft_saved',
      'catalogue.published',
      'catalogue.draft_saved',
      'catalogue.published',
      'catalogue.retired',
    ])
  })
})
