import type { CatalogueEntry, CatalogueListInput, CatalogueSearchInput } from '@darwaza/contracts/catalogue'
import { CatalogueIndex } from './catalogue-search.ts'
import { publicAudience, type CatalogueAudience, type CatalogueRepository } from './ports.ts'

/** The published catalogue, ordered the way citizens browse it: by category, then title. */
export async function listCatalogue(
  catalogue: CatalogueRepository,
  filter: CatalogueListInput,
  audience: CatalogueAudience = publicAudience,
): Promise<CatalogueEntry[]> {
  const entries = await catalogue.listPublished(filter ?? {}, audience)
  return entries.toSorted((a, b) => a.category.localeCompare(b.category) || a.title.en.localeCompare(b.title.en))
}

/**
 * Searches the published catalogue. The index is built once and rebuilt only when what is published
 * changes (a new version, a retirement, a department's state).
 */
export function createCatalogueSearch(catalogue: CatalogueRepository) {
  let cached: { stamp: string; index: Promise<CatalogueIndex> } | undefined
  return async (query: CatalogueSearchInput): Promise<CatalogueEntry[]> => {
    const stamp = await catalogue.publishedStamp()
    if (cached?.stamp !== stamp) {
      cached = { stamp, index: catalogue.listSearchable().then((entries) => new CatalogueIndex(entries)) }
    }
    return (await cached.index).query(query)
  }
}
