import type { FieldError } from '@darwaza/contracts/errors'
import type { TFunction } from 'i18next'
import type { GatewayFailure } from './gateway-client.ts'

/** The sentence a citizen reads for a failed call, in their language. */
export function failureText(t: TFunction, failure: GatewayFailure): string {
  return t(`errors.code.${failure.code}`)
}

/**
 * The sentence for one form field the gateway refused: the gateway's own, already in the language
 * the form was sent in, with the field's label and the limit it broke. A department's refusal is
 * told in the screen's words (the department may answer in English only).
 */
export function fieldErrorText(t: TFunction, error: FieldError, label: string): string {
  if (error.reason === 'rejected_by_department' || !error.message) {
    return t([`errors.field.${error.reason}`, 'errors.field.default'], { label })
  }
  return error.message
}
