import { localeOf } from '@darwaza/ui/format'
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { TextField } from '@darwaza/ui/components/TextField'
import type { UiLanguage } from '@darwaza/ui/i18n'
import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { pickLanguage } from '@darwaza/contracts/localized'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { ApplyPanel } from './ApplyPanel.tsx'
import { CounterCash } from './CounterCash.tsx'
import { CounterQueue, type CounterTicket } from './CounterQueue.tsx'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type Stage =
  | { stage: 'identity' }
  | { stage: 'code'; challengeId: string; maskedPhone: string }
  | {
      stage: 'helping'
      assistedSessionId: string
      citizenName: string
      expiresAt: Date
      applications: { trackingNumber: string; status: string }[]
    }
  | { stage: 'ended' }

/** The counter: a clerk starts an assisted session with the citizen's consent, and ends it. */
export function ClerkScreen({ client, language }: { client: GatewayClient; language: UiLanguage }) {
  const { t } = useTranslation()
  const [stage, setStage] = useState<Stage>({ stage: 'identity' })
  const [identityNumber, setIdentityNumber] = useState('')
  const [code, setCode] = useState('')
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  // The queue ticket at this counter: the assisted session started now is linked to it.
  const [ticket, setTicket] = useState<CounterTicket | null>(null)
  const [submittedHere, setSubmittedHere] = useState(0)

  async function run(event: FormEvent | null, action: () => Promise<void>) {
    event?.preventDefault()
    setFailure(null)
    try {
      await action()
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  const askConsent = (event: FormEvent) =>
    run(event, async () => {
      const challenge = await client.assisted.requestConsent.mutate({ identityNumber, language })
      setStage({ stage: 'code', challengeId: challenge.challengeId, maskedPhone: challenge.maskedPhone })
    })

  const start = (event: FormEvent) =>
    run(event, async () => {
      if (stage.stage !== 'code') return
      const started = await client.assisted.startWithCode.mutate({
        challengeId: stage.challengeId,
        code,
        ...(ticket ? { ticketId: ticket.id } : {}),
      })
      const overview = await client.assisted.overview.query({ assistedSessionId: started.assistedSessionId })
      setStage({
        stage: 'helping',
        assistedSessionId: started.assistedSessionId,
        citizenName: started.citizenName,
        expiresAt: new Date(started.expiresAt),
        applications: overview.applications,
      })
    })

  const end = () =>
    run(null, async () => {
      if (stage.stage !== 'helping') return
      await client.assisted.end.mutate({ assistedSessionId: stage.assistedSessionId })
      setIdentityNumber('')
      setCode('')
      setStage({ stage: 'ended' })
    })

  const time = (date: Date) => new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short' }).format(date)

  return (
    <section aria-labelledby="clerk-heading">
      <h2 id="clerk-heading">{t('clerk.heading')}</h2>
      <ErrorSummary title={t('errors.summaryTitle')} items={failure ? [{ message: failureText(t, failure) }] : []} />
      {stage.stage === 'helping' ? null : (
        <CounterQueue client={client} language={language} onCurrentTicket={setTicket} />
      )}
      {stage.stage === 'identity' || stage.stage === 'ended' ? (
        <form onSubmit={(event) => void askConsent(event)} noValidate>
          {stage.stage === 'ended' ? <p className="dz-notice">{t('clerk.ended')}</p> : null}
          <p>{t('clerk.intro')}</p>
          <TextField
            id="field-identityNumber"
            label={t('signIn.identityLabel')}
            inputMode="numeric"
            value={identityNumber}
            onChange={setIdentityNumber}
          />
          <button type="submit" className="dz-button">
            {t('clerk.askConsent')}
          </button>
        </form>
      ) : null}
      {stage.stage === 'code' ? (
        <form onSubmit={(event) => void start(event)} noValidate>
          <p>{t('signIn.codeSent', { phone: stage.maskedPhone })}</p>
          <TextField
            id="field-code"
            label={t('clerk.codeFromCitizen')}
            inputMode="numeric"
            value={code}
            onChange={setCode}
          />
          <button type="submit" className="dz-button">
            {t('clerk.start')}
          </button>
        </form>
      ) : null}
      {stage.stage === 'helping' ? (
        <div data-testid="assisted-session">
          <p className="dz-notice">{t('clerk.helping', { name: stage.citizenName })}</p>
          {ticket ? <p data-testid="assisted-ticket">{t('counter.linked', { number: ticket.number })}</p> : null}
          <p>{t('clerk.until', { time: time(stage.expiresAt) })}</p>
          <h3>{t('clerk.applications')}</h3>
          {stage.applications.length === 0 ? (
            <p>{t('clerk.noApplications')}</p>
          ) : (
            <ul className="dz-list">
              {stage.applications.map((application) => (
                <li key={application.trackingNumber}>
                  {application.trackingNumber} — {application.status}
                </li>
              ))}
            </ul>
          )}
          <CounterCash
            client={client}
            language={language}
            assistedSessionId={stage.assistedSessionId}
            refresh={submittedHere}
          />
          <CounterApplication
            client={client}
            language={language}
            assistedSessionId={stage.assistedSessionId}
            onSubmitted={() => setSubmittedHere((count) => count + 1)}
          />
          <button type="button" className="dz-button" onClick={() => void end()}>
            {t('clerk.end')}
          </button>
        </div>
      ) : null}
    </section>
  )
}

/** At the counter: the clerk picks a service the counter offers and fills it in for the citizen. */
function CounterApplication({
  client,
  language,
  assistedSessionId,
  onSubmitted,
}: {
  client: GatewayClient
  language: UiLanguage
  assistedSessionId: string
  onSubmitted(): void
}) {
  const { t } = useTranslation()
  const [services, setServices] = useState<CatalogueEntry[]>([])
  const [chosen, setChosen] = useState<CatalogueEntry | null>(null)
  useEffect(() => {
    let current = true
    client.catalogue.list
      .query({ kind: 'application' })
      .then((entries) => current && setServices(entries.filter((entry) => entry.channels.includes('assisted'))))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [client])

  if (chosen) {
    return (
      <section aria-labelledby="counter-service">
        <h3 id="counter-service">{pickLanguage(chosen.title, language)}</h3>
        <ApplyPanel
          key={chosen.slug}
          client={client}
          entry={chosen}
          language={language}
          signedIn
          assistedSessionId={assistedSessionId}
          onSubmitted={onSubmitted}
        />
        <button type="button" className="dz-link-button" onClick={() => setChosen(null)}>
          {t('clerk.otherService')}
        </button>
      </section>
    )
  }
  return (
    <div className="dz-field">
      <label htmlFor="counter-service-choice">{t('clerk.applyFor')}</label>
      <select
        id="counter-service-choice"
        value=""
        onChange={(event) => setChosen(services.find((entry) => entry.slug === event.target.value) ?? null)}
      >
        <option value="" />
        {services.map((entry) => (
          <option key={entry.slug} value={entry.slug}>
            {pickLanguage(entry.title, language)}
          </option>
        ))}
      </select>
    </div>
  )
}
