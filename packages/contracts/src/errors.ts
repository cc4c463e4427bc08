import { z } from 'zod'

/**
 * What went wrong, in terms a screen can act on. The gateway puts one of these in every error's
 * `data.code`; the UI turns it into words in the citizen's language. Internal details (stack
 * traces, database errors, a department's raw answer) never travel with it.
 */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'NOT_FOUND',
  'SERVICE_NOT_AVAILABLE',
  'DEPARTMENT_UNAVAILABLE',
  'DEPARTMENT_TIMEOUT',
  'DEPARTMENT_BAD_ANSWER',
  'UNKNOWN_IDENTITY',
  'WRONG_CODE',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'LOCKED_OUT',
  'RATE_LIMITED',
  'WRONG_PASSWORD',
  'UNAUTHORIZED',
  'SESSION_EXPIRED',
  'KIOSK_NOT_ENROLLED',
  'FORBIDDEN',
  /** The gateway's database cannot be used right now (unreachable, restarting, disk full): nothing was saved. */
  'STORAGE_UNAVAILABLE',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

/** One field that failed validation: which field (a dotted path), why (a stable reason code), and words. */
export const FieldError = z.object({
  field: z.string(),
  reason: z.string(),
  message: z.string(),
})
export type FieldError = z.infer<typeof FieldError>

export const ErrorData = z.object({
  code: ErrorCode,
  requestId: z.string().optional(),
  fieldErrors: z.array(FieldError).optional(),
})
export type ErrorData = z.infer<typeof ErrorData>
