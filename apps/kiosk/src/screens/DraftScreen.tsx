import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'
import { ServiceScreen } from './ServiceScreen.tsx'

type Opened = { entry: CatalogueEntry; draftId: string; values: Record<string, string | boolean> }

/**
 * A saved, unfinished form opened again (#/draft?code=… from the link the citizen was sent, or
 * #/draft?id=… from their own list): the service's form, with what they had typed.
 */
export function DraftScreen({
  client,
  language,
  reference,
  onBack,
}: {
  client: GatewayClient
  language: UiLanguage
  reference: { code: string } | { draftId: string } | null
  onBack: () => void
}) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState<Opened | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const key = reference ? JSON.stringify(reference) : null

  useEffect(() => {
    if (!key) return
    let current = true
    const load = async () => {
      const draft = await client.drafts.open.query(JSON.parse(key) as { code: string } | { draftId: string })
      const entries = await client.catalogue.list.query({ kind: 'application' })
      const entry = entries.find((candidate) => candidate.slug === draft.service)
      if (!entry) throw new Error('the service is no longer offered')
      return { entry, draftId: draft.draftId, values: draft.form }
    }
    load()
      .then((found) => current && setOpened(found))
      .catch((error: unknown) => current && setFailure(describeFailure(error)))
    return () => {
      current = false
    }
  }, [client, key])

  if (opened) {
    return (
      <ServiceScreen
        client={client}
        entry={opened.entry}
        language={language}
        signedIn
        onBack={onBack}
        draft={{ draftId: opened.draftId, values: opened.values }}
      />
    )
  }
  return (
    <section aria-labelledby="draft-heading">
      <h2 id="draft-heading">{t('draft.heading')}</h2>
      {!reference ? <p className="dz-notice dz-notice--error">{t('draft.badLink')}</p> : null}
      {failure ? (
        <p className="dz-notice dz-notice--error" role="alert">
          {failure.code === 'NOT_FOUND' ? t('draft.gone') : failureText(t, failure)}
        </p>
      ) : null}
      {reference && !failure ? <p role="status">{t('draft.opening')}</p> : null}
    </section>
  )
}
