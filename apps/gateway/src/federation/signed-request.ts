// Every request the gateway sends a department is signed (RFC 9421, Ed25519) with the gateway's key.
import { protocolVersion, requestHeaders } from '@darwaza/contracts/department-protocol/v1'
import { signRequest, type SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'

export interface SignedRequest {
  method: 'GET' | 'POST'
  url: URL
  requestId: string
  /** JSON body for POST; GET sends an empty body (still digested and signed). */
  body?: unknown
  timeoutMs: number
}

export async function sendSigned(signer: SigningIdentity, request: SignedRequest): Promise<Response> {
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
  return fetch(request.url, {
    method: request.method,
    headers,
    ...(request.method === 'POST' ? { body } : {}),
    redirect: 'error',
    signal: AbortSignal.timeout(request.timeoutMs),
  })
}

/** A path on a department's base URL (which may itself have a path). */
export function departmentUrl(baseUrl: string, path: string): URL {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  return new URL(path.replace(/^\/+/, ''), base)
}
