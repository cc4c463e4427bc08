// Hostile input (issue #7, item 4). Every procedure of the router, called over HTTP by callers who may
// and may not call it, with thousands of inputs its own input schema refuses (wrong types, missing and
// extra fields, huge strings, deep nesting, lone surrogates, bidirectional overrides, zero-width and
// mixed Urdu/English text, prototype-pollution keys): never a 5xx, always a clear error (INVALID_INPUT
// naming each field the schema refused, or the refusal the caller's role gets), and nothing in the
// database changes. The same for the endpoints departments and the payment provider call (junk bodies,
// forged signatures), open data, health, readiness and the gateway's keys; request bodies over the
// limit are refused with 413 before they are read. Text holding U+0000 is refused by every procedure
// (PostgreSQL cannot store it). Seeded, so a run repeats: DARWAZA_FUZZ_SEED picks another seed and
// DARWAZA_FUZZ_SCALE multiplies the runs (8 sends about 40,000 requests).
import { randomUUID } from 'node:crypto'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { nulCharacterAt } from '@darwaza/gateway/domain/nul-characters'
import { appRouter } from '@darwaza/gateway/router'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowedBy, callers, headersOf, refusalCodes, signInEveryone, type Caller } from './support/callers.ts'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type Credentials, type TestGateway } from './support/gateway.ts'
import {
  asSent,
  databaseFingerprint,
  deepJsonText,
  headerText,
  fieldNamesOf,
  fuzzParameters,
  hostileJson,
  hostileString,
  rawHttp,
  shapedInput,
  trickyStrings,
} from './support/hostile-input.ts'

interface InputSchema {
  safeParse(input: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }
}
interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access: string }; inputs: InputSchema[] }
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, procedure]) => ({
    path,
    type: procedure._def.type,
    access: procedure._def.meta?.access ?? 'none',
    schema: procedure._def.inputs[0],
  }),
)

/** Runs per procedure; a longer run: DARWAZA_FUZZ_SCALE=20. */
const runsPerProcedure = 24

/**
 * The fields the gateway refuses in this input (paths joined by dots): the first holding U+0000,
 * which no procedure takes, or else those the procedure's schema refuses.
 */
function refusedFields(schema: InputSchema | undefined, input: unknown): string[] | 'accepted' {
  const nul = nulCharacterAt(input)
  if (nul !== null) return [nul]
  if (!schema) return 'accepted'
  const result = schema.safeParse(input)
  if (result.success) return 'accepted'
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'))
}

function refusedBySchema(schema: InputSchema | undefined, input: unknown): boolean {
  if (!schema) return true
  try {
    return refusedFields(schema, input) !== 'accepted'
  } catch {
    return true // a schema that throws is a finding: keep the input so the test reports it
  }
}

interface Answer {
  status: number
  /** The tRPC error, from the JSON body or from the event stream's serialized-error. */
  error?: {
    message?: string
    data?: { code?: string; httpStatus?: number; fieldErrors?: { field: string; message: string }[] }
  }
  text: string
  urlLength: number
}

const longestUrl = 8000

/** Every request of these tests gets an answer within 10 s, or fails saying so. */
function fetch(url: string, init: RequestInit = {}): Promise<Response> {
  return globalThis.fetch(url, { signal: AbortSignal.timeout(10_000), ...init })
}

/** The error code of a refusal: tRPC's data.code (also inside a batch), Fastify's code, or a department protocol error's. */
function errorCodeOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as unknown
    const first = (Array.isArray(body) ? body[0] : body) as {
      code?: unknown
      error?: { code?: unknown; data?: { code?: unknown } }
    }
    const code = first.error?.data?.code ?? first.error?.code ?? first.code
    return typeof code === 'string' ? code : undefined
  } catch {
    return undefined
  }
}

function errorMessageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } }
    const message = body.error?.message ?? body.message
    return typeof message === 'string' ? message : undefined
  } catch {
    return undefined
  }
}

