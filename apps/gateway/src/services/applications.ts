// A citizen's submission is accepted once and kept safe: the application, its tracking number, the
// outbox entry that will deliver it and the audit entry are written in one transaction. The same
// idempotency key returns the same application, never a second one.
import { randomInt } from 'node:crypto'
import type { SubmitApplicationInput, SubmittedApplication } from '@darwaza/contracts/applications'
import type { CitizenAttribute, Presentation } from '@darwaza/contracts/catalogue'
import type { ApplicationDelivery, InformationAnswer } from '@darwaza/contracts/department-protocol/v1'
import type { Prisma } from '@darwaza/db'
import { auditName, deviceName, seesSandbox, type Actor, type Device } from '../domain/actors.ts'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { validateForm } from '../domain/form-validation.ts'
import { newTrackingNumber } from '../domain/tracking-number.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'
import { issueVoucher } from './payments.ts'
import { queueStatusNotifications } from './status-callbacks.ts'

export const deliverApplicationKind = 'deliver_application'

/** What the outbox keeps for a delivery: everything needed to send it, fixed at submission. */
export interface DeliveryPayload {
  endpointPath: string
  delivery: Omit<ApplicationDelivery, 'requestId' | 'dryRun'> | Omit<InformationAnswer, 'requestId'>
}

interface Submitter {
  citizenId: string
  /** Set when a clerk submits inside an assisted session. */
  clerk: { staffId: string; assistedSessionId: string } | null
  actor: Actor
  device: Device
  requestId: string
}

