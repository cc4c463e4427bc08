// What the citizen submitted, for their receipt: each answered field with its label from the service
// version's presentation hints, the value as typed, and for a choice the label of the option chosen.
// In the form's own order (its steps), so the receipt reads like the form the citizen filled in.
import type { Presentation } from '@darwaza/contracts/catalogue'
import type { ReceiptAnswer } from '@darwaza/contracts/receipts'

export function submittedAnswers(
  formSchema: Record<string, unknown>,
  presentation: Presentation,
  form: Record<string, unknown>,
): ReceiptAnswer[] {
  const properties =
    formSchema.properties && typeof formSchema.properties === 'object'
      ? (formSchema.properties as Record<string, unknown>)
      : {}
  const inSteps = (presentation.steps ?? []).flatMap((step) => step.fields)
  const order = [...new Set([...inSteps, ...Object.keys(properties), ...Object.keys(form)])]
  return order.flatMap((field) => {
    const value = form[field]
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return []
    const hint = presentation.fields[field]
    const option = hint?.options?.[String(value)]
    return [
      {
        field,
        label: hint?.label ?? { en: field, ur: field },
        value,
        ...(option ? { option } : {}),
      },
    ]
  })
}
