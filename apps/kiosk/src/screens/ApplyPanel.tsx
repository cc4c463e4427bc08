// Applying for a service: the guided form one step at a time, a review of the answers, then the
// receipt with the tracking number. One idempotency key per application, so a double tap or a retry
// after a dropped connection returns the same application instead of a second one.
import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { pickLanguage } from '@darwaza/contracts/localized'
import { ErrorSummary, type SummaryItem } from '@darwaza/ui/components/ErrorSummary'
import { SchemaForm, formSteps, typedValues, type FormValues } from '@darwaza/ui/components/SchemaForm'
import { QrCode } from '@darwaza/ui/components/QrCode'
import { formatMoney, localeOf } from '@darwaza/ui/format'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fieldErrorText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'
import { DocumentUploads, type AttachedDocument } from './DocumentUploads.tsx'
import { formLabels } from './ServiceScreen.tsx'

type SubmittedApplication = Awaited<ReturnType<GatewayClient['applications']['submit']['mutate']>>

type Stage =
  | { stage: 'form' }
  | { stage: 'review' }
  | { stage: 'submitting' }
  | { stage: 'submitted'; application: SubmittedApplication }

export function ApplyPanel({
  client,
  entry,
  language,
  signedIn,
  assistedSessionId,
  onSubmitted,
  draft,
}: {
  client: GatewayClient
  entry: CatalogueEntry
  language: UiLanguage
  signedIn: boolean
  /** Set at the counter: the clerk submits for the citizen inside this assisted session. */
  assistedSessionId?: string
  /** Told once the application is accepted (the counter then looks again for slips to pay). */
  onSubmitted?: () => void
  /** A form the citizen saved unfinished and opened again: it starts with what they had typed. */
  draft?: { draftId: string; values: FormValues }
}) {
  const { t } = useTranslation()
  const [values, setValues] = useState<FormValues>(() => draft?.values ?? {})
  const [saved, setSaved] = useState<SavedDraft | null>(null)
  const [stage, setStage] = useState<Stage>({ stage: 'form' })
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const [documents, setDocuments] = useState<AttachedDocument[]>([])
  // An error summary's link to a field: the form opens at that field's step and focuses it (a new
  // `count` remounts the form for each link followed).
  const [reveal, setReveal] = useState<{ fieldId: string; count: number } | null>(null)
  const follow = (fieldId: string) => {
    setReveal({ fieldId, count: (reveal?.count ?? 0) + 1 })
    setStage({ stage: 'form' })
  }
  const fields = formSteps(entry.formSchema, entry.presentation, language).flatMap((step) => step.fields)

  if (!signedIn) {
    return (
      <div className="dz-notice">
        <p>{t('apply.signInFirst')}</p>
        <a className="dz-button" href="#/sign-in">
          {t('apply.signIn')}
        </a>
      </div>
    )
  }

  const fieldMessage = (name: string) => {
    const error = failure?.fieldErrors.find((candidate) => candidate.field === `form.${name}`)
    if (!error) return undefined
    return fieldErrorText(t, error, fields.find((field) => field.name === name)?.label ?? name)
  }
  const summary: SummaryItem[] = failure
    ? fields.some((field) => fieldMessage(field.name))
      ? fields.flatMap((field) => {
          const message = fieldMessage(field.name)
          return message ? [{ fieldId: field.id, message }] : []
        })
      : [{ message: t('apply.notSubmitted', { reason: t(`errors.code.${failure.code}`) }) }]
    : []

  async function submit() {
    setStage({ stage: 'submitting' })
    setFailure(null)
    setReveal(null)
    try {
      const submission = {
        service: entry.slug,
        form: typedValues(entry.formSchema, values),
        idempotencyKey,
        language,
        documents: documents.map(({ documentId, requirement }) => ({ documentId, requirement })),
      }
      const application = assistedSessionId
        ? await client.assisted.submit.mutate({ ...submission, assistedSessionId })
        : await client.applications.submit.mutate(submission)
      setStage({ stage: 'submitted', application })
      onSubmitted?.()
      // The application now holds the answers; the draft's copy is dropped (it expires anyway).
      if (draft) void client.drafts.submitted.mutate({ draftId: draft.draftId }).catch(() => undefined)
    } catch (error) {
      const described = describeFailure(error)
      setFailure(described)
      setStage({ stage: described.fieldErrors.length > 0 ? 'form' : 'review' })
    }
  }

  if (stage.stage === 'submitted') {
    return assistedSessionId ? (
      <section className="dz-receipt" data-testid="receipt">
        <h3>{t('apply.receiptHeading')}</h3>
        <dl className="dz-facts">
          <dt>{t('apply.trackingNumber')}</dt>
          <dd dir="ltr" className="dz-tracking" data-testid="tracking-number">
            {stage.application.trackingNumber}
          </dd>
          {stage.application.voucher ? <VoucherFacts voucher={stage.application.voucher} language={language} /> : null}
        </dl>
        <p>{t('clerk.receiptBySms')}</p>
      </section>
    ) : (
      <Receipt client={client} entry={entry} language={language} application={stage.application} />
    )
  }

  if (stage.stage === 'review' || stage.stage === 'submitting') {
    const typed = typedValues(entry.formSchema, values)
    const shown = (name: string, options: { value: string; label: string }[]) => {
      const value = typed[name]
      if (value === undefined) return t('apply.notAnswered')
      if (typeof value === 'boolean') return value ? t('apply.yes') : t('apply.no')
      return options.find((option) => option.value === String(value))?.label ?? String(value)
    }
    return (
      <section aria-labelledby="review-heading">
        <h3 id="review-heading">{t('apply.review')}</h3>
        <ErrorSummary title={t('errors.summaryTitle')} items={summary} onFollow={follow} />
        <dl className="dz-facts" data-testid="review">
          {fields.map((field) => (
            <div key={field.name} style={{ display: 'contents' }}>
              <dt>{field.label}</dt>
              <dd dir="auto">{shown(field.name, field.options)}</dd>
            </div>
          ))}
          {entry.fee.kind === 'fixed' ? (
            <>
              <dt>{t('service.fee')}</dt>
              <dd>{formatMoney(entry.fee.amountMinor, entry.fee.currency, language)}</dd>
            </>
          ) : entry.fee.kind === 'quoted' ? (
            <>
              <dt>{t('service.fee')}</dt>
              <dd>{t('service.feeQuoted')}</dd>
            </>
          ) : null}
        </dl>
        <div className="dz-form-step__actions">
          <button
            type="button"
            className="dz-button dz-button--secondary"
            onClick={() => {
              setReveal(null)
              setStage({ stage: 'form' })
            }}
          >
            {t('apply.change')}
          </button>
          <button
            type="button"
            className="dz-button"
            disabled={stage.stage === 'submitting'}
            onClick={() => void submit()}
          >
            {stage.stage === 'submitting' ? t('apply.submitting') : t('apply.submit')}
          </button>
        </div>
      </section>
    )
  }

  if (saved) return <SavedForLater saved={saved} language={language} onContinue={() => setSaved(null)} />

  async function saveForLater() {
    setFailure(null)
    try {
      setSaved(await client.drafts.save.mutate({ service: entry.slug, form: values, language }))
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        setStage({ stage: 'review' })
      }}
      noValidate
    >
      <ErrorSummary title={t('errors.summaryTitle')} items={summary} onFollow={follow} />
      {
        <DocumentUploads
          client={client}
          entry={entry}
          language={language}
          attached={documents}
          onChange={setDocuments}
          assistedSessionId={assistedSessionId}
        />
      }
      <SchemaForm
        key={reveal?.count ?? 0}
        revealField={reveal?.fieldId}
        formSchema={entry.formSchema}
        presentation={entry.presentation}
        language={language}
        values={values}
        errors={Object.fromEntries(fields.map((field) => [field.name, fieldMessage(field.name)]))}
        labels={formLabels(t)}
        onChange={setValues}
        finalAction={
          <button type="submit" className="dz-button">
            {t('apply.continue')}
          </button>
        }
      />
      {assistedSessionId ? null : (
        <p>
          <button type="button" className="dz-link-button" onClick={() => void saveForLater()}>
            {t('draft.save')}
          </button>
        </p>
      )}
    </form>
  )
}

