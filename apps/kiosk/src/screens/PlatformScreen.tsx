import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type DeliveryProblem = Awaited<ReturnType<GatewayClient['admin']['deliveryProblems']['query']>>[number]

/**
 * Platform admins: deliveries that failed or were given up, with a replay where the gateway would
 * take it (a dead delivery of an open application), and why not elsewhere.
 */
export function PlatformScreen({ client, language }: { client: GatewayClient; language: UiLanguage }) {
  const { t } = useTranslation()
  const [problems, setProblems] = useState<DeliveryProblem[] | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const [loads, setLoads] = useState(0)
  const load = () => setLoads((count) => count + 1)

  useEffect(() => {
    let current = true
    client.admin.deliveryProblems
      .query()
      .then((found) => current && setProblems(found))
      .catch((error: unknown) => current && setFailure(describeFailure(error)))
    return () => {
      current = false
    }
  }, [client, loads])

  async function replay(problem: DeliveryProblem) {
    setFailure(null)
    setNotice(null)
    try {
      await client.admin.replayDelivery.mutate({ deliveryId: problem.deliveryId })
      setNotice(t('platform.replayed', { trackingNumber: problem.trackingNumber ?? problem.deliveryId }))
      load()
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  const when = (value: string | Date | null) =>
    value ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : ''

  return (
    <section aria-labelledby="platform-heading">
      <h2 id="platform-heading">{t('platform.heading')}</h2>
      <p>{t('platform.intro')}</p>
      {failure ? (
        <p role="alert" className="dz-notice dz-notice--error">
          {failureText(t, failure)}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="dz-notice">
          {notice}
        </p>
      ) : null}
      <button type="button" className="dz-button dz-button--secondary" onClick={load}>
        {t('platform.refresh')}
      </button>
      {problems === null ? null : problems.length === 0 ? (
        <p data-testid="no-delivery-problems">{t('platform.none')}</p>
      ) : (
        <table className="dz-table" data-testid="delivery-problems">
          <thead>
            <tr>
              <th scope="col">{t('platform.trackingNumber')}</th>
              <th scope="col">{t('platform.department')}</th>
              <th scope="col">{t('platform.state')}</th>
              <th scope="col">{t('platform.attempts')}</th>
              <th scope="col">{t('platform.lastError')}</th>
              <th scope="col">{t('platform.action')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem) => (
              <tr key={problem.deliveryId} data-tracking={problem.trackingNumber ?? ''}>
                <td dir="ltr">{problem.trackingNumber ?? '—'}</td>
                <td>{problem.department}</td>
                <td>
                  {problem.state === 'dead'
                    ? t('platform.dead')
                    : t('platform.retrying', { at: when(problem.nextAttemptAt) })}
                </td>
                <td>{problem.attempts}</td>
                <td dir="ltr">{problem.lastError ?? ''}</td>
                <td data-testid="delivery-action">
                  {problem.canReplay ? (
                    <button
                      type="button"
                      className="dz-button"
                      aria-label={t('platform.replayLabel', { trackingNumber: problem.trackingNumber ?? '' })}
                      onClick={() => void replay(problem)}
                    >
                      {t('platform.replay')}
                    </button>
                  ) : problem.replayRefusal === 'application_closed' && problem.applicationStatus ? (
                    t('platform.applicationClosed', { status: t(`status.${problem.applicationStatus}`) })
                  ) : (
                    t('platform.retriedByItself')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
