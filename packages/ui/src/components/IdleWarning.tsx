// The warning a kiosk shows before it forgets the citizen: full screen, with the time left and one
// large button to carry on (WCAG 2.2.1: at least 20 seconds, extended by a single action).
import { useEffect, useRef } from 'react'

export function IdleWarning({
  title,
  text,
  moreTimeLabel,
  onMoreTime,
}: {
  title: string
  text: string
  moreTimeLabel: string
  onMoreTime(): void
}) {
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => button.current?.focus(), [])
  return (
    <div
      className="dz-idle"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
    >
      <div className="dz-idle__box">
        <h2 id="idle-title">{title}</h2>
        <p id="idle-text" aria-live="polite" data-testid="idle-countdown">
          {text}
        </p>
        <button ref={button} type="button" className="dz-button dz-idle__more" onClick={onMoreTime}>
          {moreTimeLabel}
        </button>
      </div>
    </div>
  )
}
