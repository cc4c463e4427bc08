import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import type { LookupAnswer } from '@darwaza/contracts/department-protocol/v1'
import { pickLanguage } from '@darwaza/contracts/localized'
import { DisplayRecordView } from '@darwaza/ui/components/DisplayRecordView'
import { ErrorSummary, type SummaryItem } from '@darwaza/ui/components/ErrorSummary'
import { SchemaForm, formSteps, typedValues, type FormValues } from '@darwaza/ui/components/SchemaForm'
import { ServiceFacts } from '@darwaza/ui/components/ServiceFacts'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApplyPanel } from './ApplyPanel.tsx'
import { fieldErrorText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type Outcome =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'answered'; answer: LookupAnswer }
  | { state: 'failed'; failure: GatewayFailure }

export function ServiceScreen({
  client,
  entry,
  language,
  signedIn,
  onBack,
  draft,
}: {
  client: GatewayClient
  entry: CatalogueEntry
  language: UiLanguage
  signedIn: boolean
  onBack(): void
  /** Opened from a saved, unfinished form. */
  draft?: { draftId: string; values: FormValues }
}) {
  const { t } = useTranslation()
  const fields = formSteps(entry.formSchema, entry.presentation, language).flatMap((step) => step.fields)
  const [values, setValues] = useState<FormValues>({})
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' })

  async function check(event: FormEvent) {
    event.preventDefault()
    setOutcome({ state: 'checking' })
    const query = typedValues(entry.formSchema, values) as Record<string, string | number | boolean>
    try {
      setOutcome({
        state: 'answered',
        answer: await client.lookups.perform.mutate({ service: entry.slug, query, language }),
      })
    } catch (error) {
      setOutcome({ state: 'failed', failure: describeFailure(error) })
    }
  }

  const failure = outcome.state === 'failed' ? outcome.failure : null
  const fieldMessage = (name: string) => {
    const fieldError = failure?.fieldErrors.find((error) => error.field === name)
    if (!fieldError) return undefined
    return fieldErrorText(t, fieldError, fields.find((field) => field.name === name)?.label ?? name)
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
      <h2 id="service-title" dir="auto">
        {pickLanguage(entry.title, language)}
      </h2>
      <p className="dz-lead" dir="auto">
        {pickLanguage(entry.summary, language)}
      </p>
      <ServiceFacts entry={entry} language={language} />

      {entry.kind === 'application' ? (
        <ApplyPanel client={client} entry={entry} language={language} signedIn={signedIn} draft={draft} />
      ) : (
        <form onSubmit={(event) => void check(event)} noValidate>
          <h3>{t('service.checkHeading')}</h3>
          <ErrorSummary title={t('errors.summaryTitle')} items={summary} />
          <SchemaForm
            formSchema={entry.formSchema}
            presentation={entry.presentation}
            language={language}
            values={values}
            errors={Object.fromEntries(fields.map((field) => [field.name, fieldMessage(field.name)]))}
            labels={formLabels(t)}
            onChange={setValues}
            finalAction={
              <button type="submit" className="dz-button" disabled={outcome.state === 'checking'}>
                {outcome.state === 'checking' ? t('service.checking') : t('service.check')}
              </button>
            }
          />
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

export function formLabels(t: ReturnType<typeof useTranslation>['t']) {
  return {
    next: t('form.next'),
    previous: t('form.previous'),
    optional: t('form.optional'),
    stepOf: (step: number, total: number) => t('form.stepOf', { step, total }),
  }
}
