// Citizens upload the documents a service asks for. The type is read from the bytes, never from the
// name; only images (JPEG, PNG) and PDF are kept, up to a size limit. Departments fetch a document
// of one of their applications with a signed request.
import { verifyRequest, type SignableRequest } from '@darwaza/contracts/department-protocol/signatures'
import { fileTypeFromBuffer } from 'file-type'
import { invalidInput } from '../domain/errors.ts'
import type { DocumentStore } from '../persistence/document-store.ts'
import type { AccessDeps } from './deps.ts'

export const acceptedMediaTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const

export async function uploadDocument(
  deps: AccessDeps,
  store: DocumentStore,
  maxBytes: number,
  citizenId: string,
  input: { name: string; contentBase64: string },
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
  return deps.db.document.create({
    data: { citizenId, sha256, size: bytes.length, mediaType: type.mime, name: input.name },
    select: { id: true, name: true, mediaType: true, size: true, sha256: true },
  })
}

/** GET /federation/v1/documents/:sha256, signed by a department that has an application with it. */
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
