// Catalogue search with MiniSearch: words in English, Urdu script and romanized Urdu, tolerant of
// typos and prefixes, ranked by relevance with titles weighing most.
import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import MiniSearch from 'minisearch'

export interface SearchKeywords {
  en?: string[]
  ur?: string[]
  romanized?: string[]
}

export interface SearchableEntry {
  entry: CatalogueEntry
  keywords: SearchKeywords | null
}

export interface CatalogueQuery {
  query: string
  category?: CatalogueEntry['category'] | undefined
  department?: string | undefined
  channel?: CatalogueEntry['channels'][number] | undefined
  limit?: number | undefined
}

interface IndexedDocument {
  id: string
  titleEn: string
  titleUr: string
  summaryEn: string
  summaryUr: string
  department: string
  keywords: string
  category: string
  departmentCode: string
  channels: string[]
}

/**
 * One spelling per letter: Arabic-script variants typed on Arabic keyboards become the Urdu letters
 * (ي/ى → ی, ك → ک, ه → ہ), diacritics and tatweel go, Latin letters lose accents and case.
 */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/ه/g, 'ہ')
    .toLowerCase()
}

const tokenize = (text: string) => text.split(/[\s\-_,.;:!?()"'/\u060c\u061b\u061f\u06d4]+/u).filter(Boolean)

export class CatalogueIndex {
  private readonly search: MiniSearch<IndexedDocument>
  private readonly entries = new Map<string, CatalogueEntry>()

  constructor(searchable: SearchableEntry[]) {
    this.search = new MiniSearch<IndexedDocument>({
      fields: ['titleEn', 'titleUr', 'summaryEn', 'summaryUr', 'department', 'keywords'],
      storeFields: ['category', 'departmentCode', 'channels'],
      tokenize,
      processTerm: (term) => normalizeTerm(term) || null,
      searchOptions: {
        boost: { titleEn: 3, titleUr: 3, keywords: 2, department: 1.5 },
        prefix: (term) => term.length >= 3,
        fuzzy: (term) => (term.length >= 5 ? 0.25 : term.length >= 4 ? 1 : 0),
        combineWith: 'OR',
      },
    })
    this.search.addAll(
      searchable.map(({ entry, keywords }) => {
        this.entries.set(entry.slug, entry)
        return {
          id: entry.slug,
          titleEn: entry.title.en,
          titleUr: entry.title.ur,
          summaryEn: entry.summary.en,
          summaryUr: entry.summary.ur,
          department: `${entry.department.name.en} ${entry.department.name.ur}`,
          keywords: [...(keywords?.en ?? []), ...(keywords?.ur ?? []), ...(keywords?.romanized ?? [])].join(' '),
          category: entry.category,
          departmentCode: entry.department.code,
          channels: entry.channels,
        }
      }),
    )
  }

  query(request: CatalogueQuery): CatalogueEntry[] {
    const results = this.search.search(request.query, {
      filter: (result) =>
        (!request.category || result.category === request.category) &&
        (!request.department || result.departmentCode === request.department) &&
        (!request.channel || (result.channels as string[]).includes(request.channel)),
    })
    return results.slice(0, request.limit ?? 20).flatMap((result) => {
      const entry = this.entries.get(String(result.id))
      return entry ? [entry] : []
    })
  }
}
