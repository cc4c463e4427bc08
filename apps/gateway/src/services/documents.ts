// Citizens upload the documents a service asks for. The type is read from the bytes, never from the
// name; only images (JPEG, PNG) and PDF are kept, up to a size limit. Departments fetch a document
// of one of their applications with a signed request.
import { verifyRequest, type SignableRequest } from '@darwaza/contracts/department-protocol/signatures'
import { createHash, randomUUID } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { z } from 'zod'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { sendSigned } from '../federation/signed-request.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { DocumentStore } from '../persistence/document-store.ts'
import type { AccessDeps } from './deps.ts'
import { rememberNonce } from './received-nonces.ts'

export const acceptedMediaTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const

export async function uploadDocument(
  deps: AccessDeps,
  store: DocumentStore,
  maxBytes: number,
  citizenId: string,
  input: { name: string; contentBase64: string },
  /** Set when a clerk uploads for the citizen: the upload is audited as done on their behalf. */
  clerk?: { actor: string; device: string },
) {
  const bytes = Buffer.from(input.contentBase64, 'base64')
  if (bytes.length === 0) throw invalidInput([{ field: 'content', reason: 'required', message: 'the file is empty' }])
  if (bytes.length > maxBytes) {
    throw invalidInput([
      {
        field: 'content',
        reason: 'too_large',
        message: `the file is ${(bytes.length / 1_048_576).toFixed(1)} MB; the limit is ${(maxBytes / 1_048_576).toFixed(1)} MB`,
      },
    ])
  }
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !(acceptedMediaTypes as readonly string[]).includes(type.mime)) {
    throw invalidInput([
      {
        field: 'content',
        reason: 'not_allowed',
        message: `only JPEG, PNG and PDF files are accepted${type ? ` (this file is ${type.mime})` : ''}`,
      },
    ])
  }
  const sha256 = await store.put(bytes)
  return deps.db.$transaction(async (tx) => {
    const document = await tx.document.create({
      data: { citizenId, sha256, size: bytes.length, mediaType: type.mime, name: input.name },
      select: { id: true, name: true, mediaType: true, size: true, sha256: true },
    })
    if (clerk) {
      await appendAudit(
        tx,
        deps.provider,
        {
          event: 'document.uploaded',
          actor: clerk.actor,
          onBehalfOf: `citizen:${citizenId}`,
          device: clerk.device,
          data: { sha256, mediaType: type.mime, size: bytes.length },
        },
        deps.now(),
      )
    }
    return document
  })
}

/**
 * GET /federation/v1/documents/:sha256, signed by a department that has an application with it.
 * A replayed request (a nonce the department already signed with) is refused with 409.
 */
export async function documentForDepartment(
  deps: AccessDeps,
  store: DocumentStore,
  request: SignableRequest,
  sha256: string,
): Promise<{ httpStatus: number; mediaType?: string; body: Buffer | { error: { code: string; message: string } } }> {
  const department = request.headers['x-darwaza-department'] ?? ''
  const known = await deps.db.department.findUnique({
    where: { code: department },
    select: { id: true, keys: { where: { revokedAt: null }, select: { keyId: true, publicKey: true } } },
  })
  const check = known
    ? await verifyRequest(request, new Map(known.keys.map((key) => [key.keyId, key.publicKey])), deps.now())
    : ({ ok: false, reason: 'unknown department' } as const)
  if (!known || !check.ok) {
    return { httpStatus: 401, body: { error: { code: 'unauthorized', message: check.ok ? '' : check.reason } } }
  }
  // The same nonce store as status callbacks: a signed fetch is good for one request only.
  if (!(await rememberNonce(deps.db, known.id, check, deps.now()))) {
    return {
      httpStatus: 409,
      body: { error: { code: 'replayed', message: 'This request was already received (same nonce).' } },
    }
  }
  const attached = await deps.db.applicationDocument.findFirst({
    where: { document: { sha256 }, application: { serviceVersion: { service: { departmentId: known.id } } } },
    select: { document: { select: { mediaType: true } } },
  })
  const bytes = attached ? await store.get(sha256) : null
  if (!attached || !bytes) {
    return { httpStatus: 404, body: { error: { code: 'not_found', message: 'No such document for this department.' } } }
  }
  return { httpStatus: 200, mediaType: attached.document.mediaType, body: bytes }
}

/**
 * A document the department issued with a status change (e.g. the certificate), for its citizen.
 * Fetched from the department with a signed request the first time, only from the department's own
 * address, checked against the SHA-256 the department reported, and kept content-addressed after.
 */
export async function issuedDocument(deps: AccessDeps, citizenId: string, trackingNumber: string) {
  const application = await deps.db.application.findUnique({
    where: { trackingNumber },
    select: {
      citizenId: true,
      statusChanges: { orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { document: true } },
      serviceVersion: { select: { service: { select: { department: { select: { code: true, baseUrl: true } } } } } },
    },
  })
  if (!application || application.citizenId !== citizenId) {
    throw new DomainError('NOT_FOUND', 'You have no application with this tracking number.')
  }
  const reported = IssuedDocumentReference.safeParse(
    application.statusChanges.find((change) => change.document !== null)?.document,
  )
  if (!reported.success)
    throw new DomainError('NOT_FOUND', 'The department has not issued a document for this application.')
  const document = reported.data
  const department = application.serviceVersion.service.department
  const unavailable = (detail: string) =>
    new DomainError('DEPARTMENT_UNAVAILABLE', 'The document cannot be fetched from the department right now.', {
      detail: `${department.code}: ${detail}`,
    })

  let bytes = await deps.documents.get(document.sha256)
  if (!bytes) {
    if (new URL(document.url).origin !== new URL(department.baseUrl).origin) {
      throw unavailable(`document address ${document.url} is not on the department's own address`)
    }
    let response: Response
    try {
      response = await sendSigned(deps.signer, {
        method: 'GET',
        url: new URL(document.url),
        requestId: randomUUID(),
        timeoutMs: deps.conformanceTimeoutMs,
      })
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error))
    }
    if (response.status !== 200) throw unavailable(`answered HTTP ${response.status}`)
    const fetched = Buffer.from(await response.arrayBuffer())
    if (fetched.length > deps.documentMaxBytes * 4) throw unavailable('document too large')
    if (createHash('sha256').update(fetched).digest('hex') !== document.sha256) {
      throw new DomainError(
        'DEPARTMENT_BAD_ANSWER',
        'The document from the department did not match what it reported.',
        {
          detail: `${department.code}: sha256 mismatch for ${document.url}`,
        },
      )
    }
    await deps.documents.put(fetched)
    bytes = fetched
  }
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !(acceptedMediaTypes as readonly string[]).includes(type.mime)) {
    throw new DomainError('DEPARTMENT_BAD_ANSWER', 'The department issued a file of a kind we do not pass on.')
  }
  return { name: document.name, mediaType: type.mime, base64: bytes.toString('base64') }
}

const IssuedDocumentReference = z.object({
  name: z.object({ en: z.string(), ur: z.string() }),
  url: z.url(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
