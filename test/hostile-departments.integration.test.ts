// Hostile input to the reference departments (issue #7, item 4): each of the six runs the department
// protocol server, which must refuse whatever the gateway did not sign (junk, forged, stale and
// tampered signatures) and answer malformed requests the gateway did sign with a clear protocol error,
// never a 5xx, and keep its own records as they were.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import {
  ApplicationDelivery,
  InformationAnswer,
  LookupRequest,
  StatusQuery,
} from '@darwaza/contracts/department-protocol/v1'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import {
  createReferenceDepartment,
  referenceDepartmentCodes,
  type ReferenceDepartmentCode,
} from '@darwaza/departments/reference'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchFolder } from './support/databases.ts'
import {
  asSent,
  fuzzParameters,
  headerText,
  hostileJson,
  hostileString,
  shapedInput,
  sqliteFileFingerprint,
  trickyStrings,
} from './support/hostile-input.ts'

/** The services each reference department answers, by kind (the paths of the protocol). */
const services: Record<ReferenceDepartmentCode, { lookups: string[]; applications: string[] }> = {
  'traffic-police': {
    lookups: ['echallan-verification'],
    applications: ['driving-licence-renewal', 'echallan-payment'],
  },
  'civil-registration': { lookups: [], applications: ['birth-certificate'] },
  health: { lookups: ['primary-care-slots'], applications: ['primary-care-appointment'] },
  education: { lookups: [], applications: ['school-registration'] },
  'water-board': { lookups: ['water-bill'], applications: ['water-connection', 'water-bill-payment'] },
  'social-welfare': { lookups: [], applications: ['benefit-claim'] },
}
/** The fields the look-ups read from a query. */
const lookupFields = ['challanNumber', 'facility', 'consumerNumber']

const gatewayKey = generateSigningKeyPair('hostile-gateway')
const gatewaySigner: SigningIdentity = { keyId: gatewayKey.keyId, privateKey: loadPrivateKey(gatewayKey.privateKeyPem) }
const impostorKey = generateSigningKeyPair('hostile-gateway') // the gateway's key id, another key
const impostor: SigningIdentity = { keyId: impostorKey.keyId, privateKey: loadPrivateKey(impostorKey.privateKeyPem) }

function fetchWithin(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(10_000), ...init })
}

/** The protocol's error ({ error: { code, message, field } }), or Fastify's own ({ code, message }) for a bad URL. */
function protocolError(text: string): { code?: unknown; message?: unknown; field?: unknown } {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; error?: unknown }
    if (typeof body.error === 'object' && body.error !== null) return body.error
    return { code: body.code, message: body.message }
  } catch {
    return {}
  }
}

