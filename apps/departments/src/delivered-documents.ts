// The documents a citizen uploaded, as a reference department gets them: by reference in the
// delivered application (or answer), fetched from the gateway only when an officer opens one, with a
// request signed by the department's own key, and passed on only if the bytes hash to the SHA-256 in
// the reference.
import { createHash, randomUUID } from 'node:crypto'
import { signRequest } from '@darwaza/contracts/department-protocol/signatures'
import type { DocumentReference } from '@darwaza/contracts/department-protocol/v1'
import type { CallbackSettings } from './officer-desk.ts'

/** A delivered document as the officer page lists it: with the application, or with an answer. */
export type DeliveredDocument = DocumentReference & { sentWith: 'application' | 'answer' }

/** The kinds of file the gateway accepts from citizens; anything else is only ever offered as a download. */
const shownInline = new Set(['image/jpeg', 'image/png', 'application/pdf'])

export type FetchedDocument =
  | { ok: true; bytes: Buffer; mediaType: string; inline: boolean }
  | { ok: false; problem: 'mismatch' | 'gateway_refused' | 'unreachable' | 'not_a_gateway_document'; message: string }

/**
 * Fetches a delivered document from the gateway. The request goes only to the gateway this
 * department knows (its callback address), at the documents route named in the reference; the
 * gateway's public address in the reference may differ from the one departments reach it at, and
 * a signed request is never sent anywhere else. Refused unless the bytes hash to reference.sha256.
 */
export async function fetchDeliveredDocument(
  gateway: CallbackSettings,
  department: string,
  reference: DocumentReference,
  timeoutMs = 10_000,
): Promise<FetchedDocument> {
  const named = /\/federation\/v1\/documents\/([0-9a-f]{64})$/.exec(new URL(reference.url).pathname)
  if (!named) {
    return {
      ok: false,
      problem: 'not_a_gateway_document',
      message: `The reference's address (${reference.url}) is not a document on the gateway.`,
    }
  }
  const url = new URL(
    `federation/v1/documents/${named[1]}`,
    gateway.gatewayUrl.endsWith('/') ? gateway.gatewayUrl : `${gateway.gatewayUrl}/`,
  )
  const headers = await signRequest(
    {
      method: 'GET',
      url: url.href,
      headers: { 'x-request-id': randomUUID(), 'x-darwaza-department': department },
      body: '',
    },
    gateway.signer,
  )
  let response: Response
  try {
    response = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    return {
      ok: false,
      problem: 'unreachable',
      message: `The gateway could not be reached: ${error instanceof Error ? error.message : String(error)}.`,
    }
  }
  if (response.status !== 200) {
    const text = (await response.text().catch(() => '')).slice(0, 300)
    return {
      ok: false,
      problem: 'gateway_refused',
      message: `The gateway refused the document: HTTP ${response.status}${text ? ` ${text}` : ''}.`,
    }
  }
  // Never read more than the reference says the document holds: more cannot match it anyway.
  const bytes = await readAtMost(response, reference.size)
  const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : null
  if (!bytes || sha256 !== reference.sha256) {
    return {
      ok: false,
      problem: 'mismatch',
      message:
        `The document from the gateway does not match its reference: SHA-256 ${sha256 ?? `of more than ${reference.size} bytes`}, ` +
        `the reference says ${reference.sha256}. It is not shown.`,
    }
  }
  return { ok: true, bytes, mediaType: reference.mediaType, inline: shownInline.has(reference.mediaType) }
}

/** The body, or null when it is longer than `limit` bytes (the rest is not read). */
async function readAtMost(response: Response, limit: number): Promise<Buffer | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel()
    return null
  }
  const chunks: Uint8Array[] = []
  let length = 0
  if (!response.body) return Buffer.alloc(0)
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}
