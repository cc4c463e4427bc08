// What every reference department shares: an HTTP server speaking version 1 of the department
// protocol. It answers /health, refuses any request the gateway did not sign (RFC 9421, checked
// against the gateway keys it was given), answers look-ups through the department's own handlers,
// and keeps delivered applications in the department's own SQLite file, once per idempotency key.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { verifyRequest } from '@darwaza/contracts/department-protocol/signatures'
import {
  ApplicationDelivery,
  HealthResponse,
  LookupRequest,
  protocolVersion,
  type DeliveryReceipt,
  type LookupAnswer,
  type ProtocolError,
} from '@darwaza/contracts/department-protocol/v1'
import Database from 'better-sqlite3'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'

export interface RunningDepartment {
  listen(port: number, host?: string): Promise<string>
  close(): Promise<void>
}

export class QueryRejected extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

export interface DepartmentDefinition {
  code: string
  /** Prefix of the references the department gives applications, e.g. "TP". */
  referencePrefix: string
  /** Look-up handlers by service slug; throw QueryRejected for a query the department cannot accept. */
  lookups?: Record<string, (query: LookupRequest['query']) => LookupAnswer>
  /** Services that take applications, each with a check of the form (a message when it is refused). */
  applications?: Record<string, (form: Record<string, unknown>) => QueryRejected | null>
}

export interface ProtocolServerOptions {
  dataFile: string
  /** The gateway's public keys, keyId → raw Ed25519 key (base64url). */
  gatewayKeys: ReadonlyMap<string, string>
  now?: () => Date
  logger?: boolean
  /** Extra setup (e.g. closing a department's own stores). */
  onClose?: () => void
}

const protocolError = (code: ProtocolError['error']['code'], message: string, field?: string): ProtocolError => ({
  error: { code, message, ...(field ? { field } : {}) },
})

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string
  }
}

export function createProtocolServer(
  definition: DepartmentDefinition,
  options: ProtocolServerOptions,
): RunningDepartment {
  const now = options.now ?? (() => new Date())
  const deliveries = openDeliveryStore(options.dataFile)
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 262_144,
    requestIdHeader: 'x-request-id',
  })

  // Keep the exact bytes received: the signature covers their digest.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string
    try {
      done(null, body === '' ? undefined : (JSON.parse(body as string) as unknown))
    } catch (error) {
      ;(error as FastifyError).statusCode = 400
      done(error as Error, undefined)
    }
  })

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, `${definition.code} failed`)
      return reply.code(500).send(protocolError('internal', 'The department failed to answer.'))
    }
    return reply.code(400).send(protocolError('invalid_query', `The request is malformed: ${error.message}`))
  })

  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' && request.url === '/health') return
    const check = await verifyRequest(
      {
        method: request.method,
        url: `${request.protocol}://${request.headers.host ?? ''}${request.url}`,
        headers: Object.fromEntries(
          Object.entries(request.headers).flatMap(([name, value]) =>
            typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(', ')]] : [],
          ),
        ),
        body: request.rawBody ?? '',
      },
      options.gatewayKeys,
      now(),
    )
    if (!check.ok) {
      request.log.warn({ reason: check.reason }, 'refused an unsigned or badly signed request')
      return reply.code(401).send(protocolError('unauthorized', `The request signature is not valid: ${check.reason}.`))
    }
  })

  app.get('/health', async () => HealthResponse.parse({ status: 'ok', department: definition.code, protocolVersion }))

  app.post<{ Params: { service: string } }>('/lookups/:service', async (request, reply) => {
    const handler = definition.lookups?.[request.params.service]
    if (!handler) return reply.code(404).send(unknownService(definition.code, request.params.service))
    const parsed = LookupRequest.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send(firstIssue(parsed.error))
    try {
      return handler(parsed.data.query)
    } catch (error) {
      if (error instanceof QueryRejected) {
        return reply.code(400).send(protocolError('invalid_query', error.message, error.field))
      }
      throw error
    }
  })

  app.post<{ Params: { service: string } }>('/applications/:service', async (request, reply) => {
    const check = definition.applications?.[request.params.service]
    if (!check) return reply.code(404).send(unknownService(definition.code, request.params.service))
    const parsed = ApplicationDelivery.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send(firstIssue(parsed.error))
    const delivery = parsed.data
    if (delivery.service !== request.params.service) {
      return reply
        .code(400)
        .send(protocolError('invalid_query', 'The service in the body does not match the path.', 'service'))
    }
    const refused = check(delivery.form)
    if (refused) return reply.code(400).send(protocolError('invalid_query', refused.message, refused.field))
    if (delivery.dryRun) {
      const receipt: DeliveryReceipt = {
        outcome: 'validated',
        departmentReference: `${definition.referencePrefix}-DRY-RUN`,
      }
      return receipt
    }
    const receipt: DeliveryReceipt = {
      outcome: 'accepted',
      departmentReference: deliveries.accept(definition.referencePrefix, delivery, now()),
    }
    return receipt
  })

  return {
    async listen(port, host = '127.0.0.1') {
      return app.listen({ port, host })
    },
    async close() {
      await app.close()
      deliveries.close()
      options.onClose?.()
    },
  }
}

function unknownService(code: string, service: string): ProtocolError {
  return protocolError('unknown_service', `${code} offers no service "${service}".`)
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): ProtocolError {
  const issue = error.issues[0]
  return protocolError(
    'invalid_query',
    issue?.message ?? 'malformed request',
    issue?.path.map(String).join('.') || undefined,
  )
}

/** Applications received, one row per idempotency key: a repeat gets the reference given the first time. */
function openDeliveryStore(file: string) {
  mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE IF NOT EXISTS delivery (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
  )`)
  const insert = db.prepare(
    'INSERT OR IGNORE INTO delivery (idempotency_key, service, tracking_number, body, received_at) VALUES (?, ?, ?, ?, ?)',
  )
  const find = db.prepare('SELECT seq FROM delivery WHERE idempotency_key = ?')
  return {
    accept(prefix: string, delivery: ApplicationDelivery, at: Date): string {
      insert.run(
        delivery.idempotencyKey,
        delivery.service,
        delivery.trackingNumber,
        JSON.stringify(delivery),
        at.toISOString(),
      )
      const row = find.get(delivery.idempotencyKey) as { seq: number }
      return `${prefix}-${String(row.seq).padStart(6, '0')}`
    },
    close() {
      db.close()
    },
  }
}
