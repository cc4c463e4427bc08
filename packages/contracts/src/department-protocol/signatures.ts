// HTTP Message Signatures (RFC 9421) with Ed25519, as both sides of the department protocol use them.
// The signature covers the method, the full target URI, the request id and the body (through its
// RFC 9530 Content-Digest), with created/expires times, a nonce and the signer's key id, so a
// signed request cannot be replayed elsewhere, altered, or kept for later. Server-side only
// (node:crypto); the web app never imports this module.
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

export function contentDigest(body: string): string {
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
  if (params.alg !== 'ed25519') return { ok: false, reason: 'the signature algorithm must be ed25519' }
  if (params.tag !== signatureTag) return { ok: false, reason: `the signature tag must be "${signatureTag}"` }
  for (const component of coveredComponents) {
    if (!params.components.includes(component))
      return { ok: false, reason: `the signature does not cover ${component}` }
  }
  if (!params.nonce) return { ok: false, reason: 'the signature has no nonce' }
  const publicKey = params.keyid ? trustedKeys.get(params.keyid) : undefined
  if (!publicKey) return { ok: false, reason: `key "${params.keyid ?? ''}" is not registered` }
  const created = params.created
  if (created === undefined || params.expires === undefined) {
    return { ok: false, reason: 'the signature must carry created and expires times' }
  }
  const nowSeconds = Math.floor(now.getTime() / 1000)
  if (created > nowSeconds + clockToleranceSeconds)
    return { ok: false, reason: 'the signature was created in the future' }
  if (
    params.expires < nowSeconds - clockToleranceSeconds ||
    created < nowSeconds - signatureLifetimeSeconds - clockToleranceSeconds
  ) {
    return { ok: false, reason: 'the signature has expired' }
  }

  let verified: boolean | null
  try {
    const key: VerifyingKey = {
      id: params.keyid,
      algs: ['ed25519'],
      verify: createVerifier(importPublicKey(publicKey), 'ed25519'),
    }
    verified = await httpbis.verifyMessage(
      {
        keyLookup: async (found) => (found.keyid === params.keyid ? key : null),
        // Times were checked above against our own clock; the library checks them against Date.now().
        tolerance: Number.MAX_SAFE_INTEGER,
        requiredFields: [...coveredComponents],
      },
      { method: request.method.toUpperCase(), url: request.url, headers },
    )
  } catch (error) {
    return {
      ok: false,
      reason: `the signature could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  if (!verified) return { ok: false, reason: 'the signature does not match the request' }
  return { ok: true, keyId: params.keyid!, nonce: params.nonce, created: new Date(created * 1000) }
}

interface SignatureParams {
  components: string[]
  keyid?: string
  alg?: string
  tag?: string
  nonce?: string
  created?: number
  expires?: number
}

function parseSignatureInput(header: string): SignatureParams | null {
  // darwaza=("@method" "@target-uri" ...);created=1;expires=2;nonce="...";keyid="...";alg="ed25519";tag="..."
  const match = new RegExp(`(?:^|,)\\s*${signatureLabel}=\\(([^)]*)\\)([^,]*)`).exec(header)
  if (!match) return null
  const components = [...(match[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!)
  const params: SignatureParams = { components }
  for (const [, name, quoted, bare] of (match[2] ?? '').matchAll(/;([a-z]+)=(?:"([^"]*)"|([0-9]+))/g)) {
    if (name === 'created' || name === 'expires') params[name] = Number(bare)
    else if (name === 'keyid' || name === 'alg' || name === 'tag' || name === 'nonce') params[name] = quoted
  }
  return params
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}
