import { useEffect, useRef, type MouseEvent } from 'react'

/** Moves focus to the field without touching the URL (the app routes by its hash). */
function focusField(event: MouseEvent, fieldId: string | undefined, onFollow?: (fieldId: string) => void) {
  if (!fieldId) return
  event.preventDefault()
  if (onFollow) onFollow(fieldId)
  else document.getElementById(fieldId)?.focus()
}

export interface SummaryItem {
  /** id of the input the message is about; the summary links to it. */
  fieldId?: string
  message: string
}

/**
 * GOV.UK-style error summary: takes focus when it appears or says something new (not each time the
 * screen redraws, which would pull focus out of the field being typed in) and links to each field
 * at fault. `onFollow` is for a field the screen must first show (another step of a form); without
 * it a link focuses the field where it is.
 */
export function ErrorSummary({
  title,
  items,
  onFollow,
}: {
  title: string
  items: SummaryItem[]
  onFollow?: (fieldId: string) => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  const said = items.map((item) => `${item.fieldId ?? ''} ${item.message}`).join('\n')
  useEffect(() => {
    if (said) ref.current?.focus()
  }, [said])
  if (items.length === 0) return null
  return (
    <div className="dz-error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="dz-error-summary-title">
      <h2 id="dz-error-summary-title">{title}</h2>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? ''}-${index}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} onClick={(event) => focusField(event, item.fieldId, onFollow)}>
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
