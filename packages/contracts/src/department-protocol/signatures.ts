// HTTP Message Signatures (RFC 9421) with Ed25519, as both sides of the department protocol use them.
// A request's signature covers the method, the full target URI, the request id and the body (through
// its RFC 9530 Content-Digest), with created/expires times, a nonce and the signer's key id, so a
// signed request cannot be replayed elsewhere, altered, or kept for later. An answer's signature
// covers its status, media type, body digest and the request id it echoes, and is bound to the
// request it answers by covering that request's own signature ("signature";req), so an answer
// cannot be altered, kept for another request, or claimed by anyone but the signer. Server-side
// only (node:crypto); the web app never imports this module.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto'
import { createSigner, createVerifier, httpbis, type VerifyingKey } from 'http-message-signatures'
export { Ed25519PublicKey, KeyId } from './signatures-schema.ts'

export const signatureLabel = 'darwaza'
export const signatureTag = 'darwaza-v1'
export const coveredComponents = ['@method', '@target-uri', 'content-digest', 'x-request-id'] as const
/** An answer's signature has its own tag, so a request's signature can never pass for an answer's. */
export const answerSignatureTag = 'darwaza-v1-answer'
/**
 * What an answer's signature covers, as the components appear in its signature-input: its status,
 * media type and body digest, the request id it echoes, and the signature of the request it answers.
 */
export const answerCoveredComponents = [
  '"@status"',
  '"content-type"',
  '"content-digest"',
  '"x-request-id"',
  `"signature";req;key="${signatureLabel}"`,
] as const
/** How long a signature is valid after it is made, and how much clock drift is tolerated. */
export const signatureLifetimeSeconds = 300
export const clockToleranceSeconds = 30

export interface SigningIdentity {
  keyId: string
  privateKey: KeyObject
}

export interface SignableRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

/** An answer as sent or received: the body is the exact bytes (or their UTF-8 text). */
export interface SignableResponse {
  status: number
  headers: Record<string, string>
  body: string | Uint8Array
}

/** The request an answer answers, as it was sent (with its signature headers). */
export interface AnsweredRequest {
  method: string
  url: string
  headers: Record<string, string>
}

