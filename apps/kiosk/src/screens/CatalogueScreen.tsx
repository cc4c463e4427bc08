import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { ServiceCard } from '@darwaza/ui/components/ServiceCard'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
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

  return (
    <section aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogue.heading')}</h2>
      <p>{t('catalogue.intro')}</p>
      {load.state === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {load.state === 'failed' ? (
        <div className="dz-notice dz-notice--error" role="alert">
          <p>{t('catalogue.loadFailed')}</p>
          <button type="button" className="dz-button" onClick={retry}>
            {t('catalogue.retry')}
          </button>
        </div>
      ) : null}
      {load.state === 'loaded' && load.entries.length === 0 ? <p>{t('catalogue.empty')}</p> : null}
      {load.state === 'loaded' ? (
        <ul className="dz-cards">
          {load.entries.map((entry) => (
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
      ) : null}
    </section>
  )
}
