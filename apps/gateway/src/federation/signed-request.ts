// Every request the gateway sends a department is signed (RFC 9421, Ed25519) with the gateway's key,
// and every answer it acts on must be signed by the department, with a key registered for it, bound
// to that request: until the answer's signature is checked, nothing in it is believed.
import { protocolVersion, requestHeaders } from '@darwaza/contracts/department-protocol/v1'
import {
  signatureParameters,
  signRequest,
  verifyResponse,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import type { Db } from '@darwaza/db'

export interface SignedRequest {
  method: 'GET' | 'POST'
  url: URL
  requestId: string
  /** JSON body for POST; GET sends an empty body (still digested and signed). */
  body?: unknown
  timeoutMs: number
}

export async function sendSigned(signer: SigningIdentity, request: SignedRequest): Promise<Response> {
  return (await sendSignedRequest(signer, request)).response
}

/** Sends a signed request; gives the answer with the headers the request was sent with (its signature among them). */
export async function sendSignedRequest(
  signer: SigningIdentity,
  request: SignedRequest,
): Promise<{ response: Response; headers: Record<string, string> }> {
  const body = request.body === undefined ? '' : JSON.stringify(request.body)
  const headers = await signRequest(
    {
      method: request.method,
      url: request.url.href,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        [requestHeaders.requestId]: request.requestId,
        [requestHeaders.protocolVersion]: protocolVersion,
      },
      body,
    },
    signer,
  )
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    ...(request.method === 'POST' ? { body } : {}),
    redirect: 'error',
    signal: AbortSignal.timeout(request.timeoutMs),
  })
  return { response, headers }
}

/** What proves who said what in one exchange: the gateway's request signature and the department's answer signature. */
export interface ExchangeEvidence {
  request: { keyId: string; nonce: string; signature: string }
  answer: { keyId: string; nonce: string; signature: string; signatureInput: string; contentDigest: string }
}

/** A department's answer: believed (signed by one of its keys, for this request) or not. */
export type DepartmentAnswer =
  | { signed: true; status: number; text: string; evidence: ExchangeEvidence }
  | { signed: false; status: number; reason: string }

/**
 * Sends a signed request and checks the answer's signature against the department's registered
 * keys before anything reads it. Throws, like fetch, when no answer comes (refused, timed out). The
 * answer's times are checked against the clock that signed the request.
 */
export async function askDepartment(
  signer: SigningIdentity,
  request: SignedRequest,
  departmentKeys: ReadonlyMap<string, string> | Promise<ReadonlyMap<string, string>>,
): Promise<DepartmentAnswer> {
  const { response, headers: sent } = await sendSignedRequest(signer, request)
  const bytes = Buffer.from(await response.arrayBuffer())
  const headers = Object.fromEntries(response.headers)
  const check = await verifyResponse(
    { status: response.status, headers, body: bytes },
    { method: request.method, url: request.url.href, headers: sent },
    await departmentKeys,
  )
  if (!check.ok) return { signed: false, status: response.status, reason: check.reason }
  const ours = signatureParameters(sent)
  return {
    signed: true,
    status: response.status,
    text: bytes.toString('utf8'),
    evidence: {
      request: { keyId: ours?.keyId ?? signer.keyId, nonce: ours?.nonce ?? '', signature: sent.signature ?? '' },
      answer: {
        keyId: check.keyId,
        nonce: check.nonce,
        signature: headers.signature ?? '',
        signatureInput: headers['signature-input'] ?? '',
        contentDigest: headers['content-digest'] ?? '',
      },
    },
  }
}

/** A department's active (not revoked) public keys, keyId → key: the keys its answers and callbacks are checked against. */
export async function activeDepartmentKeys(db: Db, departmentCode: string): Promise<Map<string, string>> {
  const keys = await db.departmentKey.findMany({
    where: { department: { code: departmentCode }, revokedAt: null },
    select: { keyId: true, publicKey: true },
  })
  return new Map(keys.map((key) => [key.keyId, key.publicKey]))
}

/** A path on a department's base URL (which may itself have a path). */
export function departmentUrl(baseUrl: string, path: string): URL {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  return new URL(path.replace(/^\/+/, ''), base)
}
