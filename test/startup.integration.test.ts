// Start-up and shutdown of a real gateway on each database.
import { createDb } from '@darwaza/db'
import { deployMigrations, loadMigrations, migrationStatus } from '@darwaza/db/migrate'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { loadConfig } from '@darwaza/gateway/env'
import { startGateway, StartupRefused } from '@darwaza/gateway/start'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { startTestGateway } from './support/gateway.ts'
import { json, startStubDepartment } from './support/stub-department.ts'

describe.each(databaseKinds())('gateway start-up on %s', (kind) => {
  const committed = loadMigrations(kind).migrationDirectories.map((migration) => migration.path)

  it('refuses to start on a database whose migrations are behind, and says how to fix it', async () => {
    const url = await freshDatabaseUrl(kind, { migrated: false })
    const start = startGateway(loadConfig({ DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'silent' }))
    await expect(start).rejects.toThrow(StartupRefused)
    await expect(start).rejects.toThrow(
      new RegExp(`missing ${committed.length} migration\\(s\\) \\(${committed.join(', ')}\\).*pnpm db:migrate`),
    )
  })

  it('starts once the migrations command has run, and reports ready', async () => {
    const url = await freshDatabaseUrl(kind, { migrated: false })
    expect(await migrationStatus(url)).toMatchObject({ state: 'behind' })
    expect(await deployMigrations(url)).toEqual(committed)
    expect(await deployMigrations(url)).toEqual([])
    expect(await migrationStatus(url)).toEqual({ state: 'up-to-date' })

    const gateway = await startTestGateway({ DATABASE_URL: url })
    try {
      const ready = await fetch(`${gateway.url}/ready`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({ status: 'ready' })
    } finally {
      await gateway.stop()
    }
  })

  it('finishes a request in flight before shutting down, then refuses new ones', async () => {
    const url = await freshDatabaseUrl(kind)
    let releaseDepartment = () => {}
    const slowDepartment = await startStubDepartment(
      (_request, response) => {
        releaseDepartment = () =>
          json(response, 200, { outcome: 'not_found', message: { en: 'No such ticket', ur: 'ایسا کوئی چالان نہیں' } })
      },
      { signer: testDepartmentSigner('traffic-police') },
    )
    const db = createDb(url)
    await seedDemoCatalogue(db, { 'traffic-police': slowDepartment.url }, testDepartmentKeys())
    await db.$disconnect()

    const gateway = await startTestGateway({ DATABASE_URL: url })
    const inFlight = gateway.client.lookups.perform.mutate({
      service: 'echallan-verification',
      query: { challanNumber: '1234567890' },
    })
    await expect.poll(() => gateway.logs().some((line) => line.msg === 'incoming request')).toBe(true)
    const stopped = gateway.stop()
    setTimeout(() => releaseDepartment(), 200)
    await expect(inFlight).resolves.toEqual({
      outcome: 'not_found',
      message: { en: 'No such ticket', ur: 'ایسا کوئی چالان نہیں' },
    })
    await stopped
    await expect(fetch(`${gateway.url}/health`)).rejects.toThrow()
    await slowDepartment.close()
  })
})

describe.runIf(databaseKinds().includes('postgresql'))('readiness', () => {
  it('reports not ready while the database is unreachable, and ready again when it returns', async () => {
    const url = await freshDatabaseUrl('postgresql')
    const gateway = await startTestGateway({ DATABASE_URL: url })
    const name = new URL(url).pathname.slice(1)
    const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() })
    await admin.connect()
    try {
      expect((await fetch(`${gateway.url}/ready`)).status).toBe(200)
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`)
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name])
      const down = await fetch(`${gateway.url}/ready`)
      expect(down.status).toBe(503)
      expect(await down.json()).toEqual({ status: 'not ready', reason: 'database unreachable' })
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200)
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`)
      await expect.poll(async () => (await fetch(`${gateway.url}/ready`)).status, { timeout: 10_000 }).toBe(200)
    } finally {
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`)
      await admin.end()
      await gateway.stop()
    }
  })
})