export async function submitApplication(
  deps: AccessDeps,
  submitter: Submitter,
  input: SubmitApplicationInput,
): Promise<SubmittedApplication> {
  const existing = await findByIdempotencyKey(deps, submitter.citizenId, input.idempotencyKey)
  if (existing) return sameSubmission(existing, input.service)

  const version = await deps.db.serviceVersion.findFirst({
    where: {
      state: 'published',
      service: {
        slug: input.service,
        department: { state: { in: seesSandbox(submitter.actor) ? ['live', 'sandbox'] : ['live'] } },
      },
    },
    orderBy: { version: 'desc' },
    select: {
      id: true,
      version: true,
      formSchema: true,
      presentation: true,
      endpointPath: true,
      channels: true,
      citizenAttributes: true,
      title: true,
      feeMinor: true,
      feeCurrency: true,
      feeQuoted: true,
      requiredDocuments: true,
      notificationTemplates: true,
      service: {
        select: { slug: true, kind: true, departmentId: true, department: { select: { code: true, baseUrl: true } } },
      },
    },
  })
  if (!version) throw new DomainError('NOT_FOUND', `There is no published service "${input.service}".`)
  if (version.service.kind !== 'application') {
    throw new DomainError('SERVICE_NOT_AVAILABLE', `"${input.service}" is a look-up, not an application.`)
  }
  const channel = submitter.clerk ? 'assisted' : submitter.device.kind === 'kiosk' ? 'kiosk' : 'web'
  if (!(version.channels as string[]).includes(channel)) {
    throw new DomainError('SERVICE_NOT_AVAILABLE', `"${input.service}" is not offered on the ${channel} channel.`)
  }
  const fieldErrors = validateForm(
    `${input.service}@${version.version}`,
    version.formSchema as Record<string, unknown>,
    input.form,
    { language: input.language, fields: (version.presentation as Presentation).fields },
  )
  if (fieldErrors.length > 0)
    throw invalidInput(fieldErrors.map((error) => ({ ...error, field: `form.${error.field}` })))

  const documents = await attachableDocuments(
    deps,
    submitter.citizenId,
    input.documents ?? [],
    version.requiredDocuments,
  )

  const citizen = await deps.db.citizen.findUniqueOrThrow({
    where: { id: submitter.citizenId },
    select: { identityNumber: true, name: true, dateOfBirth: true, phone: true, email: true },
  })
  const clerk = submitter.clerk
    ? await deps.db.staff.findUniqueOrThrow({
        where: { id: submitter.clerk.staffId },
        select: { displayName: true, serviceCentre: { select: { code: true } } },
      })
    : null
  const now = deps.now()
  const trackingNumber = newTrackingNumber(randomInt)
  const delivery = (idempotencyKey: string): DeliveryPayload['delivery'] & Omit<ApplicationDelivery, 'requestId'> => ({
    idempotencyKey,
    service: version.service.slug,
    serviceVersion: version.version,
    trackingNumber,
    submittedAt: now.toISOString(),
    actor: clerk
      ? { kind: 'clerk', clerk: clerk.displayName, serviceCentre: clerk.serviceCentre?.code ?? 'unknown' }
      : { kind: 'citizen' },
    citizen: declaredAttributes(citizen, version.citizenAttributes as CitizenAttribute[]),
    form: input.form,
    ...(documents.length > 0
      ? {
          documents: documents.map((document) => ({
            requirement: document.requirement,
            name: document.name,
            mediaType: document.mediaType,
            size: document.size,
            sha256: document.sha256,
            url: `${deps.config.publicUrl}/federation/v1/documents/${document.sha256}`,
          })),
        }
      : {}),
  })

  // A quoted fee (an e-challan, a bill) is known only to the department: it is asked now, while the
  // citizen waits, so the voucher carries the right amount; nothing is accepted if it cannot answer.
  const fee = version.feeQuoted
    ? await deps.quotes.quote({
        department: version.service.department,
        endpointPath: version.endpointPath,
        delivery: { ...delivery(`quote:${trackingNumber}`), requestId: submitter.requestId },
      })
    : version.feeMinor !== null && version.feeCurrency !== null
      ? { amountMinor: version.feeMinor, currency: version.feeCurrency }
      : null

  try {
    return await deps.db.$transaction(async (tx) => {
      const application = await tx.application.create({
        data: {
          trackingNumber,
          citizenId: submitter.citizenId,
          serviceVersionId: version.id,
          channel,
          kioskId: submitter.device.kind === 'kiosk' ? submitter.device.kioskId : null,
          clerkId: submitter.clerk?.staffId ?? null,
          assistedSessionId: submitter.clerk?.assistedSessionId ?? null,
          language: input.language ?? 'ur',
          formData: input.form as Prisma.InputJsonObject,
          idempotencyKey: input.idempotencyKey,
          submittedAt: now,
          statusChanges: { create: { toStatus: 'submitted', source: auditName(submitter.actor), at: now } },
          documents: {
            create: documents.map((document) => ({ documentId: document.id, requirement: document.requirement })),
          },
        },
        select: { id: true },
      })
      await queueStatusNotifications(tx, {
        citizenId: submitter.citizenId,
        applicationId: application.id,
        citizen,
        status: 'submitted',
        language: input.language ?? 'ur',
        serviceTitle: version.title as { en: string; ur: string },
        serviceTemplates: version.notificationTemplates,
        trackingNumber,
        now,
      })
      const payload: DeliveryPayload = { endpointPath: version.endpointPath, delivery: delivery(application.id) }
      const voucher = fee
        ? await issueVoucher(tx, application.id, { amountMinor: fee.amountMinor, currency: fee.currency }, now)
        : null
      await tx.outboxEntry.create({
        data: {
          // A paid service goes to the department once its voucher is paid.
          state: voucher ? 'awaiting_payment' : 'pending',
          departmentId: version.service.departmentId,
          applicationId: application.id,
          kind: deliverApplicationKind,
          payload: { ...payload, requestId: submitter.requestId } as unknown as Prisma.InputJsonObject,
          idempotencyKey: `${deliverApplicationKind}:${application.id}`,
          nextAttemptAt: now,
        },
      })
      await appendAudit(
        tx,
        deps.provider,
        {
          event: 'application.submitted',
          actor: auditName(submitter.actor),
          onBehalfOf: submitter.clerk ? `citizen:${submitter.citizenId}` : undefined,
          device: deviceName(submitter.device),
          data: {
            trackingNumber,
            service: version.service.slug,
            version: version.version,
            channel,
            ...(voucher ? { psid: voucher.psid, amountMinor: voucher.amountMinor, currency: voucher.currency } : {}),
            ...(version.feeQuoted ? { feeQuotedBy: version.service.department.code } : {}),
          },
        },
        now,
      )
      return {
        trackingNumber,
        status: 'submitted' as const,
        service: version.service.slug,
        serviceVersion: version.version,
        submittedAt: now,
        voucher,
      }
    })
  } catch (error) {
    // Two requests with the same key raced: the other one won; answer with its application.
    if (isUniqueViolation(error)) {
      const winner = await findByIdempotencyKey(deps, submitter.citizenId, input.idempotencyKey)
      if (winner) return sameSubmission(winner, input.service)
    }
    throw error
  }
}

