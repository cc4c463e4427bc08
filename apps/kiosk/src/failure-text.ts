import type { TFunction } from 'i18next'
import type { GatewayFailure } from './gateway-client.ts'

/** The sentence a citizen reads for a failed call, in their language. */
export function failureText(t: TFunction, failure: GatewayFailure): string {
  return t(`errors.code.${failure.code}`)
}
