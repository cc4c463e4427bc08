import type { CatalogueEntry, ServiceCategory } from '@darwaza/contracts/catalogue'
import { TopicIcon } from '@darwaza/ui/components/TopicIcon'
import { ServiceCard } from '@darwaza/ui/components/ServiceCard'
import { TextField } from '@darwaza/ui/components/TextField'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { GatewayClient } from '../gateway-client.ts'

type Load = { state: 'loading' } | { state: 'failed' } | { state: 'loaded'; entries: CatalogueEntry[] }

export function CatalogueScreen({
  client,
  language,
  onOpen,
}: {
  client: GatewayClient
  language: UiLanguage
  onOpen(entry: CatalogueEntry): void
}) {
  const { t } = useTranslation()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [category, setCategory] = useState<ServiceCategory | null>(null)
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<{ query: string; entries: CatalogueEntry[] } | null>(null)

  useEffect(() => {
    let current = true
    client.catalogue.list
      .query()
      .then((entries) => current && setLoad({ state: 'loaded', entries }))
      .catch(() => current && setLoad({ state: 'failed' }))
    return () => {
      current = false
    }
  }, [client, attempt])

  const retry = () => {
    setLoad({ state: 'loading' })
    setAttempt((count) => count + 1)
  }

  async function search(event: FormEvent) {
    event.preventDefault()
    const words = query.trim()
    if (!words) return setFound(null)
    try {
      const entries = await client.catalogue.search.query({ query: words, category: category ?? undefined })
      setFound({ query: words, entries })
    } catch {
      setLoad({ state: 'failed' })
    }
  }

  const categories = load.state === 'loaded' ? [...new Set(load.entries.map((entry) => entry.category))].sort() : []
  const shown = found
    ? found.entries
    : load.state === 'loaded'
      ? load.entries.filter((entry) => !category || entry.category === category)
      : []

  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogue.heading')}</h2>
      <form className="dz-search" role="search" onSubmit={(event) => void search(event)}>
        <TextField
          id="field-search"
          label={t('search.label')}
          help={t('search.help')}
          value={query}
          onChange={setQuery}
        />
        <button type="submit" className="dz-button">
          {t('search.submit')}
        </button>
      </form>
      {load.state === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {load.state === 'failed' ? (
        <div className="dz-notice dz-notice--error" role="alert">
          <p>{t('catalogue.loadFailed')}</p>
          <button type="button" className="dz-button" onClick={retry}>
            {t('catalogue.retry')}
          </button>
        </div>
      ) : null}
      {categories.length > 0 && !found ? (
        <>
          <h3>{t('catalogue.topics')}</h3>
          <ul className="dz-tiles">
            {categories.map((name) => (
              <li key={name}>
                <button
                  type="button"
                  className="dz-tile"
                  aria-pressed={category === name}
                  onClick={() => setCategory(category === name ? null : name)}
                >
                  <TopicIcon topic={name} />
                  {t(`category.${name}`)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {found ? (
        <div role="status">
          <p>
            {found.entries.length === 0
              ? t('search.none', { query: found.query })
              : t('search.results', { count: found.entries.length })}
          </p>
          <button
            type="button"
            className="dz-link-button"
            onClick={() => {
              setFound(null)
              setQuery('')
            }}
          >
            {t('search.clear')}
          </button>
        </div>
      ) : null}
      {load.state === 'loaded' && load.entries.length === 0 ? <p>{t('catalogue.empty')}</p> : null}
      <ul className="dz-cards">
        {shown.map((entry) => (
          <ServiceCard
            key={entry.slug}
            entry={entry}
            language={language}
            actionLabel={t(`catalogue.kind.${entry.kind}`)}
            categoryLabel={t(`category.${entry.category}`)}
            onOpen={() => onOpen(entry)}
          />
        ))}
      </ul>
    </section>
  )
}