/** Only what the service declares it needs; the department never sees anything else. */
export function declaredAttributes(
  citizen: { identityNumber: string; name: string; dateOfBirth: string | null; phone: string },
  declared: readonly CitizenAttribute[],
): Record<string, string> {
  const all: Record<CitizenAttribute, string | null> = {
    identityNumber: citizen.identityNumber,
    name: citizen.name,
    dateOfBirth: citizen.dateOfBirth,
    phone: citizen.phone,
  }
  return Object.fromEntries(declared.flatMap((name) => (all[name] === null ? [] : [[name, all[name]]])))
}

function findByIdempotencyKey(deps: AccessDeps, citizenId: string, idempotencyKey: string) {
  return deps.db.application.findUnique({
    where: { citizenId_idempotencyKey: { citizenId, idempotencyKey } },
    select: {
      trackingNumber: true,
      status: true,
      submittedAt: true,
      serviceVersion: { select: { version: true, service: { select: { slug: true } } } },
      voucher: { select: { psid: true, amountMinor: true, currency: true, dueAt: true, state: true } },
    },
  })
}

function sameSubmission(
  existing: NonNullable<Awaited<ReturnType<typeof findByIdempotencyKey>>>,
  service: string,
): SubmittedApplication {
  if (existing.serviceVersion.service.slug !== service) {
    throw invalidInput([
      { field: 'idempotencyKey', reason: 'reused', message: 'this key was already used for another application' },
    ])
  }
  return {
    trackingNumber: existing.trackingNumber,
    status: existing.status,
    service: existing.serviceVersion.service.slug,
    serviceVersion: existing.serviceVersion.version,
    submittedAt: existing.submittedAt,
    voucher: existing.voucher,
  }
}

/** Prisma's "unique constraint failed", from either database's client. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

export const deliverAnswerKind = 'deliver_answer'

/**
 * The citizen answers a department's request for more information. The answer is kept and sent
 * like the application: from the outbox, signed, once per idempotency key.
 */
