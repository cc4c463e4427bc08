// The only place procedures are built. Routers import the builders exported here, never `t.procedure`.
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server'
import type { ErrorCode, ErrorData, FieldError } from '@darwaza/contracts/errors'
import { ZodError } from 'zod'
import type { Context } from './context.ts'
import { DomainError } from './domain/errors.ts'

const trpcCodeFor: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_NOT_AVAILABLE: 'PRECONDITION_FAILED',
  DEPARTMENT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  DEPARTMENT_TIMEOUT: 'GATEWAY_TIMEOUT',
  DEPARTMENT_BAD_ANSWER: 'BAD_GATEWAY',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
}

const internalMessage = 'Something went wrong on our side. Please try again.'

function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    reason: issue.code,
    message: issue.message,
  }))
}

/** Every error a client sees has a stable `data.code`, the request id, and field errors where relevant; nothing else. */
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause
    let data: ErrorData
    let message = shape.message
    if (cause instanceof DomainError) {
      data = { code: cause.code, fieldErrors: cause.options.fieldErrors }
      message = cause.publicMessage
    } else if (cause instanceof ZodError) {
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
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ path, err: cause ?? result.error }, 'unexpected error')
    }
  }
  return result
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory

/** Anyone may call these: no identity is needed (browsing the catalogue, look-ups). */
export const publicProcedure = t.procedure.use(errorMapping)
