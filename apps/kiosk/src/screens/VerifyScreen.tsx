import { localeOf } from '@darwaza/ui/format'
// The public verification page a receipt's QR code opens: tracking number and verification code in,
// service, department, status and dates out. Nothing personal is ever shown here.
import { pickLanguage } from '@darwaza/contracts/localized'
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { TextField } from '@darwaza/ui/components/TextField'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'
import { routeParams } from '../routes.ts'

type Verified = Awaited<ReturnType<GatewayClient['applications']['verify']['query']>>

export function VerifyScreen({ client, language }: { client: GatewayClient; language: UiLanguage }) {
  const { t } = useTranslation()
  const [params] = useState(routeParams)
  const [trackingNumber, setTrackingNumber] = useState(params.get('t') ?? '')
  const [code, setCode] = useState(params.get('c') ?? '')
  const [verified, setVerified] = useState<Verified | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)

  async function check(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    setVerified(null)
    try {
      setVerified(await client.applications.verify.query({ trackingNumber, code }))
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }
  // The QR code carries both numbers: check them at once.
  useEffect(() => {
    const fromQr = { trackingNumber: params.get('t'), code: params.get('c') }
    if (!fromQr.trackingNumber || !fromQr.code) return
    let current = true
    client.applications.verify.query({ trackingNumber: fromQr.trackingNumber, code: fromQr.code }).then(
      (result) => current && setVerified(result),
      (error: unknown) => current && setFailure(describeFailure(error)),
    )
    return () => {
      current = false
    }
  }, [client, params])

  const when = (date: string | Date) =>
    new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long' }).format(new Date(date))

  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('verify.heading')}</h2>
      <p>{t('verify.intro')}</p>
      <ErrorSummary
        title={t('errors.summaryTitle')}
        items={
          failure
            ? [{ message: failure.code === 'NOT_FOUND' ? t('verify.notFound') : t(`errors.code.${failure.code}`) }]
            : []
        }
      />
      <form onSubmit={(event) => void check(event)} noValidate>
        <TextField
          id="field-tracking"
          label={t('verify.trackingNumber')}
          value={trackingNumber}
          onChange={setTrackingNumber}
        />
        <TextField id="field-code" label={t('verify.code')} value={code} onChange={setCode} />
        <button type="submit" className="dz-button">
          {t('verify.check')}
        </button>
      </form>
      {verified ? (
        <dl className="dz-facts dz-receipt" data-testid="verified">
          <dt>{t('verify.trackingNumber')}</dt>
          <dd dir="ltr" className="dz-tracking">
            {verified.trackingNumber}
          </dd>
          <dt>{t('verify.service')}</dt>
          <dd>{pickLanguage(verified.title, language)}</dd>
          <dt>{t('verify.department')}</dt>
          <dd>{pickLanguage(verified.department, language)}</dd>
          <dt>{t('verify.status')}</dt>
          <dd>{t(`status.${verified.status}`)}</dd>
          <dt>{t('verify.submittedAt')}</dt>
          <dd>{when(verified.submittedAt)}</dd>
          <dt>{t('verify.updatedAt')}</dt>
          <dd>{when(verified.updatedAt)}</dd>
        </dl>
      ) : null}
    </section>
  )
}
