// When a department asks for more information, the citizen answers here, with documents if needed;
// the answer goes to the department the same way the application did.
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'
import { base64Of } from './DocumentUploads.tsx'

export function AnswerRequest({ client, trackingNumber }: { client: GatewayClient; trackingNumber: string }) {
  const { t } = useTranslation()
  const [message, setMessage] = useState('')
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const [sent, setSent] = useState(false)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const [documents, setDocuments] = useState<{ id: string; name: string }[]>([])
  const [uploadProblem, setUploadProblem] = useState<string | null>(null)
  const id = `answer-${trackingNumber}`

  async function attach(files: FileList | null) {
    setUploadProblem(null)
    for (const file of Array.from(files ?? [])) {
      try {
        const uploaded = await client.documents.upload.mutate({ name: file.name, contentBase64: await base64Of(file) })
        setDocuments((current) => [...current, { id: uploaded.id, name: uploaded.name }])
      } catch (error) {
        const described = describeFailure(error)
        const reason = described.fieldErrors[0]?.reason
        setUploadProblem(reason ? t([`upload.${reason}`, 'upload.failed']) : t(`errors.code.${described.code}`))
      }
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    try {
      await client.applications.answer.mutate({
        trackingNumber,
        message,
        idempotencyKey,
        documentIds: documents.map((document) => document.id),
      })
      setSent(true)
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  if (sent)
    return (
      <p className="dz-notice" role="status">
        {t('answer.sent')}
      </p>
    )
  return (
    <form onSubmit={(event) => void send(event)} noValidate>
      <ErrorSummary
        title={t('errors.summaryTitle')}
        items={
          failure
            ? failure.fieldErrors.some((error) => error.field === 'message')
              ? [{ fieldId: id, message: t('answer.empty') }]
              : [{ message: t(`errors.code.${failure.code}`) }]
            : []
        }
      />
      <div className="dz-field">
        <label htmlFor={id}>{t('answer.label')}</label>
        <textarea id={id} dir="auto" rows={4} value={message} onChange={(event) => setMessage(event.target.value)} />
      </div>
      <div className={`dz-field${uploadProblem ? ' dz-field--error' : ''}`}>
        <label htmlFor={`${id}-documents`}>{t('answer.documents')}</label>
        {uploadProblem ? <p className="dz-field__error">{uploadProblem}</p> : null}
        <input
          id={`${id}-documents`}
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          onChange={(event) => void attach(event.target.files)}
        />
        {documents.map((document) => (
          <p key={document.id} role="status">
            {t('upload.done', { name: document.name })}
          </p>
        ))}
      </div>
      <button type="submit" className="dz-button">
        {t('answer.send')}
      </button>
    </form>
  )
}
