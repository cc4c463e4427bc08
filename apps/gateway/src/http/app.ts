// The gateway's HTTP host: tRPC for the kiosk and web app at /trpc, plain HTTP where plain HTTP is
// the convention (health, readiness), and the built web view at / when configured.
import { randomUUID } from 'node:crypto'
import fastifyCors from '@fastify/cors'
import fastifyStatic from '@fastify/static'
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify'
import type { SignableRequest } from '@darwaza/contracts/department-protocol/signatures'
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Context, GatewayServices } from '../context.ts'
import type { GatewayConfig } from '../env.ts'
import { appRouter, type AppRouter } from '../routers/app-router.ts'
import { registerOpenDataRoutes } from './open-data-routes.ts'
import { createRequestContext, kioskCredentialHeader } from './request-context.ts'

export interface GatewayAppOptions {
  config: Pick<GatewayConfig, 'logLevel' | 'webRoot' | 'corsOrigins'>
  services: GatewayServices
  /** Readiness probe: resolves when the database answers. */
  checkDatabase: () => Promise<void>
  /** The development SMS provider's messages, shown at /dev/sms for the demo; never in production. */
  developmentSmsInbox?: () => Promise<{ to: string; body: string; createdAt: Date }[]>
  /** The development e-mail provider's messages, shown at /dev/mail; never in production. */
  developmentMailInbox?: () => Promise<{ to: string; subject: string; body: string; createdAt: Date }[]>
  /** Departments' signed status callbacks (POST /federation/v1/status), given the raw request. */
  statusCallbacks: (request: SignableRequest) => Promise<{ httpStatus: number; body: unknown }>
  /** Documents departments fetch with a signed request (GET /federation/v1/documents/:sha256). */
  documentsForDepartments: (
    request: SignableRequest,
    sha256: string,
  ) => Promise<{ httpStatus: number; mediaType?: string; body: unknown }>
  /** The largest request body (documents are uploaded as base64 through tRPC). */
  bodyLimit: number
  /** The payment provider's signed confirmations (POST /payments/v1/callback). */
  paymentCallbacks: (request: SignableRequest) => Promise<{ httpStatus: number; body: unknown }>
  /** The development payment provider's page (/dev/pay), never in production. */
  developmentPayments?: {
    findVoucher(psid: string): Promise<{ psid: string; amountMinor: number; currency: string; state: string } | null>
    pay(
      gatewayUrl: string,
      voucher: { psid: string; amountMinor: number; currency: string },
    ): Promise<{ status: number; body: string }>
  }
  /** The gateway's public signing keys, published for departments. */
  gatewayKeys: { keyId: string; publicKey: string }[]
  /** Where logs go; defaults to stdout. Tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export async function buildGatewayApp(options: GatewayAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie', `req.headers["${'x-darwaza-kiosk'}"]`],
      // A tRPC query carries its input in the query string (a draft link's code, say): log the path only.
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          path: request.url.split('?')[0],
          remoteAddress: request.ip,
        }),
      },
    },
    bodyLimit: options.bodyLimit,
    // Use the caller's request id when it is well-formed, so one id follows a request across hops.
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID()
    },
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (request) => request.url === '/health' || request.url === '/ready',
    }),
    return503OnClosing: true,
  })

  let shuttingDown = false
  app.addHook('preClose', async () => {
    shuttingDown = true
  })

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('content-security-policy', contentSecurityPolicy)
    // A keep-alive connection would otherwise hold shutdown open after its last request finishes.
    if (shuttingDown) reply.header('connection', 'close')
  })

  await app.register(fastifyCors, {
    origin: options.config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'x-request-id', 'trpc-accept', 'authorization', kioskCredentialHeader],
  })

  // Plain HTTP routes: a failure of ours is logged in full and answered without its details (a
  // database error's text would otherwise reach the caller); a refusal Fastify raises (bad JSON,
  // too large) keeps its own status and message.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status < 500) return reply.code(status).send(error)
    request.log.error({ err: error }, 'unexpected error')
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side.' } })
  })

  app.get('/health', async () => ({ status: 'ok' }))

  // Departments call back here; the exact bytes are kept because the signature covers their digest.
  await app.register(async (federation) => {
    federation.removeAllContentTypeParsers()
    federation.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 65_536 }, (_request, body, done) =>
      done(null, body),
    )
    const signable = (request: FastifyRequest): SignableRequest => ({
      method: request.method,
      url: `${request.protocol}://${request.headers.host ?? ''}${request.url}`,
      headers: Object.fromEntries(
        Object.entries(request.headers).flatMap(([name, value]) =>
          typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(', ')]] : [],
        ),
      ),
      body: typeof request.body === 'string' ? request.body : '',
    })
    federation.post('/federation/v1/status', async (request, reply) => {
      const result = await options.statusCallbacks(signable(request))
      return reply.code(result.httpStatus).send(result.body)
    })
    federation.get<{ Params: { sha256: string } }>('/federation/v1/documents/:sha256', async (request, reply) => {
      const result = await options.documentsForDepartments(signable(request), request.params.sha256)
      if (result.mediaType) reply.type(result.mediaType).header('cache-control', 'no-store')
      return reply.code(result.httpStatus).send(result.body)
    })
    federation.post('/payments/v1/callback', async (request, reply) => {
      const result = await options.paymentCallbacks(signable(request))
      return reply.code(result.httpStatus).send(result.body)
    })
    const payments = options.developmentPayments
    if (payments) {
      const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
      const page = (body: string) =>
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development payment provider</title></head><body><h1>Development payment provider</h1>${body}</body></html>`
      federation.get('/dev/pay', async (request, reply) => {
        const query = request.query as { psid?: string; message?: string }
        const voucher = query.psid ? await payments.findVoucher(query.psid) : null
        const details = voucher
          ? `<p>Voucher <b>${escape(voucher.psid)}</b>: ${(voucher.amountMinor / 100).toFixed(2)} ${escape(voucher.currency)}, ${escape(voucher.state)}</p>
<form method="post" action="/dev/pay"><input type="hidden" name="psid" value="${escape(voucher.psid)}"><button>Pay ${(voucher.amountMinor / 100).toFixed(2)} ${escape(voucher.currency)}</button></form>`
          : query.psid
            ? '<p>No voucher with this payment slip id.</p>'
            : ''
        return reply.type('text/html; charset=utf-8').send(
          page(`${query.message ? `<p role="status">${escape(query.message)}</p>` : ''}
<form method="get" action="/dev/pay"><label>Payment slip id (PSID) <input name="psid" value="${escape(query.psid ?? '')}"></label> <button>Find</button></form>${details}`),
        )
      })
      federation.post('/dev/pay', async (request, reply) => {
        const psid = new URLSearchParams(typeof request.body === 'string' ? request.body : '').get('psid') ?? ''
        const voucher = await payments.findVoucher(psid)
        if (!voucher) return reply.redirect(`/dev/pay?message=${encodeURIComponent('No such voucher.')}`, 303)
        const outcome = await payments.pay(`${request.protocol}://${request.headers.host ?? ''}`, voucher)
        const message = outcome.status === 200 ? `Paid ${psid}.` : `The gateway refused: ${outcome.body}`
        return reply.redirect(`/dev/pay?psid=${encodeURIComponent(psid)}&message=${encodeURIComponent(message)}`, 303)
      })
    }
  })

  // Departments verify the gateway's request signatures with these keys.
  app.get('/.well-known/darwaza/gateway-keys.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300')
    return { keys: options.gatewayKeys.map((key) => ({ ...key, alg: 'ed25519' })) }
  })

  app.get('/ready', async (request, reply) => {
    if (shuttingDown) return reply.code(503).send({ status: 'not ready', reason: 'shutting down' })
    try {
      await options.checkDatabase()
      return { status: 'ready' }
    } catch (error) {
      request.log.warn({ err: error }, 'readiness: database unreachable')
      return reply.code(503).send({ status: 'not ready', reason: 'database unreachable' })
    }
  })

  await app.register(async (trpc) => {
    // tRPC's plugin takes multipart/form-data as a raw stream, outside Fastify's body limit (a declared
    // 100 MB was waited for, an endless one read to the end). No procedure takes form data (documents
    // travel as base64 in JSON), so such a request is refused before its body is read.
    trpc.addHook('onRequest', async (request, reply) => {
      const type = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase()
      if (type !== 'multipart/form-data') return
      return reply.code(415).send({
        error: {
          message: 'Send the input as JSON (application/json).',
          code: -32015,
          data: { code: 'INVALID_INPUT', requestId: request.id, httpStatus: 415 },
        },
      })
    })
    await trpc.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        createContext: ({ req }): Promise<Context> => createRequestContext(req, options.services),
        // Whatever tRPC reads itself stops at the same limit.
        maxBodySize: options.bodyLimit,
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    })
  })

  registerOpenDataRoutes(app, options.services)

  const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
  const inboxPage = (title: string, what: string, items: string[]) =>
    `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
    `<h1>${title}</h1><p>${what}, newest first.</p><ol>${items.join('')}</ol>`
  const smsInbox = options.developmentSmsInbox
  if (smsInbox) {
    app.get('/dev/sms', async (_request, reply) => {
      const items = (await smsInbox()).map(
        (message) =>
          `<li><b>${escape(message.to)}</b> ${message.createdAt.toISOString()}<br>${escape(message.body)}</li>`,
      )
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(inboxPage('Development SMS inbox', 'Messages the development SMS provider would have sent', items))
    })
  }
  const mailInbox = options.developmentMailInbox
  if (mailInbox) {
    app.get('/dev/mail', async (_request, reply) => {
      const items = (await mailInbox()).map(
        (message) =>
          `<li><b>${escape(message.to)}</b> ${message.createdAt.toISOString()}<br><b>${escape(message.subject)}</b>` +
          `<br>${escape(message.body)}</li>`,
      )
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(inboxPage('Development e-mail inbox', 'E-mails the development e-mail provider would have sent', items))
    })
  }

  if (options.config.webRoot) {
    // The build has .br and .gz beside each text file (apps/kiosk/vite.config.ts): sent to browsers that accept them.
    await app.register(fastifyStatic, {
      root: options.config.webRoot,
      prefix: '/',
      index: false,
      preCompressed: true,
    })
    // @fastify/static answers 404 for a directory index asked for with an Accept-Encoding when
    // preCompressed is on; the page is served by its own route instead.
    app.get('/', (_request, reply) => reply.sendFile('index.html'))
  }

  return app
}
