// When a department asks for more information, the citizen answers here; the answer goes to the
// department the same way the application did.
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

export function AnswerRequest({ client, trackingNumber }: { client: GatewayClient; trackingNumber: string }) {
  const { t } = useTranslation()
  const [message, setMessage] = useState('')
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const [sent, setSent] = useState(false)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const id = `answer-${trackingNumber}`

  async function send(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    try {
      await client.applications.answer.mutate({ trackingNumber, message, idempotencyKey })
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
      <button type="submit" className="dz-button">
        {t('answer.send')}
      </button>
    </form>
  )
}
