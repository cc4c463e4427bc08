// Builds the inner context from an HTTP request's credentials: the kiosk's device credential (added
// by the kiosk shell, never seen by the page) and the session's bearer token.
import type { FastifyRequest } from 'fastify'
import { isStorageUnavailable } from '../persistence/storage-errors.ts'
import { storageUnavailableError } from '../trpc.ts'
import type { Context, GatewayServices } from '../context.ts'
import type { Actor, Device } from '../domain/actors.ts'
import { DomainError } from '../domain/errors.ts'
import { resolveKiosk } from '../services/kiosks.ts'
import { resolveSession } from '../services/sessions.ts'

export const kioskCredentialHeader = 'x-darwaza-kiosk'

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name]
  return typeof value === 'string' && value.length > 0 ? value : null
}

export async function createRequestContext(request: FastifyRequest, services: GatewayServices): Promise<Context> {
  try {
    return await resolveContext(request, services)
  } catch (error) {
    // Credentials are checked against the database: without it, say so rather than fail blindly.
    if (!isStorageUnavailable(error)) throw error
    request.log.error({ err: error }, 'database unavailable')
    throw storageUnavailableError()
  }
}

async function resolveContext(request: FastifyRequest, services: GatewayServices): Promise<Context> {
  const refusal: Context['refusal'] = { kiosk: null, session: null }
  let device: Device = { kind: 'browser', ip: request.ip }
  const kioskCredential = header(request, kioskCredentialHeader)
  if (kioskCredential) {
    try {
      device = await resolveKiosk(services.access, kioskCredential)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      refusal.kiosk = error
    }
  }
  let actor: Actor = { kind: 'anonymous' }
  const token = header(request, 'authorization')?.match(/^Bearer ([A-Za-z0-9_-]{20,100})$/)?.[1] ?? null
  if (!refusal.kiosk && token) {
    try {
      actor = await resolveSession(services.access, token, device)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      refusal.session = error
    }
  }
  return { services, requestId: request.id, log: request.log, device, actor, refusal }
}
