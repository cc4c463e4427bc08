// Larger text and high contrast, on every screen, for the citizen in front of it. They last until
// the screen is wiped for the next citizen.
export function DisplaySettings({
  label,
  largeText,
  highContrast,
  texts,
  onChange,
}: {
  label: string
  largeText: boolean
  highContrast: boolean
  texts: { largeText: string; highContrast: string }
  onChange(settings: { largeText: boolean; highContrast: boolean }): void
}) {
  return (
    <div className="dz-languages" role="group" aria-label={label}>
      <button type="button" aria-pressed={largeText} onClick={() => onChange({ largeText: !largeText, highContrast })}>
        {texts.largeText}
      </button>
      <button
        type="button"
        aria-pressed={highContrast}
        onClick={() => onChange({ largeText, highContrast: !highContrast })}
      >
        {texts.highContrast}
      </button>
    </div>
  )
}
