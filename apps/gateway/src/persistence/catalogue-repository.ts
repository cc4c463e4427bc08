import { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { z } from 'zod'
import type { Db, Prisma } from '@darwaza/db'
import type { CatalogueAudience, CatalogueRepository } from '../domain/ports.ts'

const SearchKeywords = z.object({
  en: z.array(z.string()).optional(),
  ur: z.array(z.string()).optional(),
  romanized: z.array(z.string()).optional(),
})

const publishedVersionSelect = {
  version: true,
  title: true,
  summary: true,
  description: true,
  eligibility: true,
  requiredDocuments: true,
  feeQuoted: true,
  formSchema: true,
  presentation: true,
  channels: true,
  feeMinor: true,
  feeCurrency: true,
  processingDays: true,
  endpointPath: true,
  keywords: true,
  service: {
    select: {
      slug: true,
      kind: true,
      category: true,
      department: { select: { code: true, name: true, baseUrl: true, state: true } },
    },
  },
} satisfies Prisma.ServiceVersionSelect

type PublishedVersionRow = Prisma.ServiceVersionGetPayload<{ select: typeof publishedVersionSelect }>

/** Rows are parsed, not cast: a malformed catalogue row fails loudly here instead of reaching a screen. */
function toEntry(row: PublishedVersionRow): CatalogueEntry {
  return CatalogueEntry.parse({
    slug: row.service.slug,
    kind: row.service.kind,
    category: row.service.category,
    version: row.version,
    title: row.title,
    summary: row.summary,
    description: row.description ?? row.summary,
    eligibility: row.eligibility ?? { en: 'Anyone may use this service.', ur: 'یہ سروس ہر کوئی استعمال کر سکتا ہے۔' },
    requiredDocuments: row.requiredDocuments ?? [],
    department: { code: row.service.department.code, name: row.service.department.name },
    channels: row.channels,
    fee: row.feeQuoted
      ? { kind: 'quoted' }
      : row.feeMinor !== null && row.feeCurrency !== null
        ? { kind: 'fixed', amountMinor: row.feeMinor, currency: row.feeCurrency }
        : { kind: 'free' },
    processingDays: row.processingDays,
    formSchema: row.formSchema,
    presentation: row.presentation,
  })
}

/** Sandbox departments' services are open to staff and test citizens only; suspended ones to no one. */
function visibleStates(audience: CatalogueAudience): ('live' | 'sandbox')[] {
  return audience.sandbox ? ['live', 'sandbox'] : ['live']
}

export function createCatalogueRepository(db: Db): CatalogueRepository {
  return {
    async listPublished(filter, audience) {
      const rows = await db.serviceVersion.findMany({
        where: {
          state: 'published',
          service: {
            category: filter.category,
            kind: filter.kind,
            department: { state: { in: visibleStates(audience) } },
          },
        },
        select: publishedVersionSelect,
      })
      return rows.map(toEntry)
    },
    async listSearchable() {
      const rows = await db.serviceVersion.findMany({
        where: { state: 'published', service: { department: { state: 'live' } } },
        select: publishedVersionSelect,
      })
      return rows.map((row) => ({ entry: toEntry(row), keywords: SearchKeywords.nullable().parse(row.keywords) }))
    },
    async publishedStamp() {
      const [versions, departments] = await Promise.all([
        db.serviceVersion.aggregate({ where: { state: 'published' }, _count: true, _max: { publishedAt: true } }),
        db.department.aggregate({ _max: { updatedAt: true } }),
      ])
      return `${versions._count}:${versions._max.publishedAt?.getTime() ?? 0}:${departments._max.updatedAt?.getTime() ?? 0}`
    },
    async findPublished(slug, audience) {
      const row = await db.serviceVersion.findFirst({
        where: { state: 'published', service: { slug, department: { state: { in: visibleStates(audience) } } } },
        orderBy: { version: 'desc' },
        select: publishedVersionSelect,
      })
      if (!row) return null
      return {
        entry: toEntry(row),
        department: { code: row.service.department.code, baseUrl: row.service.department.baseUrl },
        endpointPath: row.endpointPath,
      }
    },
  }
}
