/** An on-screen number pad for touch kiosks: digits, a dash where the format has one, delete and clear. */
export function NumericKeypad({
  label,
  withDash,
  deleteLabel,
  clearLabel,
  onKey,
}: {
  label: string
  withDash?: boolean
  deleteLabel: string
  clearLabel: string
  onKey(key: string | 'delete' | 'clear'): void
}) {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', withDash ? '-' : null, '0']
  return (
    <div className="dz-keypad" role="group" aria-label={label} dir="ltr">
      {keys.map((key, index) =>
        key === null ? (
          <span key={`gap-${index}`} />
        ) : (
          <button key={key} type="button" onClick={() => onKey(key)}>
            {key}
          </button>
        ),
      )}
      <button type="button" onClick={() => onKey('delete')} aria-label={deleteLabel}>
        ⌫
      </button>
      <button type="button" className="dz-keypad__wide" onClick={() => onKey('clear')}>
        {clearLabel}
      </button>
    </div>
  )
}