describe('hostile input to the reference departments', () => {
  const running = new Map<ReferenceDepartmentCode, { server: RunningDepartment; url: string; file: string }>()
  const fingerprints = () =>
    Object.fromEntries([...running].map(([code, { file }]) => [code, sqliteFileFingerprint(file)]))
  let before: ReturnType<typeof fingerprints>

  beforeAll(async () => {
    const dataDir = scratchFolder()
    for (const code of referenceDepartmentCodes) {
      const own = generateSigningKeyPair(`${code}-hostile`)
      // Built apart from the call: the department's own key (which signs its answers) is passed along.
      const options = {
        dataDir,
        gatewayKeys: new Map([[gatewayKey.keyId, gatewayKey.publicKey]]),
        officerPassword: 'officer-hostile-password',
        signer: { keyId: own.keyId, privateKey: loadPrivateKey(own.privateKeyPem) },
      }
      const server = createReferenceDepartment(code, options)
      running.set(code, { server, url: await server.listen(0), file: path.join(dataDir, `${code}.db`) })
    }
    before = fingerprints()
  })
  afterAll(async () => {
    for (const { server } of running.values()) await server.close()
  })

  const department = fc.constantFrom(...referenceDepartmentCodes)
  const protocolPath = (code: ReferenceDepartmentCode) => {
    const known = [
      ...services[code].lookups.map((s) => `/lookups/${s}`),
      ...services[code].applications.flatMap((s) => [`/applications/${s}`, `/applications/${s}/answers`]),
    ]
    return fc.oneof(
      fc.constantFrom(
        ...known,
        '/status-queries',
        '/issued/1',
        '/health',
        '/officer',
        '/officer/status',
        '/officer/documents/TP-1/abc',
      ),
      hostileString(200).map((text) => `/${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))}`),
      fc.constantFrom(
        '/lookups/%',
        '/applications/%E0%A4%A',
        '/lookups/__proto__',
        '/applications/constructor/answers',
      ),
    )
  }

  it('unsigned, forged, stale and tampered requests are refused with a clear error and change nothing', async () => {
    type Forgery = 'none' | 'junk' | 'impostor' | 'other body' | 'stale' | 'future' | 'basic junk'
    const request = department.chain((code) =>
      fc.record({
        code: fc.constant(code),
        path: protocolPath(code),
        method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE'),
        body: fc.oneof(
          hostileJson([], 20_000).map((value) => JSON.stringify(value) ?? ''),
          hostileString(20_000),
        ),
        contentType: fc.oneof(
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            '',
          ),
          headerText(60),
        ),
        forgery: fc.constantFrom<Forgery>('none', 'junk', 'impostor', 'other body', 'stale', 'future', 'basic junk'),
        junk: fc.array(headerText(), { minLength: 3, maxLength: 3 }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const { url: base } = running.get(sent.code)!
        const url = `${base}${sent.path}`
        const body = sent.method === 'GET' ? '' : sent.body
        const signed = {
          'x-request-id': randomUUID(),
          ...(sent.contentType ? { 'content-type': sent.contentType } : {}),
        }
        const hour = 3_600_000
        const sign = (signer: SigningIdentity, signedBody: string, at = new Date()) =>
          signRequest({ method: sent.method, url, headers: signed, body: signedBody }, signer, at)
        const headers: Record<string, string> =
          sent.forgery === 'junk'
            ? {
                ...signed,
                signature: sent.junk[0] ?? '',
                'signature-input': sent.junk[1] ?? '',
                'content-digest': sent.junk[2] ?? '',
              }
            : sent.forgery === 'impostor'
              ? await sign(impostor, body)
              : sent.forgery === 'other body'
                ? await sign(gatewaySigner, `${body}!`)
                : sent.forgery === 'stale'
                  ? await sign(gatewaySigner, body, new Date(Date.now() - hour))
                  : sent.forgery === 'future'
                    ? await sign(gatewaySigner, body, new Date(Date.now() + hour))
                    : sent.forgery === 'basic junk'
                      ? { ...signed, authorization: `Basic ${sent.junk[0] ?? ''}` }
                      : signed
        const response = await fetchWithin(url, {
          method: sent.method,
          headers,
          ...(sent.method === 'GET' ? {} : { body }),
        })
        const text = await response.text()
        const context = `${sent.code}: ${sent.method} ${sent.path} (${sent.forgery}, ${sent.contentType}) answered ${response.status}: ${text.slice(0, 300)}`
        expect(response.status, context).toBeLessThan(500)
        if (sent.path === '/health' && sent.method === 'GET') return
        if (sent.path.startsWith('/officer')) {
          // Behind the officer's password, which none of these carry: never served.
          expect(response.status, context).toBeOneOf([400, 401, 404, 413, 415])
          return
        }
        expect(response.status, context).toBeOneOf([400, 401, 404, 413, 415])
        if (response.status === 401) expect(protocolError(text).code, context).toBe('unauthorized')
        if (response.status === 400) expect(protocolError(text).message ?? '', context).toMatch(/\S/)
      }),
      fuzzParameters(300),
    )
    expect(fingerprints()).toEqual(before)
  })

  it('malformed requests the gateway did sign are refused as invalid, naming the field, and change nothing', async () => {
    const schemas = {
      lookups: LookupRequest,
      applications: ApplicationDelivery,
      answers: InformationAnswer,
      'status-queries': StatusQuery,
    } as const
    type Kind = keyof typeof schemas
    const fieldsOf = (kind: Kind) => Object.keys(schemas[kind].shape)
    const request = department.chain((code) => {
      const kinds: Kind[] = ['status-queries', 'answers', 'applications']
      if (services[code].lookups.length) kinds.push('lookups')
      return fc.constantFrom(...kinds).chain((kind) =>
        fc.record({
          code: fc.constant(code),
          kind: fc.constant(kind),
          service: fc.constantFrom(...(kind === 'lookups' ? services[code].lookups : services[code].applications)),
          body: fc
            .oneof(hostileJson(fieldsOf(kind), 20_000), shapedInput(fieldsOf(kind), 20_000))
            .map(asSent)
            .filter((value) => !schemas[kind].safeParse(value).success),
        }),
      )
    })
    await fc.assert(
      fc.asyncProperty(request, async ({ code, kind, service, body }) => {
        const path =
          kind === 'status-queries'
            ? '/status-queries'
            : kind === 'lookups'
              ? `/lookups/${service}`
              : kind === 'answers'
                ? `/applications/${service}/answers`
                : `/applications/${service}`
        const url = `${running.get(code)!.url}${path}`
        const text = JSON.stringify(body)
        const headers = await signRequest(
          {
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() },
            body: text,
          },
          gatewaySigner,
        )
        const response = await fetchWithin(url, { method: 'POST', headers, body: text })
        const answer = await response.text()
        const context = `${code}: POST ${path} ${text.slice(0, 200)} answered ${response.status}: ${answer.slice(0, 300)}`
        expect(response.status, context).toBe(400)
        const error = protocolError(answer)
        expect(error.code, context).toBe('invalid_query')
        expect(error.message, context).toMatch(/\S/)
        const issue = schemas[kind].safeParse(body).error?.issues[0]
        const field = issue?.path.map(String).join('.')
        if (field) expect(error.field, context).toBe(field)
      }),
      fuzzParameters(250),
    )
    expect(fingerprints()).toEqual(before)
  })

  it('signed look-ups with queries the protocol accepts but full of hostile text are answered, never failed', async () => {
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...trickyStrings) },
      { weight: 1, arbitrary: hostileString(500).map((text) => text.slice(0, 500)) },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
      },
      { weight: 1, arbitrary: fc.constantFrom('3520100001', '012345678901', 'bhu-1') },
    )
    const lookups = referenceDepartmentCodes.flatMap((code) =>
      services[code].lookups.map((service) => ({ code, service })),
    )
    const query = fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...lookupFields),
            hostileString(64).map((key) => key.slice(0, 64)),
          ),
          value,
        ),
        {
          maxLength: 4,
        },
      )
      .map((entries) => Object.fromEntries(entries))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lookups), query, async ({ code, service }, sentQuery) => {
        const url = `${running.get(code)!.url}/lookups/${service}`
        const body = { requestId: randomUUID(), service, query: sentQuery }
        if (!LookupRequest.safeParse(asSent(body)).success) return
        const text = JSON.stringify(body)
        const headers = await signRequest(
          {
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() },
            body: text,
          },
          gatewaySigner,
        )
        const response = await fetchWithin(url, { method: 'POST', headers, body: text })
        const answer = await response.text()
        const context = `${code}: ${service}(${JSON.stringify(sentQuery).slice(0, 200)}) answered ${response.status}: ${answer.slice(0, 300)}`
        expect(response.status, context).toBeOneOf([200, 400])
        if (response.status === 400) expect(protocolError(answer).code, context).toBe('invalid_query')
      }),
      fuzzParameters(250),
    )
    expect(fingerprints()).toEqual(before)
  })

  it('a body over the limit is refused before it is read', async () => {
    const { url } = running.get('civil-registration')!
    const response = await fetchWithin(`${url}/applications/birth-certificate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ form: { notes: 'x'.repeat(1024 * 1024) } }),
    })
    // The protocol server answers every refusal before its handlers as a 400 invalid_query.
    expect(response.status).toBeLessThan(500)
    expect(protocolError(await response.text()).message).toMatch(/too large|body/i)
  })
})