export function contentDigest(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`
}

export function generateSigningKeyPair(keyId: string): { keyId: string; privateKeyPem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    keyId,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: exportPublicKey(publicKey),
  }
}

export function loadPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem)
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 private key')
  return key
}

export function exportPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' })
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key')
  return jwk.x
}

export function publicKeyOf(privateKey: KeyObject): string {
  return exportPublicKey(createPublicKey(privateKey))
}

export function importPublicKey(base64url: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64url }, format: 'jwk' })
}

/** Returns the headers to send: the given ones plus content-digest, signature-input and signature. */
export async function signRequest(
  request: SignableRequest,
  signer: SigningIdentity,
  now: Date = new Date(),
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    ...lowerCased(request.headers),
    'content-digest': contentDigest(request.body),
  }
  if (!headers['x-request-id']) throw new Error('a signed request needs an x-request-id header')
  const signed = await httpbis.signMessage(
    {
      key: createSigner(signer.privateKey, 'ed25519', signer.keyId),
      name: signatureLabel,
      fields: [...coveredComponents],
      params: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
      paramValues: {
        created: now,
        expires: new Date(now.getTime() + signatureLifetimeSeconds * 1000),
        nonce: randomBytes(16).toString('base64url'),
        tag: signatureTag,
      },
    },
    { method: request.method.toUpperCase(), url: request.url, headers },
  )
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, String(value)]))
}

export type SignatureCheck = { ok: true; keyId: string; nonce: string; created: Date } | { ok: false; reason: string }

/**
 * Checks a received request's signature against the sender's registered public keys (keyId → key).
 * Replay protection beyond the time window (remembering nonces) is the receiver's job.
 */
export async function verifyRequest(
  request: SignableRequest,
  trustedKeys: ReadonlyMap<string, string>,
  now: Date = new Date(),
): Promise<SignatureCheck> {
  const headers = lowerCased(request.headers)
  if (!headers.signature || !headers['signature-input']) return { ok: false, reason: 'the request is not signed' }
  if (headers['content-digest'] !== contentDigest(request.body)) {
    return { ok: false, reason: 'the content-digest does not match the body' }
  }
  const params = parseSignatureInput(headers['signature-input'])
  if (!params) return { ok: false, reason: `no "${signatureLabel}" signature in signature-input` }
  const checked = checkParameters(
    params,
    signatureTag,
    coveredComponents.map((component) => `"${component}"`),
    trustedKeys,
    now,
  )
  if (typeof checked === 'string') return { ok: false, reason: checked }

  const verified = await verifyWithLibrary(params, checked.publicKey, coveredComponents, (config) =>
    httpbis.verifyMessage(config, { method: request.method.toUpperCase(), url: request.url, headers }),
  )
  if (typeof verified === 'string') return { ok: false, reason: verified }
  if (!verified) return { ok: false, reason: 'the signature does not match the request' }
  return { ok: true, keyId: checked.keyId, nonce: checked.nonce, created: checked.created }
}

/**
 * Signs an answer to a signed request. Returns the headers to send: the given ones (which must name
 * the content-type) plus x-request-id (the request's, echoed), content-digest, signature-input and
 * signature. Throws when the request carries no signature of ours to bind the answer to.
 */
export async function signResponse(
  response: SignableResponse,
  request: AnsweredRequest,
  signer: SigningIdentity,
  now: Date = new Date(),
): Promise<Record<string, string>> {
  const requestHeaders = lowerCased(request.headers)
  const requestId = requestHeaders['x-request-id']
  if (!requestId) throw new Error('only an answer to a request with an x-request-id can be signed')
  if (!labelledSignature(requestHeaders.signature ?? '')) {
    throw new Error(`only an answer to a request with a "${signatureLabel}" signature can be signed`)
  }
  const headers: Record<string, string> = {
    ...lowerCased(response.headers),
    'x-request-id': requestId,
    'content-digest': contentDigest(response.body),
  }
  if (!headers['content-type']) throw new Error('a signed answer needs a content-type header')
  const signed = await httpbis.signMessage(
    {
      key: createSigner(signer.privateKey, 'ed25519', signer.keyId),
      name: signatureLabel,
      fields: [...answerCoveredComponents],
      params: ['created', 'expires', 'nonce', 'keyid', 'alg', 'tag'],
      paramValues: {
        created: now,
        expires: new Date(now.getTime() + signatureLifetimeSeconds * 1000),
        nonce: randomBytes(16).toString('base64url'),
        tag: answerSignatureTag,
      },
    },
    { status: response.status, headers },
    { method: request.method.toUpperCase(), url: request.url, headers: requestHeaders },
  )
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]))
}

/**
 * Checks an answer's signature against the answering party's registered public keys, and that it
 * answers this request: the request id it echoes and the request signature it covers are this
 * request's. Nothing in the answer should be believed unless this says ok.
 */
export async function verifyResponse(
  response: SignableResponse,
  request: AnsweredRequest,
  trustedKeys: ReadonlyMap<string, string>,
  now: Date = new Date(),
): Promise<SignatureCheck> {
  const headers = lowerCased(response.headers)
  const requestHeaders = lowerCased(request.headers)
  if (!headers.signature || !headers['signature-input']) return { ok: false, reason: 'the answer is not signed' }
  if (headers['content-digest'] !== contentDigest(response.body)) {
    return { ok: false, reason: 'the content-digest does not match the body' }
  }
  const params = parseSignatureInput(headers['signature-input'])
  if (!params) return { ok: false, reason: `no "${signatureLabel}" signature in signature-input` }
  const checked = checkParameters(params, answerSignatureTag, answerCoveredComponents, trustedKeys, now)
  if (typeof checked === 'string') return { ok: false, reason: checked }
  if (headers['x-request-id'] !== requestHeaders['x-request-id']) {
    return {
      ok: false,
      reason: `the answer is for another request (x-request-id "${headers['x-request-id'] ?? ''}", expected "${requestHeaders['x-request-id'] ?? ''}")`,
    }
  }
  const signature = labelledSignature(headers.signature)
  if (!signature) return { ok: false, reason: `no "${signatureLabel}" signature in signature` }

  // Only our own label goes to the library: it would otherwise check every signature the answer
  // carries and believe the last one.
  const own = { ...headers, 'signature-input': params.raw, signature }
  const verified = await verifyWithLibrary(
    params,
    checked.publicKey,
    ['@status', 'content-type', 'content-digest', 'x-request-id', 'signature'],
    (config) =>
      httpbis.verifyMessage(
        config,
        { status: response.status, headers: own },
        { method: request.method.toUpperCase(), url: request.url, headers: requestHeaders },
      ),
  )
  if (typeof verified === 'string') return { ok: false, reason: verified }
  if (!verified) return { ok: false, reason: 'the signature does not match the answer and the request it answers' }
  return { ok: true, keyId: checked.keyId, nonce: checked.nonce, created: checked.created }
}

/** The key id, nonce and time of our signature on a message, as its signature-input gives them (unchecked). */
export function signatureParameters(
  headers: Record<string, string>,
): { keyId: string; nonce: string; created: Date } | null {
  const input = lowerCased(headers)['signature-input']
  const params = input ? parseSignatureInput(input) : null
  if (!params?.keyid || !params.nonce || params.created === undefined) return null
  return { keyId: params.keyid, nonce: params.nonce, created: new Date(params.created * 1000) }
}

interface SignatureParams {
  /** The covered components as they appear in the signature-input, e.g. `"@status"`, `"signature";req;key="darwaza"`. */
  components: string[]
  /** Our label's whole entry, `darwaza=(...);created=...`. */
  raw: string
  keyid?: string
  alg?: string
  tag?: string
  nonce?: string
  created?: number
  expires?: number
}

/** The checks both kinds of signature share; a reason when one fails. */
function checkParameters(
  params: SignatureParams,
  tag: string,
  required: readonly string[],
  trustedKeys: ReadonlyMap<string, string>,
  now: Date,
): string | { keyId: string; publicKey: string; nonce: string; created: Date } {
  if (params.alg !== 'ed25519') return 'the signature algorithm must be ed25519'
  if (params.tag !== tag) return `the signature tag must be "${tag}"`
  for (const component of required) {
    if (!params.components.includes(component))
      return `the signature does not cover ${component.replace(/^"([^"]+)"/, '$1')}`
  }
  if (!params.nonce) return 'the signature has no nonce'
  const publicKey = params.keyid ? trustedKeys.get(params.keyid) : undefined
  if (!params.keyid || !publicKey) return `key "${params.keyid ?? ''}" is not registered`
  const created = params.created
  if (created === undefined || params.expires === undefined) return 'the signature must carry created and expires times'
  const nowSeconds = Math.floor(now.getTime() / 1000)
  if (created > nowSeconds + clockToleranceSeconds) return 'the signature was created in the future'
  if (
    params.expires < nowSeconds - clockToleranceSeconds ||
    created < nowSeconds - signatureLifetimeSeconds - clockToleranceSeconds
  ) {
    return 'the signature has expired'
  }
  return { keyId: params.keyid, publicKey, nonce: params.nonce, created: new Date(created * 1000) }
}

