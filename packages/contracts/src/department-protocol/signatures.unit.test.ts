import { describe, expect, it } from 'vitest'
import {
  contentDigest,
  generateSigningKeyPair,
  loadPrivateKey,
  signatureParameters,
  signRequest,
  signResponse,
  verifyRequest,
  verifyResponse,
  type SignableRequest,
  type SignableResponse,
  type SigningIdentity,
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

describe('answer signatures (RFC 9421, Ed25519, bound to the request)', () => {
  const department = generateSigningKeyPair('traffic-police-1')
  const departmentSigner = { keyId: department.keyId, privateKey: loadPrivateKey(department.privateKeyPem) }
  const departmentKeys = new Map([[department.keyId, department.publicKey]])
  const answerBody = JSON.stringify({ outcome: 'accepted', departmentReference: 'TP-000001' })

  async function answered(options: { at?: Date; signer?: SigningIdentity; to?: SignableRequest } = {}) {
    const sent = options.to ?? (await signed())
    const headers = await signResponse(
      { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: answerBody },
      sent,
      options.signer ?? departmentSigner,
      options.at ?? now,
    )
    return { sent, answer: { status: 200, headers, body: answerBody } satisfies SignableResponse }
  }

  it('a good answer verifies, naming the key; it covers status, media type, body, request id and the request', async () => {
    const { sent, answer } = await answered()
    expect(await verifyResponse(answer, sent, departmentKeys, now)).toMatchObject({
      ok: true,
      keyId: 'traffic-police-1',
      nonce: expect.any(String),
    })
    expect(answer.headers['x-request-id']).toBe('req-1')
    expect(answer.headers['signature-input']).toContain(
      '("@status" "content-type" "content-digest" "x-request-id" "signature";req;key="darwaza")',
    )
    expect(answer.headers['signature-input']).toContain(';tag="darwaza-v1-answer"')
    expect(signatureParameters(answer.headers)).toMatchObject({ keyId: 'traffic-police-1', created: now })
    // The bytes verify as well as their text.
    const bytes = { ...answer, body: Buffer.from(answer.body) }
    expect((await verifyResponse(bytes, sent, departmentKeys, now)).ok).toBe(true)
  })

  it('refuses an unsigned answer', async () => {
    const sent = await signed()
    const unsigned = { status: 200, headers: { 'content-type': 'application/json' }, body: answerBody }
    expect(await verifyResponse(unsigned, sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the answer is not signed',
    })
  })

  it('refuses an answer whose body or status was altered', async () => {
    const { sent, answer } = await answered()
    const otherBody = { ...answer, body: answerBody.replace('TP-000001', 'TP-000002') }
    expect(await verifyResponse(otherBody, sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the content-digest does not match the body',
    })
    // Altered with a digest to match: the signature covers the digest.
    const redigested = {
      ...otherBody,
      headers: { ...answer.headers, 'content-digest': contentDigest(otherBody.body) },
    }
    expect(await verifyResponse(redigested, sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature does not match the answer and the request it answers',
    })
    expect(await verifyResponse({ ...answer, status: 400 }, sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature does not match the answer and the request it answers',
    })
    const otherType = { ...answer, headers: { ...answer.headers, 'content-type': 'text/html' } }
    expect((await verifyResponse(otherType, sent, departmentKeys, now)).ok).toBe(false)
  })

  it('refuses an answer replayed for another request, even with the request id rewritten', async () => {
    const { answer } = await answered()
    const other = { ...request, headers: { ...request.headers, 'x-request-id': 'req-2' } }
    const otherSent = { ...other, headers: await signRequest(other, signer, now) }
    expect(await verifyResponse(answer, otherSent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the answer is for another request (x-request-id "req-1", expected "req-2")',
    })
    // The same request sent again (same id, a new signature and nonce): the old answer is not its answer.
    const again = await signed()
    expect(await verifyResponse(answer, again, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature does not match the answer and the request it answers',
    })
    const rewritten = { ...answer, headers: { ...answer.headers, 'x-request-id': 'req-2' } }
    expect(await verifyResponse(rewritten, otherSent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature does not match the answer and the request it answers',
    })
  })

  it('refuses an unknown key, a registered key id with another key behind it, and a request signature posing as an answer', async () => {
    const stranger = generateSigningKeyPair('stranger-1')
    const byStranger = await answered({
      signer: { keyId: stranger.keyId, privateKey: loadPrivateKey(stranger.privateKeyPem) },
    })
    expect(await verifyResponse(byStranger.answer, byStranger.sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'key "stranger-1" is not registered',
    })
    const impostor = generateSigningKeyPair('traffic-police-1')
    const byImpostor = await answered({
      signer: { keyId: impostor.keyId, privateKey: loadPrivateKey(impostor.privateKeyPem) },
    })
    expect(await verifyResponse(byImpostor.answer, byImpostor.sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature does not match the answer and the request it answers',
    })
    const sent = await signed()
    const requestSignature = { status: 200, headers: sent.headers, body: sent.body }
    expect(await verifyResponse(requestSignature, sent, trusted, now)).toEqual({
      ok: false,
      reason: 'the signature tag must be "darwaza-v1-answer"',
    })
  })

  it('refuses an expired answer and one from the future', async () => {
    const sent = await signed(new Date(now.getTime() - 10 * 60_000))
    const old = await answered({ at: new Date(now.getTime() - 10 * 60_000), to: sent })
    expect(await verifyResponse(old.answer, old.sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature has expired',
    })
    const future = await answered({ at: new Date(now.getTime() + 10 * 60_000) })
    expect(await verifyResponse(future.answer, future.sent, departmentKeys, now)).toEqual({
      ok: false,
      reason: 'the signature was created in the future',
    })
  })

  it('signs only an answer to a request signed by us', async () => {
    await expect(
      signResponse(
        { status: 401, headers: { 'content-type': 'application/json' }, body: '{}' },
        request,
        departmentSigner,
      ),
    ).rejects.toThrow('only an answer to a request with a "darwaza" signature can be signed')
  })
})
