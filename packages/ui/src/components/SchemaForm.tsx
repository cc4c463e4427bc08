// A service's form rendered from its JSON Schema and presentation hints, one step at a time. The
// citizen's screen and the department admin's live preview use this same component, so the preview
// is exactly what a citizen will see.
import type { Widget } from '@darwaza/contracts/catalogue'
import type { Language } from '@darwaza/contracts/localized'
import { Fragment, useEffect, useState, type ReactNode } from 'react'

type Text = Partial<Record<Language, string>>

export interface SchemaFormPresentation {
  steps?: { title: Text; fields: string[] }[] | undefined
  fields: Record<
    string,
    {
      label: Text
      help?: Text | undefined
      widget?: Widget | undefined
      placeholder?: string | undefined
      options?: Record<string, Text> | undefined
    }
  >
}

interface PropertySchema {
  type?: string
  enum?: unknown[]
  format?: string
  maxLength?: number
}

export interface FormField {
  name: string
  id: string
  label: string
  help: string | undefined
  widget: Widget
  options: { value: string; label: string }[]
  placeholder: string | undefined
  required: boolean
}

export interface FormStepView {
  title: string | undefined
  fields: FormField[]
}

export type FormValues = Record<string, string | boolean>

const pick = (text: Text | undefined, language: Language): string | undefined =>
  text ? (text[language] ?? text.en) : undefined

function defaultWidget(property: PropertySchema): Widget {
  if (property.type === 'boolean') return 'checkbox'
  if (Array.isArray(property.enum)) return property.enum.length <= 4 ? 'radio' : 'select'
  if (property.format === 'date') return 'date'
  if (property.type === 'integer' || property.type === 'number') return 'numeric'
  if ((property.maxLength ?? 0) > 200) return 'textarea'
  return 'text'
}

/** The steps of a form (one step holding every field when the presentation names none). */
export function formSteps(
  formSchema: Record<string, unknown>,
  presentation: SchemaFormPresentation,
  language: Language,
  idPrefix = 'field',
): FormStepView[] {
  const properties = (
    formSchema.properties && typeof formSchema.properties === 'object' ? formSchema.properties : {}
  ) as Record<string, PropertySchema>
  const required = new Set(Array.isArray(formSchema.required) ? (formSchema.required as string[]) : [])
  const field = (name: string): FormField | null => {
    const property = properties[name]
    if (!property) return null
    const hint = presentation.fields[name]
    return {
      name,
      id: `${idPrefix}-${name}`,
      label: pick(hint?.label, language) || name,
      help: pick(hint?.help, language) || undefined,
      widget: hint?.widget ?? defaultWidget(property),
      options: Array.isArray(property.enum)
        ? property.enum.map(String).map((value) => ({ value, label: pick(hint?.options?.[value], language) || value }))
        : [],
      placeholder: hint?.placeholder,
      required: required.has(name),
    }
  }
  const steps = presentation.steps?.length
    ? presentation.steps
    : [{ title: undefined, fields: Object.keys(properties) }]
  return steps.map((step) => ({
    title: pick(step.title, language),
    fields: step.fields.map(field).filter((f): f is FormField => f !== null),
  }))
}

/** Form values typed the way the schema wants them: numbers as numbers, checkboxes as booleans. */
export function typedValues(formSchema: Record<string, unknown>, values: FormValues): Record<string, unknown> {
  const properties = (formSchema.properties ?? {}) as Record<string, PropertySchema>
  const result: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    const type = properties[name]?.type
    if (typeof value === 'boolean') result[name] = value
    else if (value.trim() === '') continue
    else if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value.trim()))
      result[name] = Number(value)
    else result[name] = value.trim()
  }
  return result
}

export interface SchemaFormProps {
  formSchema: Record<string, unknown>
  presentation: SchemaFormPresentation
  language: Language
  values: FormValues
  errors?: Record<string, string | undefined>
  idPrefix?: string
  labels: { next: string; previous: string; stepOf: (step: number, total: number) => string; optional: string }
  onChange(values: FormValues): void
  /** What the last step's button does (check, submit); the form calls it with the values so far. */
  finalAction: ReactNode
  /**
   * The id of a field to open the form at and focus (an error summary's link to a field on another
   * step). Read when the form mounts: give the form a new `key` to follow another link.
   */
  revealField?: string | undefined
}