describe.each(databaseKinds())('hostile input on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let fingerprintBefore: Record<string, string>
  let credentials: Map<Caller, Credentials>
  const departmentKey = generateSigningKeyPair('traffic-police-hostile')
  const departmentSigner: SigningIdentity = {
    keyId: departmentKey.keyId,
    privateKey: loadPrivateKey(departmentKey.privateKeyPem),
  }
  let databaseUrl = ''
  const fingerprint = () => databaseFingerprint(db, providerOf(databaseUrl))

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl(kind)
    db = createDb(databaseUrl)
    await seedDemoCatalogue(
      db,
      { 'traffic-police': 'http://127.0.0.1:9' },
      { 'traffic-police': { keyId: departmentKey.keyId, publicKey: departmentKey.publicKey } },
    )
    await seedDemoAccess(db, providerOf(databaseUrl))
    gateway = await startTestGateway({ DATABASE_URL: databaseUrl, DELIVERY_WORKER: 'off' })
    credentials = await signInEveryone(gateway, db)
    fingerprintBefore = await fingerprint()
  })
  afterAll(async () => {
    await gateway?.stop()
    await db?.$disconnect()
  })

  async function call(path: string, type: string, caller: Caller, input: unknown): Promise<Answer> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...headersOf(credentials.get(caller)),
    }
    const text = input === undefined ? undefined : JSON.stringify(input)
    if (type === 'mutation') {
      const url = `${gateway.url}/trpc/${path}`
      const response = await fetch(url, { method: 'POST', headers, body: text ?? '' })
      return parseAnswer(response.status, await response.text(), url.length)
    }
    const url = `${gateway.url}/trpc/${path}${text === undefined ? '' : `?input=${encodeURIComponent(text)}`}`
    if (type === 'query') {
      const response = await fetch(url, { headers })
      return parseAnswer(response.status, await response.text(), url.length)
    }
    // A subscription answers 200 with an event stream; a refused input is its first event.
    const abort = new AbortController()
    const response = await globalThis.fetch(url, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: abort.signal,
    })
    let stream = ''
    const deadline = setTimeout(() => abort.abort(), 5000)
    try {
      const decoder = new TextDecoder()
      for await (const chunk of response.body ?? []) {
        stream += decoder.decode(chunk as Uint8Array, { stream: true })
        if (/event: (serialized-error|message)\n/.test(stream) || /\ndata: \{"result"/.test(stream)) break
        if (response.status !== 200) continue
      }
    } catch {
      // aborted at the deadline: what arrived is the answer
    } finally {
      clearTimeout(deadline)
      abort.abort()
    }
    const serialized = /event: serialized-error\ndata: (.*)\n/.exec(stream)?.[1]
    if (response.status !== 200 || !serialized) return parseAnswer(response.status, stream, url.length)
    const error = JSON.parse(serialized) as Answer['error']
    return { status: error?.data?.httpStatus ?? 500, error, text: stream, urlLength: url.length }
  }

  function parseAnswer(status: number, text: string, urlLength: number): Answer {
    try {
      const body = JSON.parse(text) as { error?: Answer['error'] }
      return { status, error: body.error, text, urlLength }
    } catch {
      return { status, text, urlLength }
    }
  }

  describe('every procedure of the router', () => {
    it('has procedures to try', () => {
      expect(procedures.length).toBeGreaterThan(50)
    })

    it.each(procedures)('$path ($type, $access)', async ({ path, type, access, schema }) => {
      const allowed = allowedBy[access] ?? []
      expect(allowed, `no callers known for access rule "${access}"`).not.toHaveLength(0)
      const refused = callers.filter((caller) => !allowed.includes(caller))
      // A mutation that takes no input would run for a caller it allows, junk or not (signing out,
      // a kiosk's heartbeat); those are tried with callers it refuses only.
      const allowedTried = schema || type !== 'mutation' ? allowed : []
      const caller = fc.oneof(
        {
          weight: allowedTried.length ? 4 : 0,
          arbitrary: fc.constantFrom(...(allowedTried.length ? allowedTried : refused)),
        },
        { weight: 1, arbitrary: fc.constantFrom(...refused) },
      )
      const fields = fieldNamesOf(schema)
      // Query inputs travel in the URL, so their strings stay short there.
      const maxHuge = type === 'mutation' ? 100_000 : 300
      const input = fc
        .oneof(hostileJson(fields, maxHuge), shapedInput(fields, maxHuge))
        .map(asSent)
        .filter((value) => refusedBySchema(schema, value))
      const before = await fingerprint()

      await fc.assert(
        fc.asyncProperty(caller, input, async (who, value) => {
          const answer = await call(path, type, who, value)
          const context = `${who} → ${path} answered ${answer.status}: ${answer.text.slice(0, 500)}`
          expect(answer.status, context).toBeLessThan(500)
          if (answer.status === 431 || answer.status === 414) {
            expect(answer.urlLength, `${context} (only an over-long URL may be refused so)`).toBeGreaterThan(longestUrl)
            return
          }
          const code = answer.error?.data?.code
          if (!allowed.includes(who)) {
            expect(answer.status, context).toBeOneOf([401, 403])
            expect(refusalCodes.has(code ?? ''), context).toBe(true)
            return
          }
          if (!schema && nulCharacterAt(value) === null) {
            // A procedure without input ignores what it was sent (unless it holds U+0000, which nothing takes).
            expect(answer.status, context).toBe(200)
            return
          }
          expect(answer.status, context).toBe(400)
          expect(code, context).toBe('INVALID_INPUT')
          let expectedFields: string[] | 'accepted'
          try {
            expectedFields = refusedFields(schema, value)
          } catch (error) {
            throw new Error(`the input schema of ${path} threw instead of refusing: ${String(error)}`, { cause: error })
          }
          const named = (answer.error?.data?.fieldErrors ?? []).map((problem) => problem.field)
          expect(named, `${context}: the fields refused`).toEqual(expectedFields)
          for (const field of named) expect(answer.error?.message, context).toContain(`${field || 'input'}: `)
        }),
        fuzzParameters(type === 'subscription' ? runsPerProcedure / 2 : runsPerProcedure),
      )
      expect(await fingerprint(), `${path} changed the database`).toEqual(before)
    })
  })

  it('queries given inputs their schema accepts but full of hostile text answer without a 5xx and change nothing', async () => {
    // Strings with NUL, lone surrogates, overrides and so on that a schema lets through reach the
    // domain and the database; they must be answered (found or not), never fail there.
    const queries = procedures.filter((procedure) => procedure.type === 'query' && procedure.schema)
    const before = await fingerprint()
    const text = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...trickyStrings) },
      { weight: 1, arbitrary: hostileString(40) },
      { weight: 2, arbitrary: fc.constantFrom('en', 'ur', 'health', 'lahore-gulberg', 'TP-2026-000001') },
    )
    const sample = fc.constantFrom(...queries).chain((procedure) =>
      fc.tuple(
        fc.constant(procedure),
        fc.constantFrom(...(allowedBy[procedure.access] ?? ['anonymous'])),
        fc
          .tuple(...fieldNamesOf(procedure.schema).map((field) => fc.option(fc.tuple(fc.constant(field), text))))
          .map((entries) => asSent(Object.fromEntries(entries.filter((entry) => entry !== null)))),
      ),
    )
    let accepted = 0
    let tried = 0
    await fc.assert(
      fc.asyncProperty(sample, async ([procedure, who, value]) => {
        tried += 1
        if (!refusedBySchema(procedure.schema, value)) accepted += 1
        const answer = await call(procedure.path, procedure.type, who, value)
        const context = `${who} → ${procedure.path}(${JSON.stringify(value)}) answered ${answer.status}: ${answer.text.slice(0, 300)}`
        expect(answer.status, context).toBeLessThan(500)
        if (answer.status >= 400) expect(answer.error?.data?.code, context).toBeTypeOf('string')
      }),
      fuzzParameters(120),
    )
    // Most of these got past the schema, so they tried the domain and the database behind it.
    expect(accepted / tried).toBeGreaterThan(0.4)
    expect(await fingerprint()).toEqual(before)
  })

  it('malformed requests to /trpc (bodies, media types, methods, batches, paths) are refused clearly', async () => {
    const safe = procedures.filter((procedure) => procedure.schema || procedure.type === 'query')
    const queries = procedures.filter((procedure) => procedure.type === 'query')
    const junkText = fc.oneof(
      hostileString(5000),
      hostileJson().map((value) => (JSON.stringify(value) ?? '').slice(0, -1)), // cut short
      fc.constantFrom(
        '{',
        '[',
        '{"a":',
        '{"__proto__":',
        'undefined',
        "{'a':1}",
        '{"a":1,}',
        '\u0000',
        'NaN',
        '1e99999',
      ),
    )
    const request = fc.oneof(
      // JSON that is not JSON, or not UTF-8
      fc.record({
        kind: fc.constant('body' as const),
        procedure: fc.constantFrom(...safe.map((procedure) => procedure.path)),
        body: fc.oneof(
          junkText,
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
          fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d])),
        ),
        contentType: fc.oneof(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-16',
            'APPLICATION/JSON',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=hostile',
            'multipart/form-data',
            'application/octet-stream',
            'application/jsonl',
            'text/event-stream',
            '',
          ),
          headerText(100),
        ),
      }),
      // A query's input in the URL that is not JSON, and batches of queries with junk inputs
      fc.record({
        kind: fc.constant('query' as const),
        procedures: fc.array(fc.constantFrom(...queries.map((procedure) => procedure.path)), {
          minLength: 1,
          maxLength: 4,
        }),
        batch: fc.boolean(),
        input: fc.oneof(
          junkText,
          hostileJson().map((value) => JSON.stringify(value) ?? ''),
        ),
      }),
      // The wrong method for the procedure
      fc.record({
        kind: fc.constant('method' as const),
        procedure: fc.constantFrom(...safe.map((procedure) => procedure.path)),
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      }),
      // Paths that name no procedure, some not even well-formed percent-encoding
      fc.record({
        kind: fc.constant('path' as const),
        path: fc.oneof(
          fc.constantFrom(
            '%',
            '%zz',
            '%E0%A4%A',
            '%C0%AF',
            '%00',
            '..%2f..%2fetc',
            'a,b,,',
            '__proto__',
            'constructor.prototype',
            'identity.__proto__',
          ),
          hostileString(300).map((text) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))),
        ),
      }),
    )
    const caller = fc.constantFrom(...callers)
    const before = await fingerprint()
    await fc.assert(
      fc.asyncProperty(request, caller, async (sent, who) => {
        const headers = headersOf(credentials.get(who))
        let response: Response
        let described: string
        if (sent.kind === 'body') {
          if (sent.contentType) headers['content-type'] = sent.contentType
          response = await fetch(`${gateway.url}/trpc/${sent.procedure}`, { method: 'POST', headers, body: sent.body })
          described = `POST ${sent.procedure} as ${sent.contentType}`
        } else if (sent.kind === 'query') {
          const path = sent.procedures.join(',')
          const input = sent.batch ? `{"0":${sent.input}}` : sent.input
          const url = `${gateway.url}/trpc/${path}?${sent.batch ? 'batch=1&' : ''}input=${encodeURIComponent(input.replace(/[\uD800-\uDFFF]/g, '?'))}`
          response = await fetch(url, { headers })
          described = `GET ${path}${sent.batch ? ' (batch)' : ''}`
        } else if (sent.kind === 'method') {
          response = await fetch(`${gateway.url}/trpc/${sent.procedure}`, {
            method: sent.method,
            headers: { ...headers, 'content-type': 'application/json' },
            ...(sent.method === 'GET' || sent.method === 'OPTIONS' ? {} : { body: '{}' }),
          })
          described = `${sent.method} ${sent.procedure}`
        } else {
          response = await fetch(`${gateway.url}/trpc/${sent.path}`, { headers })
          described = `GET /trpc/${sent.path}`
        }
        const text = await response.text()
        const context = `${who}: ${described} answered ${response.status}: ${text.slice(0, 300)}`
        expect(response.status, context).toBeLessThan(500)
        if (sent.kind === 'method' && sent.method === 'OPTIONS') {
          // CORS preflight: answered by the CORS plugin (400 "Invalid Preflight Request" without an Origin).
          expect(response.status, context).toBeOneOf([204, 400])
        } else if (response.status >= 400 && response.status !== 431 && response.status !== 414) {
          expect(errorCodeOf(text) ?? 'none', context).toMatch(/^[A-Z_]+$/)
        }
      }),
      fuzzParameters(200),
    )
    expect(await fingerprint()).toEqual(before)
  })

  describe('the endpoints departments and the payment provider call', () => {
    const attacker = generateSigningKeyPair('traffic-police-hostile') // the department's key id, another key
    const attackerSigner: SigningIdentity = {
      keyId: attacker.keyId,
      privateKey: loadPrivateKey(attacker.privateKeyPem),
    }
    // Mostly well-formed, so the department is looked up (before the signature is checked).
    const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad })
    const statusCallbackShape = fc.record({
      department: fc.oneof(fc.constant('traffic-police'), fc.constantFrom(...trickyStrings), hostileString(100)),
      trackingNumber: mostly(fc.constant('TP-2026-000001'), hostileString(60)),
      status: mostly(fc.constantFrom('received', 'approved', 'rejected', 'completed'), hostileString(20)),
      occurredAt: mostly(fc.constant(new Date().toISOString()), hostileString(40)),
    })
    const paymentShape = fc.record({
      psid: fc.oneof(fc.constant('100000000000000001'), hostileString(30)),
      amountMinor: fc.oneof(fc.constant(150_000), hostileJson()),
      currency: fc.oneof(fc.constant('PKR'), hostileString(10)),
      reference: hostileString(100),
      paidAt: fc.oneof(fc.constant(new Date().toISOString()), hostileString(40)),
    })
    const body = fc.oneof(
      statusCallbackShape.map((value) => JSON.stringify(value)),
      paymentShape.map((value) => JSON.stringify(value)),
      hostileJson([], 20_000).map((value) => JSON.stringify(value) ?? ''),
      hostileString(20_000),
      fc.constantFrom(deepJsonText(20_000, 'array'), deepJsonText(8000, 'object')), // within 64 KB: deep, not big
      fc.constant(''),
    )
    type Forgery = 'none' | 'junk' | 'other key' | 'other body' | 'stale' | 'future'
    const forgery = fc.constantFrom<Forgery>('none', 'junk', 'other key', 'other body', 'stale', 'future')
    const endpoint = fc.oneof(
      fc.constantFrom('/federation/v1/status', '/payments/v1/callback'),
      fc
        .oneof(
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
          hostileString(200).map((text) => text.replace(/[\uD800-\uDFFF]/g, '')),
        )
        .map((sha) => `/federation/v1/documents/${encodeURIComponent(sha)}`),
    )

    async function forgedHeaders(
      kind: Forgery,
      method: string,
      url: string,
      sentBody: string,
      junk: string[],
    ): Promise<Record<string, string>> {
      const base = { 'x-request-id': randomUUID(), 'x-darwaza-department': 'traffic-police' }
      const hour = 3_600_000
      switch (kind) {
        case 'none':
          return {}
        case 'junk':
          return {
            signature: junk[0] ?? '',
            'signature-input': junk[1] ?? '',
            'content-digest': junk[2] ?? '',
            'x-darwaza-department': junk[3] ?? '',
          }
        case 'other key':
          return signRequest({ method, url, headers: base, body: sentBody }, attackerSigner)
        case 'other body':
          return signRequest({ method, url, headers: base, body: `${sentBody} ` }, departmentSigner)
        case 'stale':
          return signRequest(
            { method, url, headers: base, body: sentBody },
            departmentSigner,
            new Date(Date.now() - hour),
          )
        case 'future':
          return signRequest(
            { method, url, headers: base, body: sentBody },
            departmentSigner,
            new Date(Date.now() + hour),
          )
      }
    }

    it('junk bodies, media types and forged signatures: never a 5xx, a clear error, nothing changed', async () => {
      const before = await fingerprint()
      const contentType = fc.constantFrom(
        'application/json',
        'text/plain',
        'application/octet-stream',
        'multipart/form-data; boundary=x',
        '',
      )
      await fc.assert(
        fc.asyncProperty(
          endpoint,
          body,
          contentType,
          forgery,
          fc.array(headerText(), { minLength: 4, maxLength: 4 }),
          async (path, sentBody, type, kind, junk) => {
            const method = path.startsWith('/federation/v1/documents/') ? 'GET' : 'POST'
            const url = `${gateway.url}${path}`
            const headers = await forgedHeaders(kind, method, url, method === 'GET' ? '' : sentBody, junk)
            if (type && method === 'POST') headers['content-type'] = type
            const response = await fetch(url, { method, headers, ...(method === 'POST' ? { body: sentBody } : {}) })
            const text = await response.text()
            const context = `${method} ${path} (${kind} signature, ${type}) answered ${response.status}: ${text.slice(0, 300)}`
            expect(response.status, context).toBeLessThan(500)
            // 414: a path segment longer than any SHA-256, refused by the router before the handler
            expect(response.status, context).toBeOneOf([400, 401, 404, 413, 414, 415])
            expect(errorCodeOf(text) ?? 'none', context).toMatch(/^[A-Za-z_]+$/)
            expect(errorMessageOf(text) ?? '', context).toMatch(/\S/)
          },
        ),
        fuzzParameters(150),
      )
      expect(await fingerprint()).toEqual(before)
    })
  })

  it('open data, health, readiness and the gateway keys answer junk requests without a 5xx', async () => {
    const paths = [
      '/health',
      '/ready',
      '/.well-known/darwaza/gateway-keys.json',
      '/open-data/catalogue.jsonld',
      '/open-data/catalogue.csv',
      '/open-data/service-centres.json',
      '/open-data/service-centres.csv',
    ]
    const query = fc
      .array(fc.tuple(hostileString(50), hostileString(200)), { maxLength: 3 })
      .map((pairs) =>
        new URLSearchParams(pairs.map(([key, value]) => [key, value.replace(/[\uD800-\uDFFF]/g, '')])).toString(),
      )
    const before = await fingerprint()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
        query,
        fc.record(
          {
            'if-none-match': headerText(100),
            accept: headerText(100),
            'x-request-id': headerText(100),
            range: headerText(100),
          },
          { requiredKeys: [] },
        ),
        async (path, method, search, headers) => {
          const response = await fetch(`${gateway.url}${path}${search ? `?${search}` : ''}`, {
            method,
            headers,
            ...(method === 'POST' || method === 'PUT' ? { body: '{"__proto__":{"admin":true}}' } : {}),
          })
          const text = await response.text()
          const context = `${method} ${path}?${search} answered ${response.status}: ${text.slice(0, 200)}`
          expect(response.status, context).toBeLessThan(500)
          if (method === 'GET' || method === 'HEAD') expect(response.status, context).toBeOneOf([200, 304])
        },
      ),
      fuzzParameters(100),
    )
    expect(await fingerprint()).toEqual(before)
  })

  describe('request bodies over the limit are refused before they are read', () => {
    const megabyte = 1024 * 1024
    const head = (path: string, headers: Record<string, string>) =>
      `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}\r\n`

    it.each([
      { path: '/trpc/identity.requestCode', type: 'application/json', declared: 100 * megabyte },
      { path: '/trpc/documents.upload', type: 'application/json', declared: 10 * megabyte },
      { path: '/trpc/documents.upload', type: 'multipart/form-data; boundary=x', declared: 100 * megabyte },
      { path: '/trpc/documents.upload', type: 'text/plain', declared: 100 * megabyte },
      { path: '/trpc/documents.upload', type: 'application/octet-stream', declared: 100 * megabyte },
      { path: '/federation/v1/status', type: 'application/json', declared: 10 * megabyte },
      { path: '/federation/v1/status', type: 'text/plain', declared: 100 * 1024 },
      { path: '/payments/v1/callback', type: 'application/json', declared: 10 * megabyte },
    ])(
      '$path ($type) that says it is $declared bytes and sends a few: 413 at once',
      async ({ path, type, declared }) => {
        const answer = await rawHttp(gateway.url, {
          head: head(path, {
            'content-type': type,
            'content-length': String(declared),
            ...headersOf(credentials.get('citizen')),
          }),
          body: '{"name":"',
          timeoutMs: 3000,
        })
        expect([413, 415], `${answer.status}: ${answer.body}`).toContain(answer.status)
        expect(errorCodeOf(answer.body) ?? 'none').toMatch(/^[A-Z_]+$/)
        expect(answer.elapsedMs).toBeLessThan(2000)
      },
    )

    it.each([
      { path: '/trpc/documents.upload', type: 'application/json', limit: 8 * megabyte },
      { path: '/trpc/documents.upload', type: 'multipart/form-data; boundary=x', limit: 8 * megabyte },
      { path: '/federation/v1/status', type: 'application/json', limit: 65_536 },
    ])('$path ($type): a chunked stream past the limit is cut off with 413', async ({ path, type, limit }) => {
      const answer = await rawHttp(gateway.url, {
        head: head(path, {
          'content-type': type,
          'transfer-encoding': 'chunked',
          ...headersOf(credentials.get('citizen')),
        }),
        streamChunkBytes: 64 * 1024,
        // Far beyond any limit: a server that reads it all is not cut off in time.
        streamLimitBytes: 200 * megabyte,
        timeoutMs: 10_000,
      })
      // The server answers 413 and closes; a client still writing may see only the reset.
      expect([0, 413, 415], `${answer.status}: ${answer.body}`).toContain(answer.status)
      // What the sockets' buffers held aside, the server stopped reading at its limit.
      expect(answer.bytesSent).toBeLessThan(limit + 16 * megabyte)
    })

    it('a real 10 MB body to /trpc and to /federation/v1/status is refused with 413', async () => {
      const big = JSON.stringify({ name: 'big.pdf', contentBase64: 'A'.repeat(10 * megabyte) })
      for (const path of ['/trpc/documents.upload', '/federation/v1/status']) {
        const response = await fetch(`${gateway.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headersOf(credentials.get('citizen')) },
          body: big,
        })
        const text = await response.text()
        expect(response.status, `${path}: ${text.slice(0, 200)}`).toBe(413)
        expect(errorCodeOf(text) ?? 'none').toMatch(/^[A-Z_]+$/)
      }
      // And the gateway is none the worse for it.
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200)
    })

    it('a body just under the federation limit is read and answered on its merits', async () => {
      const response = await fetch(`${gateway.url}/federation/v1/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ department: 'x'.repeat(60_000) }),
      })
      expect(response.status).toBe(400)
    })
  })

  it('changed nothing in the database', async () => {
    expect(await fingerprint()).toEqual(fingerprintBefore)
  })
})
