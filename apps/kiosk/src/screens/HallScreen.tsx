import { languages, pickLanguage } from '@darwaza/contracts/localized'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type HallBoard = Awaited<ReturnType<GatewayClient['queue']['board']['query']>>

/**
 * The waiting hall's display (a screen on the wall, #/hall?centre=<code>&lang=ur): the numbers called and
 * the counters they go to, in large type, as they happen. Nothing about anyone's person.
 */
export function HallScreen({
  client,
  language,
  centre,
  shownIn,
}: {
  client: GatewayClient
  language: UiLanguage
  centre: string | null
  /** The display's language (?lang=ur): nobody stands at it to switch. */
  shownIn: string | null
}) {
  const { t, i18n } = useTranslation()
  useEffect(() => {
    if (shownIn && (languages as readonly string[]).includes(shownIn)) void i18n.changeLanguage(shownIn)
  }, [i18n, shownIn])
  const [board, setBoard] = useState<HallBoard | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)

  useEffect(() => {
    if (!centre) return
    // The subscription reconnects by itself after an outage and sends the board again on connecting.
    const subscription = client.queue.watchBoard.subscribe(
      { centre },
      {
        onData: (next) => {
          setFailure(null)
          setBoard(next)
        },
        onError: (error) => setFailure(describeFailure(error)),
      },
    )
    return () => subscription.unsubscribe()
  }, [client, centre])

  if (!centre) {
    return (
      <section className="dz-hall" aria-labelledby="hall-heading">
        <h1 id="hall-heading">{t('hall.heading')}</h1>
        <p>{t('hall.noCentre')}</p>
      </section>
    )
  }
  const [latest, ...earlier] = board?.called ?? []
  return (
    <section className="dz-hall" aria-labelledby="hall-heading">
      <header className="dz-hall__header">
        <h1 id="hall-heading">{board ? pickLanguage(board.serviceCentre, language) : t('hall.heading')}</h1>
        {board ? <p data-testid="hall-waiting">{t('hall.waiting', { count: board.waiting })}</p> : null}
      </header>
      {failure ? <p className="dz-notice dz-notice--error">{failureText(t, failure)}</p> : null}
      {/* Read out by screen readers as each call arrives. */}
      <div aria-live="polite" data-testid="hall-latest">
        {latest ? (
          <p className="dz-hall__latest">
            <span className="dz-hall__number" dir="ltr">
              {latest.number}
            </span>
            <span className="dz-hall__arrow" aria-hidden="true">
              →
            </span>
            <span>{t('hall.counter', { counter: latest.counter })}</span>
          </p>
        ) : board ? (
          <p>{t('hall.none')}</p>
        ) : null}
      </div>
      {earlier.length > 0 ? (
        <>
          <h2>{t('hall.earlier')}</h2>
          <ul className="dz-hall__earlier" data-testid="hall-earlier">
            {earlier.map((call) => (
              <li key={`${call.number}-${String(call.calledAt)}`}>
                <span className="dz-hall__number" dir="ltr">
                  {call.number}
                </span>{' '}
                {t('hall.counter', { counter: call.counter })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
