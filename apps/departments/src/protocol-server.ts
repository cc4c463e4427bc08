// What every reference department shares: an HTTP server speaking version 1 of the department
// protocol. It answers /health, refuses any request the gateway did not sign (RFC 9421, checked
// against the gateway keys it was given), answers look-ups through the department's own handlers,
// and keeps delivered applications in the department's own SQLite file, once per idempotency key.
// Every protocol answer to a signed request is signed with the department's own key and bound to
// that request, so the gateway can prove what the department said (/health and the officer page
// are not protocol answers).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { signResponse, verifyRequest, type SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import {
  ApplicationDelivery,
  HealthResponse,
  InformationAnswer,
  ReportedStatus,
  StatusQuery,
  type StatusQueryAnswer,
  LookupRequest,
  protocolVersion,
  type DeliveryQuote,
  type DeliveryReceipt,
  type LookupAnswer,
  type ProtocolError,
} from '@darwaza/contracts/department-protocol/v1'
import Database from 'better-sqlite3'
import type { DeliveredDocument } from './delivered-documents.ts'
import { openIssuedDocuments } from './issued-documents.ts'
import { registerOfficerDesk, sendStatusCallback, type CallbackSettings } from './officer-desk.ts'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'

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
  /** What the department calls the document it issues (e.g. the birth certificate). */
  documentTitle?: { en: string; ur: string }
  /** Services that take applications, each with the department's check and handling of the form. */
  applications?: Record<string, ApplicationHandler>
}

/**
 * Checks an application and, unless it is a dry run, takes it (books the place, records the
 * payment). Returns QueryRejected when refused, and the fee when the department quotes it.
 */
export type ApplicationHandler = (
  form: Record<string, unknown>,
  context: { dryRun: boolean; trackingNumber: string },
) => QueryRejected | { quote: DeliveryQuote } | null

/** What goes with a status: the officer's message and the issued document, both optional. */
export type StatusDetail = Pick<StatusQueryAnswer['statuses'][number], 'message' | 'document'>

/** Where the department reaches the gateway; read at each use, so it may be set after the start. */
export interface GatewayAddress {
  /** The gateway's base URL; callbacks go to {gatewayUrl}/federation/v1/status. */
  gatewayUrl: string
}

export interface ProtocolServerOptions {
  dataFile: string
  /** The gateway's public keys, keyId → raw Ed25519 key (base64url). */
  gatewayKeys: ReadonlyMap<string, string>
  /**
   * The department's own signing key (registered with the gateway): it signs every protocol answer,
   * and the status callbacks and document fetches the department sends.
   */
  signer: SigningIdentity
  now?: () => Date
  logger?: boolean
  /** Where to send signed status callbacks; without it the department only answers (the gateway polls). */
  callbacks?: GatewayAddress
  /** Password of the officer page (/officer, user "officer"); the page is off without it. */
  officerPassword?: string
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
  const gateway = options.callbacks
  const callbacks: CallbackSettings | undefined = gateway && {
    signer: options.signer,
    get gatewayUrl() {
      return gateway.gatewayUrl
    },
  }
  const deliveries = openDeliveryStore(options.dataFile, definition.referencePrefix)
  const issued = openIssuedDocuments(deliveries.database)
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

