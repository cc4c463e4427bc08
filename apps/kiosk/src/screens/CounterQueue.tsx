import { TextField } from '@darwaza/ui/components/TextField'
import { localeOf } from '@darwaza/ui/format'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type ClerkQueue = Awaited<ReturnType<GatewayClient['queue']['forClerk']['query']>>
export type CounterTicket = NonNullable<ClerkQueue['mine']>

/** How often the clerk's view of the queue is refreshed while nobody presses anything. */
const refreshMs = 5000
const counterKey = 'darwaza.counter'

/**
 * The counter's queue: who is waiting, calling the next ticket, calling it again, marking it as not
 * there or finished. The ticket being served is handed up so the assisted session is linked to it.
 */
export function CounterQueue({
  client,
  language,
  onCurrentTicket,
}: {
  client: GatewayClient
  language: UiLanguage
  onCurrentTicket: (ticket: CounterTicket | null) => void
}) {
  const { t } = useTranslation()
  const [queue, setQueue] = useState<ClerkQueue | null>(null)
  const [counter, setCounter] = useState(() => sessionStorage.getItem(counterKey) ?? '1')
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const [nobodyWaiting, setNobodyWaiting] = useState(false)

  const show = useCallback(
    (next: ClerkQueue) => {
      setQueue(next)
      onCurrentTicket(next.mine)
    },
    [onCurrentTicket],
  )
  const refresh = useCallback(async () => show(await client.queue.forClerk.query()), [client, show])

  useEffect(() => {
    let current = true
    const load = () =>
      client.queue.forClerk
        .query()
        .then((next) => current && show(next))
        .catch((error: unknown) => current && setFailure(describeFailure(error)))
    void load()
    const timer = setInterval(() => void load(), refreshMs)
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [client, show])

  async function act(action: () => Promise<unknown>) {
    setFailure(null)
    setNobodyWaiting(false)
    try {
      await action()
      await refresh()
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  const callNext = () =>
    act(async () => {
      sessionStorage.setItem(counterKey, counter)
      const called = await client.queue.callNext.mutate({ counter })
      if (!called) setNobodyWaiting(true)
    })

  const time = (date: Date | string) =>
    new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short' }).format(new Date(date))
  const mine = queue?.mine ?? null

  return (
    <section aria-labelledby="counter-queue-heading" className="dz-counter-queue" data-testid="counter-queue">
      <h3 id="counter-queue-heading">{t('counter.heading')}</h3>
      {failure ? (
        <p className="dz-notice dz-notice--error" role="alert">
          {failure.fieldErrors.some((field) => field.field === 'counter')
            ? t('counter.badCounter')
            : failureText(t, failure)}
        </p>
      ) : null}
      {mine ? (
        <div className="dz-notice" data-testid="current-ticket">
          <p>
            {t(mine.state === 'serving' ? 'counter.serving' : 'counter.called', {
              number: mine.number,
              counter: mine.counter ?? '',
            })}
          </p>
          <p>{t(`category.${mine.category}`)}</p>
          <div className="dz-form-step__actions">
            {mine.state === 'called' ? (
              <>
                <button
                  type="button"
                  className="dz-button dz-button--secondary"
                  onClick={() => void act(() => client.queue.recall.mutate({ ticketId: mine.id }))}
                >
                  {t('counter.recall', { count: mine.timesCalled })}
                </button>
                <button
                  type="button"
                  className="dz-button dz-button--secondary"
                  onClick={() => void act(() => client.queue.noShow.mutate({ ticketId: mine.id }))}
                >
                  {t('counter.noShow')}
                </button>
              </>
            ) : null}
            <button
              type="button"
              className="dz-button dz-button--secondary"
              onClick={() => void act(() => client.queue.finish.mutate({ ticketId: mine.id }))}
            >
              {t('counter.finish')}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void callNext()
          }}
          noValidate
        >
          <TextField id="field-counter" label={t('counter.yourCounter')} value={counter} onChange={setCounter} />
          <button type="submit" className="dz-button">
            {t('counter.callNext')}
          </button>
          {nobodyWaiting ? <p role="status">{t('counter.nobodyWaiting')}</p> : null}
        </form>
      )}
      <h4>{t('counter.waiting', { count: queue?.waiting.length ?? 0 })}</h4>
      {queue && queue.waiting.length > 0 ? (
        <ol className="dz-list" data-testid="waiting-tickets">
          {queue.waiting.map((ticket) => (
            <li key={ticket.id}>
              <span dir="ltr">{ticket.number}</span> — {t(`category.${ticket.category}`)} —{' '}
              {t('counter.since', { time: time(ticket.issuedAt) })}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}
