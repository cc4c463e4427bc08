import type { ErrorCode, FieldError } from '@darwaza/contracts/errors'

/**
 * A failure the domain expects and can explain. `publicMessage` may be shown to a citizen;
 * `detail` is for the log only. One place (the tRPC error mapping) turns these into responses.
 */
export class DomainError extends Error {
  override name = 'DomainError'
  constructor(
    readonly code: ErrorCode,
    readonly publicMessage: string,
    readonly options: { detail?: string; fieldErrors?: FieldError[]; cause?: unknown } = {},
  ) {
    super(options.detail ?? publicMessage, { cause: options.cause })
  }
}

export const invalidInput = (fieldErrors: FieldError[]) =>
  new DomainError(
    'INVALID_INPUT',
    fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; ') || 'The request is not valid.',
    { fieldErrors },
  )