type SavedDraft = Awaited<ReturnType<GatewayClient['drafts']['save']['mutate']>>

/** After saving: the link to finish elsewhere, as a QR code to scan with a phone (it also came by SMS). */
function SavedForLater({
  saved,
  language,
  onContinue,
}: {
  saved: SavedDraft
  language: UiLanguage
  onContinue: () => void
}) {
  const { t } = useTranslation()
  const until = new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long' }).format(new Date(saved.expiresAt))
  return (
    <section aria-labelledby="draft-saved-heading" data-testid="draft-saved">
      <h3 id="draft-saved-heading">{t('draft.savedHeading')}</h3>
      <p>{t('draft.savedText', { date: until })}</p>
      <QrCode text={saved.resumeUrl} label={t('draft.qrLabel')} />
      <p className="dz-field__help">{t('draft.sentBySms')}</p>
      <div className="dz-form-step__actions">
        <button type="button" className="dz-button dz-button--secondary" onClick={onContinue}>
          {t('draft.continueHere')}
        </button>
      </div>
    </section>
  )
}

type ReceiptData = Awaited<ReturnType<GatewayClient['applications']['receipt']['query']>>

function Receipt({
  client,
  entry,
  language,
  application,
}: {
  client: GatewayClient
  entry: CatalogueEntry
  language: UiLanguage
  application: SubmittedApplication
}) {
  const { t } = useTranslation()
  const [receipt, setReceipt] = useState<ReceiptData | null>(null)
  useEffect(() => {
    let current = true
    client.applications.receipt
      .query({ trackingNumber: application.trackingNumber })
      .then((data) => current && setReceipt(data))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [client, application.trackingNumber])

  // The payment slip as it stands now (paid at a bank since?), else as it was at submission.
  const voucher = receipt?.voucher ?? application.voucher
  const [printing, setPrinting] = useState<'printing' | 'printed' | 'failed' | null>(null)
  // At a kiosk the shell prints silently; a failure (no paper, printer off) is said on screen with
  // the other ways to keep the receipt. In a browser, the browser's own print is used.
  const print = async () => {
    const bridge = window.darwazaKiosk
    if (!bridge) return window.print()
    setPrinting('printing')
    const result = await bridge
      .print({ kind: 'receipt', html: document.getElementById('receipt')?.outerHTML ?? '', language })
      .catch(() => ({ ok: false }))
    setPrinting(result.ok ? 'printed' : 'failed')
  }
  async function downloadPdf() {
    const pdf = await client.applications.receiptPdf.query({ trackingNumber: application.trackingNumber, language })
    const bytes = Uint8Array.from(atob(pdf.base64), (char) => char.charCodeAt(0))
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
    link.download = pdf.filename
    link.click()
    URL.revokeObjectURL(link.href)
  }

  return (
    <section className="dz-receipt" id="receipt" aria-labelledby="receipt-heading" data-testid="receipt">
      <h3 id="receipt-heading">{t('apply.receiptHeading')}</h3>
      <dl className="dz-facts">
        <dt>{t('apply.trackingNumber')}</dt>
        <dd dir="ltr" className="dz-tracking" data-testid="tracking-number">
          {application.trackingNumber}
        </dd>
        {receipt ? (
          <>
            <dt>{t('apply.verificationCode')}</dt>
            <dd dir="ltr" className="dz-tracking" data-testid="verification-code">
              {receipt.verificationCode}
            </dd>
          </>
        ) : null}
        <dt>{t('apply.service')}</dt>
        <dd>{pickLanguage(entry.title, language)}</dd>
        <dt>{t('apply.submittedAt')}</dt>
        <dd>
          {new Intl.DateTimeFormat(localeOf(language), {
            dateStyle: 'long',
            timeStyle: 'short',
          }).format(new Date(application.submittedAt))}
        </dd>
        <dt>{t('apply.status')}</dt>
        <dd>{t(`status.${application.status}`)}</dd>
        {voucher ? <VoucherFacts voucher={voucher} language={language} /> : null}
      </dl>
      {receipt && receipt.answers.length > 0 ? (
        <section aria-labelledby="receipt-answers-heading">
          <h4 id="receipt-answers-heading">{t('apply.receiptAnswers')}</h4>
          <dl className="dz-facts" data-testid="receipt-answers">
            {receipt.answers.map((answer) => (
              <div key={answer.field} style={{ display: 'contents' }}>
                <dt>{pickLanguage(answer.label, language)}</dt>
                <dd dir="auto">
                  {answer.option
                    ? pickLanguage(answer.option, language)
                    : typeof answer.value === 'boolean'
                      ? answer.value
                        ? t('apply.yes')
                        : t('apply.no')
                      : String(answer.value)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {voucher?.state === 'unpaid' ? <p className="dz-notice">{t('apply.payNotice')}</p> : null}
      <p>{t('apply.keepIt')}</p>
      {receipt ? (
        <div className="dz-receipt__qr">
          <QrCode text={receipt.verifyUrl} label={t('apply.qrLabel')} />
          <p className="dz-field__help">{t('apply.qrHelp')}</p>
        </div>
      ) : null}
      {printing === 'printed' ? (
        <p className="dz-notice dz-no-print" role="status">
          {t('apply.printed')}
        </p>
      ) : null}
      {printing === 'failed' ? (
        <p className="dz-notice dz-notice--error dz-no-print" role="alert" data-testid="print-failed">
          {t('apply.printFailed')}
        </p>
      ) : null}
      <div className="dz-form-step__actions dz-no-print">
        <button type="button" className="dz-button" onClick={() => void print()} disabled={printing === 'printing'}>
          {t('apply.print')}
        </button>
        <button type="button" className="dz-button dz-button--secondary" onClick={() => void downloadPdf()}>
          {t('apply.pdf')}
        </button>
        {receipt ? (
          <a
            className="dz-button dz-button--secondary"
            download={`darwaza-receipt-${application.trackingNumber}.json`}
            href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(receipt.receipt, null, 2))}`}
          >
            {t('apply.signedCopy')}
          </a>
        ) : null}
        <a className="dz-button dz-button--secondary" href="#/history">
          {t('apply.myApplications')}
        </a>
      </div>
    </section>
  )
}

export function VoucherFacts({
  voucher,
  language,
}: {
  voucher: { psid: string; amountMinor: number; currency: string; dueAt: string | Date; state: string }
  language: UiLanguage
}) {
  const { t } = useTranslation()
  return (
    <>
      <dt>{t('apply.psid')}</dt>
      <dd dir="ltr" className="dz-tracking" data-testid="psid">
        {voucher.psid}
      </dd>
      <dt>{t('service.fee')}</dt>
      <dd>
        {formatMoney(voucher.amountMinor, voucher.currency, language)} ·{' '}
        <strong data-testid="payment-state">{t(`apply.payment.${voucher.state}`)}</strong>
      </dd>
      <dt>{t('apply.payBy')}</dt>
      <dd>{new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long' }).format(new Date(voucher.dueAt))}</dd>
    </>
  )
}
