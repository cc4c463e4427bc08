import { useEffect, useRef, type MouseEvent } from 'react'

/** Moves focus to the field without touching the URL (the app routes by its hash). */
function focusField(event: MouseEvent, fieldId: string | undefined) {
  if (!fieldId) return
  event.preventDefault()
  document.getElementById(fieldId)?.focus()
}

export interface SummaryItem {
  /** id of the input the message is about; the summary links to it. */
  fieldId?: string
  message: string
}

/** GOV.UK-style error summary: takes focus when it appears and links to each field at fault. */
export function ErrorSummary({ title, items }: { title: string; items: SummaryItem[] }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [items])
  if (items.length === 0) return null
  return (
    <div className="dz-error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="dz-error-summary-title">
      <h2 id="dz-error-summary-title">{title}</h2>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.fieldId ?? ''}-${index}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} onClick={(event) => focusField(event, item.fieldId)}>
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
