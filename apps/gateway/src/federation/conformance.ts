// The department conformance kit: checks that an endpoint speaks version 1 of the department protocol.
// The gateway runs it before a department goes live; departments run it themselves with
// `pnpm conformance` (apps/gateway/src/conformance-cli.ts). Every check runs, and each failure says why.
// Besides what each answer says, the kit checks that every answer to a sample request is signed by one
// of the department's keys, bound to that request, as the gateway will insist on.
import { randomUUID } from 'node:crypto'
import type { ConformanceCheck, ConformanceReport } from '@darwaza/contracts/departments'
import {
  signRequest,
  verifyResponse,
  type SignatureCheck,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import {
  DeliveryReceipt,
  HealthResponse,
  LookupAnswer,
  ProtocolError,
  protocolVersion,
  requestHeaders,
  type ApplicationDelivery,
  type LookupRequest,
} from '@darwaza/contracts/department-protocol/v1'
import { departmentUrl, sendSignedRequest } from './signed-request.ts'

export interface ConformanceService {
  slug: string
  kind: 'application' | 'lookup'
  version: number
  endpointPath: string
  formSchema: Record<string, unknown>
  /** The department quotes the fee: its answer to the sample dry run must carry the quote. */
  feeQuoted?: boolean
}

export interface ConformanceTarget {
  baseUrl: string
  /** The department code its health answer must name; omitted when the kit is run without it. */
  departmentCode?: string
  /** The department's public keys (keyId → key), which its answers must be signed with. */
  departmentKeys: ReadonlyMap<string, string>
  services: ConformanceService[]
}

interface Answer {
  status: number
  json: unknown
  /** Whether the answer is signed by one of the department's keys, for this request. */
  signature: SignatureCheck
}

/** The first example in a form schema: the sample request the kit sends for a service. */
export function sampleOf(service: ConformanceService): Record<string, unknown> | null {
  const examples = service.formSchema.examples
  const first = Array.isArray(examples) ? (examples[0] as unknown) : undefined
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : null
}

export async function runConformance(
  target: ConformanceTarget,
  options: { signer: SigningIdentity; timeoutMs: number; now?: () => Date },
): Promise<ConformanceReport> {
  const now = options.now ?? (() => new Date())
  const checks: ConformanceCheck[] = []
  const check = async (name: string, run: () => Promise<string | null>) => {
    try {
      const failure = await run()
      checks.push(failure ? { name, passed: false, reason: failure } : { name, passed: true })
    } catch (error) {
      checks.push({ name, passed: false, reason: describe(error, options.timeoutMs) })
    }
  }
  const signed = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> => {
    const url = departmentUrl(target.baseUrl, path)
    const { response, headers } = await sendSignedRequest(options.signer, {
      method,
      url,
      requestId: `conformance-${randomUUID()}`,
      body,
      timeoutMs: options.timeoutMs,
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    const signature = await verifyResponse(
      { status: response.status, headers: Object.fromEntries(response.headers), body: bytes },
      { method, url: url.href, headers },
      target.departmentKeys,
      now(),
    )
    return { status: response.status, json: parseJson(bytes.toString('utf8')), signature }
  }
  /** The signature of each answer to a sample request, checked once they are all in. */
  const answerSignatures: { what: string; signature: SignatureCheck }[] = []

  await check('answers the health call', async () => {
    const answer = await signed('GET', '/health')
    if (answer.status !== 200) return `GET /health answered HTTP ${answer.status}, expected 200`
    const health = HealthResponse.safeParse(answer.json)
    if (!health.success) return `GET /health answer does not match HealthResponse: ${issues(health.error)}`
    if (target.departmentCode && health.data.department !== target.departmentCode) {
      return `GET /health names department "${health.data.department}", expected "${target.departmentCode}"`
    }
    return null
  })

  const probe = target.services[0]
  if (!probe) {
    checks.push({
      name: 'has services to check',
      passed: false,
      reason: 'the department has no services in the catalogue',
    })
  } else {
    const body = requestBody(probe, sampleOf(probe) ?? {}, true)
    const url = departmentUrl(target.baseUrl, probe.endpointPath)
    await check('rejects an unsigned request', async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [requestHeaders.requestId]: `conformance-${randomUUID()}`,
          [requestHeaders.protocolVersion]: protocolVersion,
        },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      return expectUnauthorized(response.status, parseJson(await response.text()), 'an unsigned request')
    })
    await check('rejects a request whose signature does not match', async () => {
      // Signed, then altered in transit: the body no longer matches what was signed.
      const requestId = `conformance-${randomUUID()}`
      const headers = await signRequest(
        {
          method: 'POST',
          url: url.href,
          headers: {
            'content-type': 'application/json',
            [requestHeaders.requestId]: requestId,
            [requestHeaders.protocolVersion]: protocolVersion,
          },
          body: JSON.stringify(body),
        },
        options.signer,
        now(),
      )
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...body, requestId: `${requestId}-altered` }),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      return expectUnauthorized(response.status, parseJson(await response.text()), 'a request with a bad signature')
    })
  }

  for (const service of target.services) {
    await check(
      `answers a sample ${service.kind === 'lookup' ? 'look-up' : 'application'} for ${service.slug}`,
      async () => {
        const sample = sampleOf(service)
        if (!sample) return `the form schema of ${service.slug} has no "examples" to send as a sample request`
        const answer = await signed('POST', service.endpointPath, requestBody(service, sample, true))
        answerSignatures.push({ what: `the answer to POST ${service.endpointPath}`, signature: answer.signature })
        if (answer.status !== 200) {
          const error = ProtocolError.safeParse(answer.json)
          return `POST ${service.endpointPath} answered HTTP ${answer.status}${error.success ? ` (${error.data.error.code}: ${error.data.error.message})` : ''}, expected 200`
        }
        const parsed =
          service.kind === 'lookup' ? LookupAnswer.safeParse(answer.json) : DeliveryReceipt.safeParse(answer.json)
        if (!parsed.success) {
          return `the answer does not match ${service.kind === 'lookup' ? 'LookupAnswer' : 'DeliveryReceipt'}: ${issues(parsed.error)}`
        }
        if (service.feeQuoted && !('quote' in parsed.data && parsed.data.quote)) {
          return `${service.slug} has a quoted fee, but the answer to the dry run carries no "quote"`
        }
        return null
      },
    )
  }

  await check('signs its answers with a key registered for the department', async () => {
    if (target.departmentKeys.size === 0) return 'the department has no registered keys to check its answers against'
    if (answerSignatures.length === 0) return 'no sample request was answered, so no answer signature could be checked'
    const unsigned = answerSignatures.flatMap(({ what, signature }) =>
      signature.ok ? [] : [`${what}: ${signature.reason}`],
    )
    return unsigned.length > 0 ? unsigned.join('; ') : null
  })

  return {
    passed: checks.every((entry) => entry.passed),
    checkedAt: now().toISOString(),
    baseUrl: target.baseUrl,
    checks,
  }
}

function requestBody(service: ConformanceService, sample: Record<string, unknown>, dryRun: boolean) {
  const requestId = `conformance-${randomUUID()}`
  if (service.kind === 'lookup') {
    const lookup: LookupRequest = {
      requestId,
      service: service.slug,
      query: sample as LookupRequest['query'],
    }
    return lookup
  }
  const delivery: ApplicationDelivery = {
    requestId,
    idempotencyKey: requestId,
    service: service.slug,
    serviceVersion: service.version,
    trackingNumber: 'CONFORMANCE',
    submittedAt: new Date().toISOString(),
    actor: { kind: 'citizen' },
    citizen: {},
    form: sample,
    dryRun,
  }
  return delivery
}

function expectUnauthorized(status: number, json: unknown, what: string): string | null {
  if (status !== 401) return `${what} was answered with HTTP ${status}, expected 401`
  const error = ProtocolError.safeParse(json)
  if (!error.success || error.data.error.code !== 'unauthorized') {
    return `${what} got 401 but not the protocol error { error: { code: "unauthorized" } }`
  }
  return null
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
    return `the endpoint could not be reached: ${error.message}${cause}`
  }
  return String(error)
}
