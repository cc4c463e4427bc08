// The same repository code on both databases: SQLite (embedded default) and PostgreSQL (scale-out).
import { createDb, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { publicAudience } from '@darwaza/gateway/domain/ports'
import { createCatalogueRepository } from '@darwaza/gateway/persistence/catalogue-repository'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'

describe.each(databaseKinds())('persistence on %s', (kind) => {
  let db: Db

  beforeAll(async () => {
    db = createDb(await freshDatabaseUrl(kind))
    await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
  })
  afterAll(async () => {
    await db.$disconnect()
  })

  it('lists the published catalogue with both languages and the department', async () => {
    const entries = await createCatalogueRepository(db).listPublished({}, publicAudience)
    const challan = entries.find((entry) => entry.slug === 'echallan-verification')
    expect(challan).toMatchObject({
      kind: 'lookup',
      category: 'vehicles_and_transport',
      version: 1,
      title: { en: 'Verify an e-challan', ur: 'ای چالان کی تصدیق' },
      department: { code: 'traffic-police', name: { en: 'Traffic Police', ur: 'ٹریفک پولیس' } },
      fee: { kind: 'free' },
    })
    const licence = entries.find((entry) => entry.slug === 'driving-licence-renewal')
    expect(licence?.fee).toEqual({ kind: 'fixed', amountMinor: 150_000, currency: 'PKR' })
  })

  it('filters by kind and hides services of departments that are not live', async () => {
    const repository = createCatalogueRepository(db)
    const lookups = async () =>
      (await repository.listPublished({ kind: 'lookup' }, publicAudience)).map((entry) => entry.slug).sort()
    expect(await lookups()).toEqual(['echallan-verification', 'primary-care-slots', 'water-bill'])
    await db.department.update({ where: { code: 'traffic-police' }, data: { state: 'suspended' } })
    expect(await lookups()).toEqual(['primary-care-slots', 'water-bill'])
    expect(await repository.findPublished('echallan-verification', publicAudience)).toBeNull()
    await db.department.update({ where: { code: 'traffic-police' }, data: { state: 'sandbox' } })
    expect(await repository.findPublished('echallan-verification', publicAudience)).toBeNull()
    expect(await repository.findPublished('echallan-verification', { sandbox: true })).not.toBeNull()
    await db.department.update({ where: { code: 'traffic-police' }, data: { state: 'live' } })
  })

  it('finds the route to a published service: department base URL and endpoint path', async () => {
    const route = await createCatalogueRepository(db).findPublished('echallan-verification', publicAudience)
    expect(route?.department).toEqual({ code: 'traffic-police', baseUrl: 'http://127.0.0.1:9' })
    expect(route?.endpointPath).toBe('/lookups/echallan-verification')
  })

  it('seeding twice changes nothing', async () => {
    const before = await db.serviceVersion.count()
    await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
    expect(await db.serviceVersion.count()).toBe(before)
  })

  it('keeps an application with its status history, outbox entry and audit event', async () => {
    const version = await db.serviceVersion.findFirstOrThrow({
      where: { service: { slug: 'driving-licence-renewal' } },
    })
    const department = await db.department.findUniqueOrThrow({ where: { code: 'traffic-police' } })
    const citizen = await db.citizen.create({
      data: { identityNumber: '3520212345671', name: 'Ayesha Khan', phone: '+923001234567' },
    })
    const application = await db.application.create({
      data: {
        trackingNumber: `DZ-${kind}-1`,
        citizenId: citizen.id,
        serviceVersionId: version.id,
        channel: 'kiosk',
        formData: { licenceNumber: 'LHR-123456', licenceCategory: 'car' },
        idempotencyKey: 'tap-1',
        statusChanges: { create: [{ toStatus: 'submitted', source: 'gateway' }] },
        outbox: {
          create: [
            {
              departmentId: department.id,
              kind: 'deliver_application',
              payload: { v: 1 },
              idempotencyKey: `k-${kind}`,
            },
          ],
        },
      },
      select: { id: true },
    })
    await db.applicationStatusChange.create({
      data: {
        applicationId: application.id,
        fromStatus: 'submitted',
        toStatus: 'received',
        message: { en: 'Received', ur: 'موصول' },
        source: 'department',
      },
    })
    await db.auditEvent.create({
      data: {
        sequence: 1,
        event: 'application.submitted',
        actor: citizen.id,
        data: { tracking: 'x' },
        prevHash: '0',
        hash: `h-${kind}`,
      },
    })

    const stored = await db.application.findUniqueOrThrow({
      where: { id: application.id },
      select: {
        formData: true,
        statusChanges: { select: { toStatus: true, message: true }, orderBy: { at: 'asc' } },
        outbox: { select: { state: true, attempts: true } },
      },
    })
    expect(stored.formData).toEqual({ licenceNumber: 'LHR-123456', licenceCategory: 'car' })
    expect(stored.statusChanges.map((change) => change.toStatus)).toEqual(['submitted', 'received'])
    expect(stored.statusChanges[1]?.message).toEqual({ en: 'Received', ur: 'موصول' })
    expect(stored.outbox).toEqual([{ state: 'pending', attempts: 0 }])

    await expect(
      db.application.create({
        data: {
          trackingNumber: `DZ-${kind}-2`,
          citizenId: citizen.id,
          serviceVersionId: version.id,
          channel: 'web',
          formData: {},
          idempotencyKey: 'tap-1',
        },
      }),
    ).rejects.toThrow(/Unique constraint/)
  })
})
