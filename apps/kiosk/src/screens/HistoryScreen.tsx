import { localeOf } from '@darwaza/ui/format'
import { pickLanguage } from '@darwaza/contracts/localized'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AnswerRequest } from './AnswerRequest.tsx'
import { VoucherFacts } from './ApplyPanel.tsx'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

interface Loaded {
  profile: { name: string; identityNumber: string; maskedPhone: string }
  history: Awaited<ReturnType<GatewayClient['identity']['history']['query']>>
}

export function HistoryScreen({
  client,
  language,
  onSessionEnded,
}: {
  client: GatewayClient
  language: UiLanguage
  onSessionEnded(): void
}) {
  const { t } = useTranslation()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)

  useEffect(() => {
    let current = true
    Promise.all([client.identity.me.query(), client.identity.history.query()])
      .then(([profile, history]) => current && setLoaded({ profile, history }))
      .catch((error: unknown) => {
        if (!current) return
        const described = describeFailure(error)
        setFailure(described)
        if (described.code === 'SESSION_EXPIRED') onSessionEnded()
      })
    return () => {
      current = false
    }
  }, [client, onSessionEnded])

  async function download(trackingNumber: string) {
    try {
      const file = await client.applications.issuedDocument.query({ trackingNumber })
      const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
      const link = document.createElement('a')
      link.href = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }))
      link.download = `${file.name.en}-${trackingNumber}.pdf`
      link.click()
      URL.revokeObjectURL(link.href)
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  const when = (date: string) =>
    new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(date))

  if (failure) {
    return (
      <p className="dz-notice dz-notice--error" role="alert">
        {failureText(t, failure)}
      </p>
    )
  }
  if (!loaded) return <p role="status">{t('app.loading')}</p>
  const { profile, history } = loaded
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <dl className="dz-facts">
        <dt>{t('history.identity')}</dt>
        <dd dir="ltr">{profile.identityNumber}</dd>
        <dt>{t('history.phone')}</dt>
        <dd dir="ltr">{profile.maskedPhone}</dd>
      </dl>
      <UnfinishedForms client={client} language={language} />
      <h3>{t('history.applications')}</h3>
      {history.applications.length === 0 ? (
        <p>{t('history.noApplications')}</p>
      ) : (
        <ul className="dz-list" data-testid="applications">
          {history.applications.map((application) => (
            <li key={application.trackingNumber} data-tracking={application.trackingNumber}>
              <h4>{pickLanguage(application.title, language)}</h4>
              <p>
                {pickLanguage(application.department, language)} ·{' '}
                <span dir="ltr" className="dz-tracking">
                  {application.trackingNumber}
                </span>{' '}
                · <strong data-testid="application-status">{t(`status.${application.status}`)}</strong>
              </p>
              {application.voucher ? (
                <dl className="dz-facts">
                  <VoucherFacts voucher={application.voucher} language={language} />
                </dl>
              ) : null}
              <ol className="dz-timeline" aria-label={t('history.timeline')}>
                {application.timeline.map((step) => (
                  <li key={`${step.status}-${String(step.at)}`}>
                    <span>{when(step.at)}</span> — <strong>{t(`status.${step.status}`)}</strong>
                    {step.message ? <p>{pickLanguage(step.message, language)}</p> : null}
                    {step.document ? (
                      <button
                        type="button"
                        className="dz-button dz-button--secondary"
                        onClick={() => void download(application.trackingNumber)}
                      >
                        {t('history.download', { name: pickLanguage(step.document, language) })}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
              {application.status === 'needs_information' ? (
                <AnswerRequest client={client} trackingNumber={application.trackingNumber} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('history.assisted')}</h3>
      {history.assistedSessions.length === 0 ? (
        <p>{t('history.noAssisted')}</p>
      ) : (
        <ul className="dz-list" data-testid="assisted-sessions">
          {history.assistedSessions.map((session) => (
            <li key={session.id}>
              <p>{t('history.assistedBy', { clerk: session.clerkName, date: when(session.startedAt) })}</p>
              <p>{t(`history.consent.${session.consent}`, { reason: session.reason ?? '' })}</p>
              <ul>
                {session.actions.map((action) => (
                  <li key={`${action.event}-${action.at}`}>
                    {when(action.at)}: {t(`history.event.${action.event}`, { defaultValue: action.event })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

type DraftSummary = Awaited<ReturnType<GatewayClient['drafts']['mine']['query']>>[number]

/** Forms the citizen saved to finish later: continue one, or throw it away. Shown only when there are some. */
function UnfinishedForms({ client, language }: { client: GatewayClient; language: UiLanguage }) {
  const { t } = useTranslation()
  const [drafts, setDrafts] = useState<DraftSummary[]>([])
  const [loads, setLoads] = useState(0)
  useEffect(() => {
    let current = true
    client.drafts.mine
      .query()
      .then((found) => current && setDrafts(found))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [client, loads])

  if (drafts.length === 0) return null
  const until = (date: string | Date) =>
    new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long' }).format(new Date(date))
  return (
    <>
      <h3>{t('draft.listHeading')}</h3>
      <ul className="dz-list" data-testid="drafts">
        {drafts.map((draft) => (
          <li key={draft.draftId}>
            <h4>{pickLanguage(draft.title, language)}</h4>
            <p>{t('draft.keptUntil', { date: until(draft.expiresAt) })}</p>
            <div className="dz-form-step__actions">
              <a className="dz-button" href={`#/draft?id=${encodeURIComponent(draft.draftId)}`}>
                {t('draft.continue')}
              </a>
              <button
                type="button"
                className="dz-button dz-button--secondary"
                onClick={() =>
                  void client.drafts.discard
                    .mutate({ draftId: draft.draftId })
                    .then(() => setLoads((count) => count + 1))
                    .catch(() => undefined)
                }
              >
                {t('draft.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  )
}
