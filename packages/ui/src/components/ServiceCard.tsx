import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { pickLanguage, type Language } from '@darwaza/contracts/localized'

export function ServiceCard({
  entry,
  language,
  actionLabel,
  categoryLabel,
  onOpen,
}: {
  entry: CatalogueEntry
  language: Language
  actionLabel: string
  categoryLabel: string
  onOpen(): void
}) {
  const title = pickLanguage(entry.title, language)
  return (
    <li className="dz-card" data-service={entry.slug}>
      <p className="dz-card__category">{categoryLabel}</p>
      {/* A department may not have written this language: its text then keeps its own direction. */}
      <h3 dir="auto">{title}</h3>
      <p dir="auto">{pickLanguage(entry.summary, language)}</p>
      <p className="dz-card__department" dir="auto">
        {pickLanguage(entry.department.name, language)}
      </p>
      <button type="button" className="dz-button" onClick={onOpen} aria-label={`${actionLabel}: ${title}`}>
        {actionLabel}
      </button>
    </li>
  )
}
