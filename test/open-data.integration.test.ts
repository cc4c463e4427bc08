// The open-data catalogue over HTTP: no sign-in, cacheable with ETags, only published services of
// live departments.
import { createDb, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'

let db: Db
let gateway: TestGateway

beforeAll(async () => {
  const url = await freshSqliteUrl()
  db = createDb(url)
  await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
  gateway = await startTestGateway({ DATABASE_URL: url })
})
afterAll(async () => {
  await gateway.stop()
  await db.$disconnect()
})

describe('open data', () => {
  it.each([
    ['catalogue.jsonld', 'application/ld+json'],
    ['catalogue.csv', 'text/csv'],
  ])('serves %s without sign-in, with an ETag that answers 304 while unchanged', async (file, type) => {
    const first = await fetch(`${gateway.url}/open-data/${file}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toContain(type)
    expect(first.headers.get('cache-control')).toBe('public, max-age=300')
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${gateway.url}/open-data/${file}`, { headers: { 'if-none-match': etag ?? '' } })
    expect(again.status).toBe(304)
  })

  it('lists only published services of live departments, and changes its ETag when that changes', async () => {
    const before = await fetch(`${gateway.url}/open-data/catalogue.jsonld`)
    const document = (await before.json()) as { '@graph': { 'dct:identifier': string }[] }
    const identifiers = document['@graph'].map((node) => node['dct:identifier'])
    expect(identifiers).toHaveLength(11 + 6)
    expect(identifiers).toEqual(
      expect.arrayContaining(['driving-licence-renewal', 'water-bill', 'traffic-police', 'health']),
    )
    await db.serviceVersion.updateMany({
      where: { service: { slug: 'driving-licence-renewal' } },
      data: { state: 'retired' },
    })
    const after = await fetch(`${gateway.url}/open-data/catalogue.csv`, {
      headers: { 'if-none-match': before.headers.get('etag') ?? '' },
    })
    expect(after.status).toBe(200)
    const csv = await after.text()
    expect(csv).toContain('echallan-verification')
    expect(csv).not.toContain('driving-licence-renewal')
    await db.department.update({ where: { code: 'traffic-police' }, data: { state: 'suspended' } })
    await db.department.updateMany({ where: { code: { not: 'traffic-police' } }, data: { state: 'sandbox' } })
    const hidden = await (await fetch(`${gateway.url}/open-data/catalogue.csv`)).text()
    expect(hidden.trim().split('\r\n')).toHaveLength(1)
  })
})
