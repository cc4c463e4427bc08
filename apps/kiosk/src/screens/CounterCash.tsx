// At the counter, inside an assisted session: the citizen's payment slips not paid yet, and for each
// a "Record cash paid" action that shows the amount and asks the clerk to confirm it with the number
// of the counter's own cash receipt. The gateway checks the slip is this citizen's and audits it.
import { pickLanguage } from '@darwaza/contracts/localized'
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { TextField } from '@darwaza/ui/components/TextField'
import { formatMoney, localeOf } from '@darwaza/ui/format'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type UnpaidVoucher = Awaited<ReturnType<GatewayClient['assisted']['unpaidVouchers']['query']>>[number]

export function CounterCash({
  client,
  language,
  assistedSessionId,
  refresh = 0,
}: {
  client: GatewayClient
  language: UiLanguage
  assistedSessionId: string
  /** Changed by the screen when something may have added a slip (an application submitted here). */
  refresh?: number
}) {
  const { t } = useTranslation()
  const [vouchers, setVouchers] = useState<UnpaidVoucher[] | null>(null)
  const [looks, setLooks] = useState(0)
  const [confirming, setConfirming] = useState<UnpaidVoucher | null>(null)
  const [receiptNumber, setReceiptNumber] = useState('')
  const [recorded, setRecorded] = useState<string | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)

  useEffect(() => {
    let current = true
    client.assisted.unpaidVouchers
      .query({ assistedSessionId })
      .then((found) => current && setVouchers(found))
      .catch((error: unknown) => current && setFailure(describeFailure(error)))
    return () => {
      current = false
    }
  }, [client, assistedSessionId, refresh, looks])

  const money = (voucher: UnpaidVoucher) => formatMoney(voucher.amountMinor, voucher.currency, language)

  async function record(event: FormEvent) {
    event.preventDefault()
    if (!confirming) return
    setFailure(null)
    try {
      await client.assisted.recordCashPayment.mutate({
        assistedSessionId,
        psid: confirming.psid,
        amountMinor: confirming.amountMinor,
        receiptNumber,
      })
      setRecorded(confirming.psid)
      setConfirming(null)
      setReceiptNumber('')
      setLooks(looks + 1)
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  return (
    <section aria-labelledby="counter-cash-heading" data-testid="counter-cash">
      <h3 id="counter-cash-heading">{t('counterCash.heading')}</h3>
      <ErrorSummary title={t('errors.summaryTitle')} items={failure ? [{ message: failureText(t, failure) }] : []} />
      {recorded ? (
        <p className="dz-notice" role="status">
          {t('counterCash.recorded', { psid: recorded })}
        </p>
      ) : null}
      {vouchers && vouchers.length === 0 ? <p>{t('counterCash.none')}</p> : null}
      <ul className="dz-list">
        {(vouchers ?? []).map((voucher) => (
          <li key={voucher.psid} data-psid={voucher.psid}>
            <p>
              <strong>{pickLanguage(voucher.title, language)}</strong> ·{' '}
              <span dir="ltr" className="dz-tracking">
                {voucher.trackingNumber}
              </span>
            </p>
            <dl className="dz-facts">
              <dt>{t('apply.psid')}</dt>
              <dd dir="ltr" className="dz-tracking">
                {voucher.psid}
              </dd>
              <dt>{t('service.fee')}</dt>
              <dd data-testid="cash-amount">{money(voucher)}</dd>
              <dt>{t('apply.payBy')}</dt>
              <dd>
                {new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long' }).format(new Date(voucher.dueAt))}
              </dd>
            </dl>
            {confirming?.psid === voucher.psid ? (
              <form onSubmit={(event) => void record(event)} noValidate>
                <p className="dz-notice">{t('counterCash.confirm', { amount: money(voucher), psid: voucher.psid })}</p>
                <TextField
                  id={`field-cash-receipt-${voucher.psid}`}
                  label={t('counterCash.receiptNumber')}
                  value={receiptNumber}
                  onChange={setReceiptNumber}
                />
                <div className="dz-form-step__actions">
                  <button type="submit" className="dz-button">
                    {t('counterCash.confirmButton', { amount: money(voucher) })}
                  </button>
                  <button
                    type="button"
                    className="dz-button dz-button--secondary"
                    onClick={() => {
                      setConfirming(null)
                      setFailure(null)
                    }}
                  >
                    {t('counterCash.cancel')}
                  </button>
                </div>
              </form>
            ) : (
              <button
                type="button"
                className="dz-button"
                onClick={() => {
                  setConfirming(voucher)
                  setRecorded(null)
                  setReceiptNumber('')
                }}
              >
                {t('counterCash.record')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="dz-link-button" onClick={() => setLooks(looks + 1)}>
        {t('counterCash.refresh')}
      </button>
    </section>
  )
}
