import { describe, expect, it } from 'vitest'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  verifyRequest,
  type SignableRequest,
} from './signatures.ts'

const gateway = generateSigningKeyPair('gateway-2026-11')
const signer = { keyId: gateway.keyId, privateKey: loadPrivateKey(gateway.privateKeyPem) }
const trusted = new Map([[gateway.keyId, gateway.publicKey]])
const now = new Date('2026-11-22T10:00:00Z')

const request: SignableRequest = {
  method: 'POST',
  url: 'http://127.0.0.1:4101/lookups/echallan-verification',
  headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
  body: JSON.stringify({
    requestId: 'req-1',
    service: 'echallan-verification',
    query: { challanNumber: '3520100001' },
  }),
}

async function signed(at = now): Promise<SignableRequest> {
  return { ...request, headers: await signRequest(request, signer, at) }
}

describe('request signatures (RFC 9421, Ed25519)', () => {
  it('a request signed with a registered key verifies, naming the key', async () => {
    const check = await verifyRequest(await signed(), trusted, now)
    expect(check).toMatchObject({ ok: true, keyId: 'gateway-2026-11' })
  })

  it('refuses an unsigned request', async () => {
    expect(await verifyRequest(request, trusted, now)).toEqual({ ok: false, reason: 'the request is not signed' })
  })

  it('refuses a changed body, URL, method or request id', async () => {
    const good = await signed()
    const changedBody = await verifyRequest(
      { ...good, body: good.body.replace('3520100001', '3520100002') },
      trusted,
      now,
    )
    expect(changedBody).toEqual({ ok: false, reason: 'the content-digest does not match the body' })
    const changedUrl = await verifyRequest({ ...good, url: good.url.replace('echallan', 'water') }, trusted, now)
    expect(changedUrl).toEqual({ ok: false, reason: 'the signature does not match the request' })
    const changedMethod = await verifyRequest({ ...good, method: 'PUT' }, trusted, now)
    expect(changedMethod.ok).toBe(false)
    const changedId = await verifyRequest(
      { ...good, headers: { ...good.headers, 'x-request-id': 'req-2' } },
      trusted,
      now,
    )
    expect(changedId.ok).toBe(false)
  })

  it('refuses a key that is not registered, and a registered key id with another key behind it', async () => {
    const stranger = generateSigningKeyPair('gateway-2026-11')
    const forged = await signRequest(
      request,
      { keyId: stranger.keyId, privateKey: loadPrivateKey(stranger.privateKeyPem) },
      now,
    )
    expect(await verifyRequest({ ...request, headers: forged }, trusted, now)).toEqual({
      ok: false,
      reason: 'the signature does not match the request',
    })
    expect(await verifyRequest(await signed(), new Map([['other', gateway.publicKey]]), now)).toEqual({
      ok: false,
      reason: 'key "gateway-2026-11" is not registered',
    })
  })

  it('refuses an old signature and one from the future; accepts either of two registered keys', async () => {
    const old = await signed(new Date(now.getTime() - 10 * 60_000))
    expect(await verifyRequest(old, trusted, now)).toEqual({ ok: false, reason: 'the signature has expired' })
    const future = await signed(new Date(now.getTime() + 10 * 60_000))
    expect(await verifyRequest(future, trusted, now)).toEqual({
      ok: false,
      reason: 'the signature was created in the future',
    })

    const next = generateSigningKeyPair('gateway-2027-01')
    const rotated = await signRequest(
      request,
      { keyId: next.keyId, privateKey: loadPrivateKey(next.privateKeyPem) },
      now,
    )
    const both = new Map([...trusted, [next.keyId, next.publicKey]])
    expect(await verifyRequest({ ...request, headers: rotated }, both, now)).toMatchObject({
      ok: true,
      keyId: 'gateway-2027-01',
    })
  })
})
