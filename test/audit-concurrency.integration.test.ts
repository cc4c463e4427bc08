// Audit entries appended by concurrent requests still form one unbroken chain (on PostgreSQL the
// appends are serialised by an advisory lock; SQLite has one writer at a time).
import { createDb, providerOf, type Db } from '@darwaza/db'
import { verifyAuditLog } from '@darwaza/gateway/persistence/audit-log'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { signInStaff } from './support/identity.ts'

describe.each(databaseKinds())('audit chain under concurrent requests on %s', (kind) => {
  let db: Db
  let gateway: TestGateway

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url })
  })
  afterAll(async () => {
    await gateway.stop()
    await db.$disconnect()
  })

  it('keeps one chain when many sign-ins are audited at once', async () => {
    const before = await db.auditEvent.count()
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const staff = demoStaff[i % demoStaff.length]
        if (!staff) throw new Error('no demo staff')
        return signInStaff(gateway.client, staff.username, staff.password)
      }),
    )
    const sequences = (await db.auditEvent.findMany({ orderBy: { sequence: 'asc' }, select: { sequence: true } })).map(
      (entry) => entry.sequence,
    )
    expect(sequences).toEqual(Array.from({ length: before + 12 }, (_, i) => i + 1))
    expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: before + 12 })
  })
})
