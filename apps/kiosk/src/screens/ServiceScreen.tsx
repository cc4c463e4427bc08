import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import type { LookupAnswer } from '@darwaza/contracts/department-protocol/v1'
import { pickLanguage } from '@darwaza/contracts/localized'
import { DisplayRecordView } from '@darwaza/ui/components/DisplayRecordView'
import { ErrorSummary, type SummaryItem } from '@darwaza/ui/components/ErrorSummary'
import { TextField } from '@darwaza/ui/components/TextField'
import { formatMoney } from '@darwaza/ui/format'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type Outcome =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'answered'; answer: LookupAnswer }
  | { state: 'failed'; failure: GatewayFailure }

/** The fields of a service's form, in schema order, with their labels from the presentation hints. */
function formFields(entry: CatalogueEntry, language: UiLanguage) {
  const properties = (entry.formSchema.properties ?? {}) as Record<string, unknown>
  return Object.keys(properties).map((name) => {
    const presentation = entry.presentation.fields[name]
    return {
      name,
      id: `field-${name}`,
      label: presentation ? pickLanguage(presentation.label, language) : name,
      help: presentation?.help ? pickLanguage(presentation.help, language) : undefined,
      inputMode: presentation?.inputMode,
    }
  })
}

export function ServiceScreen({
  client,
  entry,
  language,
  onBack,
}: {
  client: GatewayClient
  entry: CatalogueEntry
  language: UiLanguage
  onBack(): void
}) {
  const { t } = useTranslation()
  const fields = formFields(entry, language)
  const [values, setValues] = useState<Record<string, string>>({})
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' })

  async function check(event: FormEvent) {
    event.preventDefault()
    setOutcome({ state: 'checking' })
    const query = Object.fromEntries(fields.map((field) => [field.name, (values[field.name] ?? '').trim()]))
    try {
      setOutcome({ state: 'answered', answer: await client.lookups.perform.mutate({ service: entry.slug, query }) })
    } catch (error) {
      setOutcome({ state: 'failed', failure: describeFailure(error) })
    }
  }

  const failure = outcome.state === 'failed' ? outcome.failure : null
  const fieldMessage = (name: string) => {
    const fieldError = failure?.fieldErrors.find((error) => error.field === name)
    if (!fieldError) return undefined
    const label = fields.find((field) => field.name === name)?.label ?? name
    return t([`errors.field.${fieldError.reason}`, 'errors.field.default'], { label })
  }
  const summary: SummaryItem[] = failure
    ? failure.fieldErrors.some((error) => fields.some((field) => field.name === error.field))
      ? fields.flatMap((field) => {
          const message = fieldMessage(field.name)
          return message ? [{ fieldId: field.id, message }] : []
        })
      : [{ message: t(`errors.code.${failure.code}`) }]
    : []

  return (
    <article aria-labelledby="service-title">
      <button type="button" className="dz-link-button" onClick={onBack}>
        {t('app.back')}
      </button>
      <h2 id="service-title">{pickLanguage(entry.title, language)}</h2>
      <p>{pickLanguage(entry.summary, language)}</p>
      <dl className="dz-facts">
        <dt>{t('service.fee')}</dt>
        <dd>{entry.fee ? formatMoney(entry.fee.amountMinor, entry.fee.currency, language) : t('catalogue.free')}</dd>
        <dt>{t('service.time')}</dt>
        <dd>
          {entry.processingDays
            ? t('catalogue.processingDays', { count: entry.processingDays })
            : t('catalogue.instant')}
        </dd>
      </dl>
      <p>{t('service.offeredBy', { department: pickLanguage(entry.department.name, language) })}</p>

      {entry.kind === 'application' ? (
        <p className="dz-notice">{t('service.applySoon')}</p>
      ) : (
        <form onSubmit={(event) => void check(event)} noValidate>
          <ErrorSummary title={t('errors.summaryTitle')} items={summary} />
          {fields.map((field) => (
            <TextField
              key={field.name}
              id={field.id}
              label={field.label}
              help={field.help}
              inputMode={field.inputMode}
              error={fieldMessage(field.name)}
              value={values[field.name] ?? ''}
              onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
            />
          ))}
          <button type="submit" className="dz-button" disabled={outcome.state === 'checking'}>
            {outcome.state === 'checking' ? t('service.checking') : t('service.check')}
          </button>
          {failure?.requestId ? (
            <p className="dz-field__help">{t('errors.reference', { requestId: failure.requestId })}</p>
          ) : null}
        </form>
      )}

      <div aria-live="polite">
        {outcome.state === 'answered' && outcome.answer.outcome === 'found' ? (
          <DisplayRecordView record={outcome.answer.record} language={language} />
        ) : null}
        {outcome.state === 'answered' && outcome.answer.outcome === 'not_found' ? (
          <div className="dz-notice" data-outcome="not-found">
            <h2>{t('service.notFound')}</h2>
            <p>{pickLanguage(outcome.answer.message, language)}</p>
          </div>
        ) : null}
      </div>
    </article>
  )
}
