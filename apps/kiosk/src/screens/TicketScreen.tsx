import { ServiceCategory } from '@darwaza/contracts/catalogue'
import { pickLanguage } from '@darwaza/contracts/localized'
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { TopicIcon } from '@darwaza/ui/components/TopicIcon'
import { localeOf } from '@darwaza/ui/format'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type IssuedTicket = Awaited<ReturnType<GatewayClient['queue']['takeTicket']['mutate']>>

/**
 * At a kiosk: a citizen who needs a counter takes a numbered ticket for the kind of help they need,
 * is told how many are ahead and about how long it will be, and the ticket prints.
 */
export function TicketScreen({
  client,
  language,
  onDone,
}: {
  client: GatewayClient
  language: UiLanguage
  onDone: () => void
}) {
  const { t } = useTranslation()
  const [ticket, setTicket] = useState<IssuedTicket | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const [printing, setPrinting] = useState<'printing' | 'printed' | 'failed' | null>(null)
  const [busy, setBusy] = useState(false)

  async function take(category: ServiceCategory) {
    if (busy) return
    setBusy(true)
    setFailure(null)
    try {
      const issued = await client.queue.takeTicket.mutate({ category, language })
      // On screen first, then printed from what the citizen sees.
      flushSync(() => setTicket(issued))
      void print()
    } catch (error) {
      setFailure(describeFailure(error))
    } finally {
      setBusy(false)
    }
  }

  async function print() {
    const bridge = window.darwazaKiosk
    if (!bridge) return
    setPrinting('printing')
    const html = document.getElementById('queue-ticket-content')?.outerHTML ?? ''
    const result = await bridge.print({ kind: 'ticket', html, language }).catch(() => ({ ok: false }))
    setPrinting(result.ok ? 'printed' : 'failed')
  }

  if (ticket) {
    const issuedAt = new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short' }).format(
      new Date(ticket.issuedAt),
    )
    return (
      <section aria-labelledby="ticket-heading" className="dz-ticket" data-testid="queue-ticket">
        <h2 id="ticket-heading">{t('ticket.yourTicket')}</h2>
        <div id="queue-ticket-content">
          <p>{pickLanguage(ticket.serviceCentre, language)}</p>
          <p className="dz-ticket-number" dir="ltr" data-testid="ticket-number">
            {ticket.number}
          </p>
          <p>{t(`category.${ticket.category}`)}</p>
          <p data-testid="ticket-wait">
            {t('ticket.ahead', { count: ticket.waitingAhead })}{' '}
            {ticket.estimatedWaitMinutes === 0
              ? t('ticket.noWait')
              : t('ticket.wait', { count: ticket.estimatedWaitMinutes })}
          </p>
          <p>{t('ticket.issuedAt', { time: issuedAt })}</p>
          <p>{t('ticket.listen')}</p>
        </div>
        {printing === 'printing' || printing === 'printed' ? (
          <p className="dz-notice" role="status">
            {t('ticket.printed')}
          </p>
        ) : null}
        {printing === 'failed' ? (
          <p className="dz-notice dz-notice--error" role="alert" data-testid="ticket-print-failed">
            {t('ticket.printFailed')}
          </p>
        ) : null}
        <div className="dz-form-step__actions">
          {printing === 'failed' ? (
            <button type="button" className="dz-button dz-button--secondary" onClick={() => void print()}>
              {t('ticket.printAgain')}
            </button>
          ) : null}
          <button type="button" className="dz-button" onClick={onDone}>
            {t('ticket.done')}
          </button>
        </div>
      </section>
    )
  }

  return (
    <section aria-labelledby="ticket-heading">
      <h2 id="ticket-heading">{t('ticket.heading')}</h2>
      <ErrorSummary title={t('errors.summaryTitle')} items={failure ? [{ message: failureText(t, failure) }] : []} />
      <p>{t('ticket.intro')}</p>
      <ul className="dz-tiles">
        {ServiceCategory.options.map((category) => (
          <li key={category}>
            <button type="button" className="dz-tile" disabled={busy} onClick={() => void take(category)}>
              <TopicIcon topic={category} />
              {t(`category.${category}`)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