/** Runs the library's verification with the key already chosen; a reason when it cannot check at all. */
async function verifyWithLibrary(
  params: SignatureParams,
  publicKey: string,
  requiredFields: readonly string[],
  verify: (config: Parameters<typeof httpbis.verifyMessage>[0]) => Promise<boolean | null>,
): Promise<boolean | null | string> {
  try {
    const key: VerifyingKey = {
      id: params.keyid,
      algs: ['ed25519'],
      verify: createVerifier(importPublicKey(publicKey), 'ed25519'),
    }
    return await verify({
      keyLookup: async (found) => (found.keyid === params.keyid ? key : null),
      // Times were checked against our own clock; the library checks them against Date.now().
      tolerance: Number.MAX_SAFE_INTEGER,
      requiredFields: [...requiredFields],
    })
  } catch (error) {
    return `the signature could not be checked: ${error instanceof Error ? error.message : String(error)}`
  }
}

const labelPattern = `(?:^|,)\\s*${signatureLabel}=`

function parseSignatureInput(header: string): SignatureParams | null {
  // darwaza=("@method" "@target-uri" ...);created=1;expires=2;nonce="...";keyid="...";alg="ed25519";tag="..."
  const match = new RegExp(`${labelPattern}(\\(([^)]*)\\)([^,]*))`).exec(header)
  if (!match) return null
  // Each component is a quoted name with its parameters: "@status", "signature";req;key="darwaza".
  const components = [...(match[2] ?? '').matchAll(/"[^"]+"(?:;[a-z][a-z0-9_.*-]*(?:=(?:"[^"]*"|[^\s;"]+))?)*/g)].map(
    (m) => m[0],
  )
  const params: SignatureParams = { components, raw: `${signatureLabel}=${match[1] ?? ''}`.trim() }
  for (const [, name, quoted, bare] of (match[3] ?? '').matchAll(/;([a-z]+)=(?:"([^"]*)"|([0-9]+))/g)) {
    if (name === 'created' || name === 'expires') params[name] = Number(bare)
    else if (name === 'keyid' || name === 'alg' || name === 'tag' || name === 'nonce') params[name] = quoted
  }
  return params
}

/** Our label's entry of a signature header, `darwaza=:base64:`, or null. */
function labelledSignature(header: string): string | null {
  const match = new RegExp(`${labelPattern}(:[A-Za-z0-9+/=]*:)`).exec(header)
  return match ? `${signatureLabel}=${match[1] ?? ''}` : null
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}
