import type { CatalogueEntry, CatalogueListInput } from '@darwaza/contracts/catalogue'
import type { CatalogueRepository } from './ports.ts'

/** The published catalogue, ordered the way citizens browse it: by category, then title. */
export async function listCatalogue(
  catalogue: CatalogueRepository,
  filter: CatalogueListInput,
): Promise<CatalogueEntry[]> {
  const entries = await catalogue.listPublished(filter ?? {})
  return entries.toSorted((a, b) => a.category.localeCompare(b.category) || a.title.en.localeCompare(b.title.en))
}
