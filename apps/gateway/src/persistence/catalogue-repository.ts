import { CatalogueEntry } from '@darwaza/contracts/catalogue'
import type { Db, Prisma } from '@darwaza/db'
import type { CatalogueRepository } from '../domain/ports.ts'

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
