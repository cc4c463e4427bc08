import { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { z } from 'zod'
import type { Db, Prisma } from '@darwaza/db'
import type { CatalogueRepository } from '../domain/ports.ts'

const SearchKeywords = z.object({
  en: z.array(z.string()).optional(),
  ur: z.array(z.string()).optional(),
  romanized: z.array(z.string()).optional(),
})

const publishedVersionSelect = {
  version: true,
  title: true,
  summary: true,
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
      department: { select: { code: true, name: true, baseUrl: true } },
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
    department: { code: row.service.department.code, name: row.service.department.name },
    channels: row.channels,
    fee:
      row.feeMinor !== null && row.feeCurrency !== null
        ? { amountMinor: row.feeMinor, currency: row.feeCurrency }
        : null,
    processingDays: row.processingDays,
    formSchema: row.formSchema,
    presentation: row.presentation,
  })
}

export function createCatalogueRepository(db: Db): CatalogueRepository {
  return {
    async listPublished(filter) {
      const rows = await db.serviceVersion.findMany({
        where: {
          state: 'published',
          service: { category: filter.category, kind: filter.kind, department: { state: 'live' } },
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
    async findPublished(slug) {
      const row = await db.serviceVersion.findFirst({
        where: { state: 'published', service: { slug, department: { state: 'live' } } },
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