export async function answerRequest(
  deps: AccessDeps,
  submitter: { citizenId: string; actor: Actor; device: Device; requestId: string },
  input: { trackingNumber: string; message: string; idempotencyKey: string; documentIds?: string[] | undefined },
) {
  const application = await deps.db.application.findUnique({
    where: { trackingNumber: input.trackingNumber },
    select: {
      id: true,
      citizenId: true,
      status: true,
      serviceVersion: { select: { endpointPath: true, service: { select: { slug: true, departmentId: true } } } },
    },
  })
  if (!application || application.citizenId !== submitter.citizenId) {
    throw new DomainError('NOT_FOUND', 'You have no application with this tracking number.')
  }
  const outboxKey = `${deliverAnswerKind}:${application.id}:${input.idempotencyKey}`
  if (await deps.db.outboxEntry.findUnique({ where: { idempotencyKey: outboxKey }, select: { id: true } })) {
    return { trackingNumber: input.trackingNumber, outcome: 'already_sent' as const }
  }
  if (application.status !== 'needs_information') {
    throw new DomainError('SERVICE_NOT_AVAILABLE', 'The department has not asked for more information.')
  }
  const documentIds = [...new Set(input.documentIds ?? [])]
  const documents = await deps.db.document.findMany({
    where: { id: { in: documentIds }, citizenId: submitter.citizenId },
    select: { id: true, name: true, mediaType: true, size: true, sha256: true },
  })
  const missing = documentIds.flatMap((id, index) =>
    documents.some((document) => document.id === id)
      ? []
      : [{ field: `documentIds.${index}`, reason: 'not_found', message: 'no such uploaded document' }],
  )
  if (missing.length > 0) throw invalidInput(missing)
  const alreadyAttached = new Set(
    (
      await deps.db.applicationDocument.findMany({
        where: { applicationId: application.id, documentId: { in: documentIds } },
        select: { documentId: true },
      })
    ).map((attached) => attached.documentId),
  )
  const now = deps.now()
  const payload: DeliveryPayload = {
    endpointPath: `${application.serviceVersion.endpointPath.replace(/\/+$/, '')}/answers`,
    delivery: {
      idempotencyKey: outboxKey,
      service: application.serviceVersion.service.slug,
      trackingNumber: input.trackingNumber,
      answeredAt: now.toISOString(),
      actor: { kind: 'citizen' },
      message: input.message,
      ...(documents.length > 0
        ? {
            documents: documents.map((document) => ({
              requirement: 'answer',
              name: document.name,
              mediaType: document.mediaType,
              size: document.size,
              sha256: document.sha256,
              url: `${deps.config.publicUrl}/federation/v1/documents/${document.sha256}`,
            })),
          }
        : {}),
    },
  }
  try {
    await deps.db.$transaction(async (tx) => {
      // Attached to the application, so the department may fetch them.
      for (const document of documents.filter((candidate) => !alreadyAttached.has(candidate.id))) {
        await tx.applicationDocument.create({
          data: { applicationId: application.id, documentId: document.id, requirement: 'answer' },
        })
      }
      await tx.outboxEntry.create({
        data: {
          departmentId: application.serviceVersion.service.departmentId,
          applicationId: application.id,
          kind: deliverAnswerKind,
          payload: { ...payload, requestId: submitter.requestId } as unknown as Prisma.InputJsonObject,
          idempotencyKey: outboxKey,
          nextAttemptAt: now,
        },
      })
      await appendAudit(
        tx,
        deps.provider,
        {
          event: 'application.answered',
          actor: auditName(submitter.actor),
          device: deviceName(submitter.device),
          data: { trackingNumber: input.trackingNumber, documents: documents.map((document) => document.sha256) },
        },
        now,
      )
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
  return { trackingNumber: input.trackingNumber, outcome: 'sent' as const }
}

/** The citizen's own uploads, each for a required document the service lets citizens upload. */
async function attachableDocuments(
  deps: AccessDeps,
  citizenId: string,
  given: { documentId: string; requirement: string }[],
  requiredDocuments: unknown,
) {
  const uploadable = new Set(
    (Array.isArray(requiredDocuments) ? (requiredDocuments as { name?: { en?: string }; upload?: boolean }[]) : [])
      .filter((document) => document.upload)
      .map((document) => document.name?.en ?? ''),
  )
  const owned = await deps.db.document.findMany({
    where: { id: { in: given.map((document) => document.documentId) }, citizenId },
    select: { id: true, name: true, mediaType: true, size: true, sha256: true },
  })
  const problems = given.flatMap((document, index) => [
    ...(owned.some((candidate) => candidate.id === document.documentId)
      ? []
      : [{ field: `documents.${index}.documentId`, reason: 'not_found', message: 'no such uploaded document' }]),
    ...(uploadable.has(document.requirement)
      ? []
      : [
          {
            field: `documents.${index}.requirement`,
            reason: 'not_allowed',
            message: 'this service asks for no such upload',
          },
        ]),
  ])
  if (problems.length > 0) throw invalidInput(problems)
  return given.map((document) => ({
    ...owned.find((candidate) => candidate.id === document.documentId)!,
    requirement: document.requirement,
  }))
}
