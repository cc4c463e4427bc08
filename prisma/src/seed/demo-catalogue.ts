// The demo catalogue: six departments and their services (demo-services.ts), written as each
// department would publish them. Every entry is parsed with the same schema department admins
// import with. Seeding is idempotent: running it again updates addresses, never duplicates.
import { ServiceDraftInput } from '@darwaza/contracts/catalogue'
import type { Db, Prisma } from '../index.ts'
import { demoDepartments } from './demo-services.ts'

export { demoDepartments }

/** Where each department's endpoint is, by department code. A department left out is seeded unreachable. */
export type DemoDepartmentUrls = Record<string, string>

const unreachable = 'http://127.0.0.1:9'

/** Each department's public signing key (for its status callbacks), by department code. */
export type DemoDepartmentKeys = Record<string, { keyId: string; publicKey: string }>

export async function seedDemoCatalogue(
  db: Db,
  urls: DemoDepartmentUrls,
  keys: DemoDepartmentKeys = {},
): Promise<void> {
  for (const seed of demoDepartments) {
    const baseUrl = urls[seed.code] ?? unreachable
    const department = await db.department.upsert({
      where: { code: seed.code },
      create: { code: seed.code, name: seed.name, contact: seed.contact, baseUrl, state: 'live' },
      update: { baseUrl },
    })
    const key = keys[seed.code]
    if (key) {
      await db.departmentKey.upsert({
        where: { departmentId_keyId: { departmentId: department.id, keyId: key.keyId } },
        create: { departmentId: department.id, keyId: key.keyId, publicKey: key.publicKey },
        update: { publicKey: key.publicKey, revokedAt: null },
      })
    }
    for (const service of seed.services) await publishFirstVersion(db, department.id, ServiceDraftInput.parse(service))
  }
}

async function publishFirstVersion(db: Db, departmentId: string, entry: ServiceDraftInput) {
  const service = await db.service.upsert({
    where: { slug: entry.slug },
    create: { slug: entry.slug, kind: entry.kind, category: entry.category, departmentId },
    update: {},
  })
  const content = {
    title: entry.title,
    summary: entry.summary,
    description: entry.description,
    eligibility: entry.eligibility,
    requiredDocuments: entry.requiredDocuments as Prisma.InputJsonArray,
    formSchema: entry.formSchema as Prisma.InputJsonObject,
    presentation: entry.presentation as Prisma.InputJsonObject,
    endpointPath: entry.endpointPath,
    keywords: entry.keywords ?? {},
    notificationTemplates: entry.notificationTemplates ?? {},
    citizenAttributes: entry.citizenAttributes,
    channels: entry.channels,
    feeQuoted: entry.fee.kind === 'quoted',
    feeMinor: entry.fee.kind === 'fixed' ? entry.fee.amountMinor : null,
    feeCurrency: entry.fee.kind === 'fixed' ? entry.fee.currency : null,
    processingDays: entry.processingDays,
  }
  await db.serviceVersion.upsert({
    where: { serviceId_version: { serviceId: service.id, version: 1 } },
    create: { serviceId: service.id, version: 1, state: 'published', publishedAt: new Date(), ...content },
    update: {},
  })
}