export function SchemaForm({
  formSchema,
  presentation,
  language,
  values,
  errors = {},
  idPrefix,
  labels,
  onChange,
  finalAction,
  revealField,
}: SchemaFormProps) {
  const steps = formSteps(formSchema, presentation, language, idPrefix)
  // Open at the step holding the field to reveal, else at the first step with an error.
  const [index, setIndex] = useState(() => {
    const revealed = steps.findIndex((step) => step.fields.some((field) => field.id === revealField))
    if (revealed >= 0) return revealed
    return Math.max(
      0,
      steps.findIndex((step) => step.fields.some((field) => errors[field.name])),
    )
  })
  useEffect(() => {
    if (revealField) document.getElementById(revealField)?.focus()
  }, [revealField])
  const current = steps[Math.min(index, steps.length - 1)]
  if (!current) return null
  const last = index >= steps.length - 1
  const set = (name: string, value: string | boolean) => onChange({ ...values, [name]: value })

  return (
    <fieldset className="dz-form-step">
      {steps.length > 1 ? (
        <legend>
          <span className="dz-field__help">{labels.stepOf(index + 1, steps.length)}</span> {current.title}
        </legend>
      ) : current.title ? (
        <legend>{current.title}</legend>
      ) : null}
      {current.fields.map((field) => (
        <SchemaField
          key={field.name}
          field={field}
          value={values[field.name]}
          error={errors[field.name]}
          optionalLabel={labels.optional}
          onChange={(value) => set(field.name, value)}
        />
      ))}
      <div className="dz-form-step__actions">
        {index > 0 ? (
          <button type="button" className="dz-button dz-button--secondary" onClick={() => setIndex(index - 1)}>
            {labels.previous}
          </button>
        ) : null}
        {/* Keyed apart: otherwise React turns this very button into the final submit button while
            its click is still being handled, and the browser then submits the form from step 1. */}
        {last ? (
          <Fragment key="final">{finalAction}</Fragment>
        ) : (
          <button key="next" type="button" className="dz-button" onClick={() => setIndex(index + 1)}>
            {labels.next}
          </button>
        )}
      </div>
    </fieldset>
  )
}

function SchemaField({
  field,
  value,
  error,
  optionalLabel,
  onChange,
}: {
  field: FormField
  value: string | boolean | undefined
  error: string | undefined
  optionalLabel: string
  onChange(value: string | boolean): void
}) {
  const describedBy = [field.help ? `${field.id}-help` : null, error ? `${field.id}-error` : null]
    .filter(Boolean)
    .join(' ')
  const common = {
    id: field.id,
    name: field.id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  }
  const text = typeof value === 'string' ? value : ''
  let control: ReactNode
  switch (field.widget) {
    case 'checkbox':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
      )
      break
    case 'textarea':
      control = (
        <textarea {...common} dir="auto" rows={4} value={text} onChange={(event) => onChange(event.target.value)} />
      )
      break
    case 'select':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="" />
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )
      break
    case 'radio':
      control = (
        <div role="radiogroup" aria-labelledby={`${field.id}-label`} className="dz-radios">
          {field.options.map((option, position) => (
            <label key={option.value}>
              <input
                // The first choice carries the field's id, so an error summary's link lands on the group.
                id={position === 0 ? field.id : undefined}
                aria-invalid={position === 0 && error ? true : undefined}
                aria-describedby={position === 0 ? describedBy || undefined : undefined}
                type="radio"
                name={field.id}
                value={option.value}
                checked={text === option.value}
                onChange={() => onChange(option.value)}
              />{' '}
              {option.label}
            </label>
          ))}
        </div>
      )
      break
    default:
      control = (
        <input
          {...common}
          type={field.widget === 'date' ? 'date' : field.widget === 'phone' ? 'tel' : 'text'}
          inputMode={field.widget === 'numeric' ? 'numeric' : field.widget === 'phone' ? 'tel' : undefined}
          autoComplete="off"
          dir="auto"
          placeholder={field.placeholder}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      )
  }
  return (
    <div className={`dz-field${error ? ' dz-field--error' : ''}`}>
      <label id={`${field.id}-label`} htmlFor={field.widget === 'radio' ? undefined : field.id}>
        {field.label}
        {field.required ? null : <span className="dz-field__help"> ({optionalLabel})</span>}
      </label>
      {field.help ? (
        <p id={`${field.id}-help`} className="dz-field__help">
          {field.help}
        </p>
      ) : null}
      {error ? (
        <p id={`${field.id}-error`} className="dz-field__error">
          {error}
        </p>
      ) : null}
      {control}
    </div>
  )
}