  /** /health and the officer page are not the protocol: no signature is asked for or given. */
  const outsideProtocol = (request: { method: string; url: string }) =>
    (request.method === 'GET' && request.url === '/health') ||
    request.url === '/officer' ||
    request.url.startsWith('/officer/') ||
    request.url.startsWith('/officer?')
  const requestUrl = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? ''}${request.url}`
  const headersOf = (headers: FastifyRequest['headers']): Record<string, string> =>
    Object.fromEntries(
      Object.entries(headers).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(', ')]] : [],
      ),
    )

  app.addHook('preHandler', async (request, reply) => {
    if (outsideProtocol(request)) return
    const check = await verifyRequest(
      {
        method: request.method,
        url: requestUrl(request),
        headers: headersOf(request.headers),
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

  // Every protocol answer to a request signed by us is signed, bound to that request. A request with
  // no signature of ours gets its 401 unsigned: there is nothing to bind the answer to.
  app.addHook('onSend', async (request, reply, payload) => {
    if (outsideProtocol(request) || !request.headers.signature) return payload
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : payload == null ? '' : null
    if (body === null) {
      request.log.error('a protocol answer that is a stream cannot be signed')
      return payload
    }
    const contentType = reply.getHeader('content-type')
    try {
      const headers = await signResponse(
        {
          status: reply.statusCode,
          headers: { 'content-type': typeof contentType === 'string' ? contentType : 'application/octet-stream' },
          body,
        },
        { method: request.method, url: requestUrl(request), headers: headersOf(request.headers) },
        options.signer,
        now(),
      )
      for (const name of ['content-type', 'x-request-id', 'content-digest', 'signature-input', 'signature']) {
        reply.header(name, headers[name])
      }
    } catch (error) {
      request.log.warn({ err: error }, 'answer sent unsigned')
    }
    return payload
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
    // A repeat of a delivery already taken gets the same answer, without taking anything again.
    const earlier = deliveries.referenceFor(delivery.idempotencyKey)
    if (earlier && !delivery.dryRun) {
      deliveries.countRepeat(delivery.idempotencyKey)
      const receipt: DeliveryReceipt = { outcome: 'accepted', departmentReference: earlier }
      return receipt
    }
    const checked = check(delivery.form, { dryRun: Boolean(delivery.dryRun), trackingNumber: delivery.trackingNumber })
    if (checked instanceof QueryRejected) {
      return reply.code(400).send(protocolError('invalid_query', checked.message, checked.field))
    }
    if (delivery.dryRun) {
      const receipt: DeliveryReceipt = {
        outcome: 'validated',
        departmentReference: `${definition.referencePrefix}-DRY-RUN`,
        ...(checked ? { quote: checked.quote } : {}),
      }
      return receipt
    }
    const accepted = deliveries.accept(definition.referencePrefix, delivery, now())
    if (!accepted.isNew) deliveries.countRepeat(delivery.idempotencyKey)
    if (accepted.isNew && callbacks) acknowledge(delivery.trackingNumber)
    const receipt: DeliveryReceipt = { outcome: 'accepted', departmentReference: accepted.reference }
    return receipt
  })

  app.post<{ Params: { service: string } }>('/applications/:service/answers', async (request, reply) => {
    if (!definition.applications?.[request.params.service]) {
      return reply.code(404).send(unknownService(definition.code, request.params.service))
    }
    const parsed = InformationAnswer.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send(firstIssue(parsed.error))
    const answered = deliveries.answer(parsed.data, now())
    if (!answered) {
      return reply
        .code(404)
        .send(protocolError('invalid_query', 'There is no application with this tracking number.', 'trackingNumber'))
    }
    if (answered.isNew && callbacks) acknowledge(parsed.data.trackingNumber, 'in_review')
    const receipt: DeliveryReceipt = { outcome: 'accepted', departmentReference: answered.reference }
    return receipt
  })

  app.get<{ Params: { id: string } }>('/issued/:id', async (request, reply) => {
    const bytes = issued.get(request.params.id)
    if (!bytes) return reply.code(404).send(protocolError('unknown_service', 'No such document.'))
    return reply.type('application/pdf').send(bytes)
  })

  app.post('/status-queries', async (request, reply) => {
    const parsed = StatusQuery.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send(firstIssue(parsed.error))
    const answer: StatusQueryAnswer = { statuses: deliveries.statuses(parsed.data.trackingNumbers) }
    return answer
  })

  /**
   * Tells the gateway the application arrived (or, after an answer, is back in review), retrying with
   * backoff while the gateway cannot be reached. The delivery table is the outbox: arrivals never
   * confirmed are announced again when the department starts.
   */
  function acknowledge(trackingNumber: string, status: 'received' | 'in_review' = 'received', attempt = 1) {
    if (!callbacks) return
    setTimeout(
      () => {
        sendStatusCallback(callbacks, {
          department: definition.code,
          trackingNumber,
          status,
          occurredAt: now().toISOString(),
        })
          .then((outcome) => {
            if (outcome.status === 200) deliveries.setStatus(trackingNumber, status)
            else if (outcome.status >= 500 && attempt < acknowledgeAttempts) {
              acknowledge(trackingNumber, status, attempt + 1)
            } else app.log.warn({ trackingNumber, outcome }, 'gateway refused the received callback')
          })
          .catch((error: unknown) => {
            if (attempt < acknowledgeAttempts) acknowledge(trackingNumber, status, attempt + 1)
            else app.log.warn({ trackingNumber, err: String(error) }, 'could not reach the gateway')
          })
      },
      // The gateway records the delivery after this answer; report receipt just after that.
      Math.min(200 * 2 ** (attempt - 1), 10_000),
    ).unref()
  }

  if (options.officerPassword) {
    registerOfficerDesk(app, {
      department: definition.code,
      password: options.officerPassword,
      store: {
        list: () => deliveries.list(),
        document: (trackingNumber, sha256) => deliveries.document(trackingNumber, sha256),
        setStatus: (trackingNumber, status, detail) => deliveries.setStatus(trackingNumber, status, detail),
        issue: (trackingNumber) => ({
          ...issued.issue(trackingNumber, `${definition.documentTitle?.en ?? 'Issued document'}`, [
            `Department: ${definition.code}`,
            `Application: ${trackingNumber}`,
            `Issued: ${now().toISOString().slice(0, 10)}`,
          ]),
          name: definition.documentTitle ?? { en: 'Issued document', ur: 'جاری کردہ دستاویز' },
        }),
      },
      ...(callbacks ? { callbacks } : {}),
    })
  }

  return {
    async listen(port, host = '127.0.0.1') {
      const url = await app.listen({ port, host })
      if (callbacks) for (const trackingNumber of deliveries.unacknowledged()) acknowledge(trackingNumber)
      return url
    },
    async close() {
      await app.close()
      deliveries.close()
      options.onClose?.()
    },
  }
}

/** About a minute of retries (200 ms doubling, at most 10 s apart) before giving up until the next start. */
const acknowledgeAttempts = 10

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
function openDeliveryStore(file: string, prefix: string) {
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
  db.exec(`CREATE TABLE IF NOT EXISTS answer (
    idempotency_key TEXT PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    message TEXT NOT NULL,
    received_at TEXT NOT NULL
  )`)
  const columns = db.prepare('PRAGMA table_info(delivery)').all() as { name: string }[]
  if (!columns.some((column) => column.name === 'status')) {
    db.exec(`ALTER TABLE delivery ADD COLUMN status TEXT NOT NULL DEFAULT 'submitted'`)
  }
  if (!columns.some((column) => column.name === 'status_at')) {
    db.exec(`ALTER TABLE delivery ADD COLUMN status_at TEXT`)
  }
  // The officer's message and issued document with the latest status, for a gateway that polls.
  if (!columns.some((column) => column.name === 'status_detail')) {
    db.exec(`ALTER TABLE delivery ADD COLUMN status_detail TEXT`)
  }
  // How many times the gateway sent this application: more than once is a retry, taken only once.
  if (!columns.some((column) => column.name === 'times_received')) {
    db.exec(`ALTER TABLE delivery ADD COLUMN times_received INTEGER NOT NULL DEFAULT 1`)
  }
  const insert = db.prepare(
    'INSERT OR IGNORE INTO delivery (idempotency_key, service, tracking_number, body, received_at) VALUES (?, ?, ?, ?, ?)',
  )
  const find = db.prepare('SELECT seq FROM delivery WHERE idempotency_key = ?')
  const countRepeat = db.prepare('UPDATE delivery SET times_received = times_received + 1 WHERE idempotency_key = ?')
  const unacknowledged = db.prepare(`SELECT tracking_number FROM delivery WHERE status = 'submitted' ORDER BY seq`)
  const all = db.prepare(
    'SELECT seq, service, tracking_number, received_at, status, body FROM delivery ORDER BY seq DESC',
  )
  const update = db.prepare(
    'UPDATE delivery SET status = ?, status_at = ?, status_detail = ? WHERE tracking_number = ?',
  )
  const statusOf = db.prepare(
    'SELECT status, status_at, status_detail, received_at FROM delivery WHERE tracking_number = ?',
  )
  const byTracking = db.prepare('SELECT seq FROM delivery WHERE tracking_number = ?')
  const bodyOf = db.prepare('SELECT body FROM delivery WHERE tracking_number = ?')
  db.exec(`CREATE TABLE IF NOT EXISTS answer_document (
    answer_key TEXT NOT NULL REFERENCES answer (idempotency_key),
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (answer_key, sha256)
  )`)
  // What the officer page lists of a document sent with an answer (rows from before have neither).
  const answerDocumentColumns = db.prepare('PRAGMA table_info(answer_document)').all() as { name: string }[]
  if (!answerDocumentColumns.some((column) => column.name === 'media_type')) {
    db.exec('ALTER TABLE answer_document ADD COLUMN media_type TEXT')
  }
  if (!answerDocumentColumns.some((column) => column.name === 'size')) {
    db.exec('ALTER TABLE answer_document ADD COLUMN size INTEGER')
  }
  const insertAnswer = db.prepare('INSERT OR IGNORE INTO answer VALUES (?, ?, ?, ?)')
  const insertAnswerDocument = db.prepare(
    'INSERT OR IGNORE INTO answer_document (answer_key, sha256, name, url, media_type, size) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const answerDocuments = db.prepare(
    `SELECT d.sha256, d.name, d.url, d.media_type, d.size FROM answer_document d
     JOIN answer a ON a.idempotency_key = d.answer_key
     WHERE a.tracking_number = ? AND d.media_type IS NOT NULL AND d.size IS NOT NULL
     ORDER BY a.received_at, d.rowid`,
  )
  /** The documents delivered with an application (its body as received) and with its answers. */
  const documentsOf = (trackingNumber: string, body: string): DeliveredDocument[] => {
    let delivered: unknown
    try {
      delivered = JSON.parse(body)
    } catch {
      delivered = null
    }
    const parsed = ApplicationDelivery.safeParse(delivered)
    const withApplication = (parsed.success ? (parsed.data.documents ?? []) : []).map((document) => ({
      ...document,
      sentWith: 'application' as const,
    }))
    const withAnswers = (
      answerDocuments.all(trackingNumber) as {
        sha256: string
        name: string
        url: string
        media_type: string
        size: number
      }[]
    ).map((row) => ({
      requirement: 'answer',
      name: row.name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      url: row.url,
      sentWith: 'answer' as const,
    }))
    return [...withApplication, ...withAnswers]
  }
  const referencePrefix = prefix
  return {
    database: db,
    list() {
      return (
        all.all() as {
          seq: number
          service: string
          tracking_number: string
          received_at: string
          status: string
          body: string
        }[]
      ).map((row) => ({
        trackingNumber: row.tracking_number,
        service: row.service,
        receivedAt: row.received_at,
        status: row.status,
        reference: `${referencePrefix}-${String(row.seq).padStart(6, '0')}`,
        documents: documentsOf(row.tracking_number, row.body),
      }))
    },
    /** A document delivered for this application, by its SHA-256 as the reference gives it. */
    document(trackingNumber: string, sha256: string): DeliveredDocument | null {
      const row = bodyOf.get(trackingNumber) as { body: string } | undefined
      return row ? (documentsOf(trackingNumber, row.body).find((document) => document.sha256 === sha256) ?? null) : null
    },
    referenceFor(idempotencyKey: string): string | null {
      const row = find.get(idempotencyKey) as { seq: number } | undefined
      return row ? `${referencePrefix}-${String(row.seq).padStart(6, '0')}` : null
    },
    /** The gateway sent an application already taken again (a retry). */
    countRepeat(idempotencyKey: string) {
      countRepeat.run(idempotencyKey)
    },
    /** Applications whose arrival the gateway has not yet confirmed hearing of. */
    unacknowledged(): string[] {
      return (unacknowledged.all() as { tracking_number: string }[]).map((row) => row.tracking_number)
    },
    /** Keeps the citizen's answer; null when the application is not here. */
    answer(answer: InformationAnswer, at: Date): { reference: string; isNew: boolean } | null {
      const application = byTracking.get(answer.trackingNumber) as { seq: number } | undefined
      if (!application) return null
      const inserted = db.transaction(() => {
        const row = insertAnswer.run(answer.idempotencyKey, answer.trackingNumber, answer.message, at.toISOString())
        for (const document of answer.documents ?? []) {
          insertAnswerDocument.run(
            answer.idempotencyKey,
            document.sha256,
            document.name,
            document.url,
            document.mediaType,
            document.size,
          )
        }
        return row
      })()
      return {
        reference: `${referencePrefix}-${String(application.seq).padStart(6, '0')}`,
        isNew: inserted.changes === 1,
      }
    },
    /** The statuses the department reports when asked; "submitted" (not yet looked at) is left out. */
    statuses(trackingNumbers: string[]) {
      return trackingNumbers.flatMap((trackingNumber) => {
        const row = statusOf.get(trackingNumber) as
          { status: string; status_at: string | null; status_detail: string | null; received_at: string } | undefined
        const status = ReportedStatus.safeParse(row?.status)
        const detail = row?.status_detail ? (JSON.parse(row.status_detail) as StatusDetail) : {}
        return row && status.success
          ? [{ trackingNumber, status: status.data, occurredAt: row.status_at ?? row.received_at, ...detail }]
          : []
      })
    },
    setStatus(trackingNumber: string, status: string, detail: StatusDetail = {}) {
      update.run(status, new Date().toISOString(), JSON.stringify(detail), trackingNumber)
    },
    accept(prefix: string, delivery: ApplicationDelivery, at: Date): { reference: string; isNew: boolean } {
      const inserted = insert.run(
        delivery.idempotencyKey,
        delivery.service,
        delivery.trackingNumber,
        JSON.stringify(delivery),
        at.toISOString(),
      )
      const row = find.get(delivery.idempotencyKey) as { seq: number }
      return { reference: `${prefix}-${String(row.seq).padStart(6, '0')}`, isNew: inserted.changes === 1 }
    },
    close() {
      db.close()
    },
  }
}
