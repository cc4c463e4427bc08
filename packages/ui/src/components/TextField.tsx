export interface TextFieldProps {
  id: string
  label: string
  help?: string
  error?: string
  value: string
  inputMode?: 'text' | 'numeric'
  onChange(value: string): void
}

export function TextField({ id, label, help, error, value, inputMode, onChange }: TextFieldProps) {
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ')
  return (
    <div className={`dz-field${error ? ' dz-field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p id={`${id}-help`} className="dz-field__help">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="dz-field__error">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        value={value}
        inputMode={inputMode}
        autoComplete="off"
        dir="auto"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  )
}
