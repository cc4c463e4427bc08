// The only place procedures are built. Routers import the builders exported here, never `t.procedure`.
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server'
import type { ErrorCode, ErrorData, FieldError } from '@darwaza/contracts/errors'
import { ZodError } from 'zod'
import type { Context } from './context.ts'
import type { StaffActor, StaffRole } from './domain/actors.ts'
import { DomainError } from './domain/errors.ts'
import { nulCharacterAt } from './domain/nul-characters.ts'
import { isStorageUnavailable } from './persistence/storage-errors.ts'

/** Every procedure declares who may call it; a test fails if one does not. */
export type AccessRule = 'public' | 'kiosk' | 'signed_in' | 'citizen' | 'staff' | StaffRole | 'department_staff'
export interface ProcedureMeta {
  access: AccessRule
}

const trpcCodeFor: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_NOT_AVAILABLE: 'PRECONDITION_FAILED',
  DEPARTMENT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  DEPARTMENT_TIMEOUT: 'GATEWAY_TIMEOUT',
  DEPARTMENT_BAD_ANSWER: 'BAD_GATEWAY',
  UNKNOWN_IDENTITY: 'NOT_FOUND',
  WRONG_CODE: 'BAD_REQUEST',
  CODE_EXPIRED: 'BAD_REQUEST',
  TOO_MANY_ATTEMPTS: 'BAD_REQUEST',
  LOCKED_OUT: 'TOO_MANY_REQUESTS',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  WRONG_PASSWORD: 'UNAUTHORIZED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  SESSION_EXPIRED: 'UNAUTHORIZED',
  KIOSK_NOT_ENROLLED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  STORAGE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
}

const internalMessage = 'Something went wrong on our side. Please try again.'
const storageUnavailableMessage =
  'We cannot save anything right now, so nothing was saved. Please try again in a moment.'

function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    reason: issue.code,
    message: issue.message,
  }))
}

/** Every error a client sees has a stable `data.code`, the request id, and field errors where relevant; nothing else. */
const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause
      let data: ErrorData
      let message = shape.message
      if (cause instanceof DomainError) {
        data = { code: cause.code, fieldErrors: cause.options.fieldErrors }
        message = cause.publicMessage
      } else if (cause instanceof ZodError && error.code === 'BAD_REQUEST') {
        // Only the procedure's input is the caller's fault; a ZodError anywhere else is ours.
        const fieldErrors = zodFieldErrors(cause)
        data = { code: 'INVALID_INPUT', fieldErrors }
        message = fieldErrors.map((field) => `${field.field || 'input'}: ${field.message}`).join('; ')
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        data = { code: 'INTERNAL' }
        message = internalMessage
      } else {
        data = { code: error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'INVALID_INPUT' }
      }
      return {
        message,
        code: shape.code,
        data: { ...data, requestId: ctx?.requestId, httpStatus: shape.data.httpStatus },
      }
    },
  })

/** Turns domain errors into tRPC errors with the matching code, and logs what the client is not told. */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next()
  if (!result.ok) {
    const cause = result.error.cause
    if (cause instanceof DomainError) {
      const level = cause.code.startsWith('DEPARTMENT_') ? 'warn' : 'info'
      ctx.log[level]({ path, code: cause.code, detail: cause.message }, 'request refused')
      throw new TRPCError({ code: trpcCodeFor[cause.code], message: cause.publicMessage, cause })
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR' && isStorageUnavailable(cause ?? result.error)) {
      ctx.log.error({ path, err: cause ?? result.error }, 'database unavailable')
      throw storageUnavailableError()
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ path, err: cause ?? result.error }, 'unexpected error')
    }
  }
  return result
})

/** The database cannot be used right now: a 503 that says nothing was saved and to try again. */
export function storageUnavailableError(): TRPCError {
  const unavailable = new DomainError('STORAGE_UNAVAILABLE', storageUnavailableMessage)
  return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: unavailable.publicMessage, cause: unavailable })
}

export const router = t.router
export const createCallerFactory = t.createCallerFactory

const unauthorized = (message: string) => new DomainError('UNAUTHORIZED', message)
const forbidden = (message: string) => new DomainError('FORBIDDEN', message)

/**
 * Text holding U+0000 is refused as input (PostgreSQL cannot store it, SQLite would), naming the
 * field, once the caller is known to be allowed. Input that cannot be read is left to the parser.
 */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  let raw: unknown
  try {
    raw = await getRawInput()
  } catch {
    return next()
  }
  const field = nulCharacterAt(raw)
  if (field === null) return next()
  const message = 'must not contain the NUL character (U+0000)'
  throw new DomainError('INVALID_INPUT', `${field || 'input'}: ${message}`, {
    fieldErrors: [{ field, reason: 'nul_character', message }],
  })
})

/** A revoked or unknown kiosk is refused for every procedure, public ones included. */
const base = t.procedure.use(errorMapping).use(({ ctx, next }) => {
  if (ctx.refusal.kiosk) throw ctx.refusal.kiosk
  return next()
})

/** Anyone may call these (browsing the catalogue, look-ups, starting to sign in). */
export const publicProcedure = base.meta({ access: 'public' }).use(refuseNulCharacters)

/** Only an enrolled kiosk, by its device credential. */
export const kioskProcedure = base
  .meta({ access: 'kiosk' })
  .use(({ ctx, next }) => {
    if (ctx.device.kind !== 'kiosk') throw unauthorized('Only an enrolled kiosk may do this.')
    return next({ ctx: { device: ctx.device } })
  })
  .use(refuseNulCharacters)

function requireSession(ctx: Context) {
  if (ctx.refusal.session) throw ctx.refusal.session
  if (ctx.actor.kind === 'anonymous') throw unauthorized('Please sign in first.')
  return ctx.actor
}

/** Any signed-in citizen or staff member (signing out). */
export const signedInProcedure = base
  .meta({ access: 'signed_in' })
  .use(({ ctx, next }) => {
    return next({ ctx: { actor: requireSession(ctx) } })
  })
  .use(refuseNulCharacters)

/** A signed-in citizen, acting for themselves only. */
export const citizenProcedure = base
  .meta({ access: 'citizen' })
  .use(({ ctx, next }) => {
    const actor = requireSession(ctx)
    if (actor.kind !== 'citizen') throw forbidden('This is for citizens signed in as themselves.')
    return next({ ctx: { actor } })
  })
  .use(refuseNulCharacters)

function staffProcedureFor(access: AccessRule, allowed: (role: StaffRole) => boolean) {
  return base
    .meta({ access })
    .use(({ ctx, next }) => {
      const actor = requireSession(ctx)
      if (actor.kind !== 'staff' || !allowed(actor.role)) throw forbidden('Your role does not allow this.')
      return next({ ctx: { actor: actor satisfies StaffActor } })
    })
    .use(refuseNulCharacters)
}

export const staffProcedure = staffProcedureFor('staff', () => true)
export const clerkProcedure = staffProcedureFor('clerk', (role) => role === 'clerk')
export const departmentStaffProcedure = staffProcedureFor(
  'department_staff',
  (role) => role === 'department_officer' || role === 'department_admin',
)
export const departmentAdminProcedure = staffProcedureFor('department_admin', (role) => role === 'department_admin')
export const platformAdminProcedure = staffProcedureFor('platform_admin', (role) => role === 'platform_admin')
