// Departments report status changes by signed callback. The gateway believes a callback only when it
// is signed by a key the department registered, is fresh and not seen before, names an application of
// that department, and is a step the status machine allows. Each change is recorded with its time,
// audited with the signature as evidence, and the citizen is told by SMS (and e-mail where known)
// through the notification outbox, in the same transaction.
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import { NotificationTemplates } from '@darwaza/contracts/catalogue'
import { verifyRequest, type SignableRequest } from '@darwaza/contracts/department-protocol/signatures'
import { StatusCallback, type CallbackAnswer, type CallbackError } from '@darwaza/contracts/department-protocol/v1'
import type { Prisma, Provider } from '@darwaza/db'
import { canMoveApplication, timelineTime } from '../domain/application-status.ts'
import { nulCharacterAt } from '../domain/nul-characters.ts'
import { statusMessage, statusSubject } from '../domain/notification-templates.ts'
import { appendAudit, type Tx } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'
import { rememberNonce } from './received-nonces.ts'

export interface CallbackResult {
  httpStatus: number
  body: CallbackAnswer | CallbackError
}

const refuse = (
  httpStatus: number,
  code: CallbackError['error']['code'],
  message: string,
  field?: string,
): CallbackResult => ({
  httpStatus,
  body: { error: { code, message, ...(field ? { field } : {}) } },
})

export async function receiveStatusCallback(deps: AccessDeps, request: SignableRequest): Promise<CallbackResult> {
  let json: unknown
  try {
    json = JSON.parse(request.body)
  } catch {
    return refuse(400, 'invalid', 'The body is not JSON.')
  }
  const parsed = StatusCallback.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return refuse(400, 'invalid', issue?.message ?? 'malformed', issue?.path.map(String).join('.') || undefined)
  }
  const callback = parsed.data
  // Looked up before the signature is checked, so anyone may send it: PostgreSQL cannot hold U+0000.
  const nul = nulCharacterAt(callback)
  if (nul !== null) return refuse(400, 'invalid', 'must not contain the NUL character (U+0000)', nul || undefined)
  const now = deps.now()

  const department = await deps.db.department.findUnique({
    where: { code: callback.department },
    select: { id: true, code: true, keys: { where: { revokedAt: null }, select: { keyId: true, publicKey: true } } },
  })
  if (!department) return refuse(401, 'unauthorized', 'The signature is not valid: unknown department.')
  const check = await verifyRequest(request, new Map(department.keys.map((key) => [key.keyId, key.publicKey])), now)
  if (!check.ok) return refuse(401, 'unauthorized', `The signature is not valid: ${check.reason}.`)

  if (!(await rememberNonce(deps.db, department.id, check, now))) {
    return refuse(409, 'replayed', 'This callback was already received (same nonce).')
  }

  const application = await deps.db.application.findFirst({
    where: { trackingNumber: callback.trackingNumber, serviceVersion: { service: { departmentId: department.id } } },
    select: knownApplicationSelect,
  })
  if (!application) {
    return refuse(
      404,
      'unknown_application',
      `${department.code} has no application ${callback.trackingNumber}.`,
      'trackingNumber',
    )
  }
  if (application.status === callback.status) return { httpStatus: 200, body: { outcome: 'already_recorded' } }
  if (!canMoveApplication(application.status, callback.status)) {
    return refuse(
      409,
      'illegal_transition',
      `An application cannot go from ${application.status} to ${callback.status}.`,
      'status',
    )
  }

  const recorded = await recordStatusChange(deps, application, {
    status: callback.status,
    message: callback.message,
    document: callback.document,
    occurredAt: new Date(callback.occurredAt),
    department: department.code,
    evidence: {
      keyId: check.keyId,
      nonce: check.nonce,
      signature: request.headers.signature ?? '',
      contentDigest: request.headers['content-digest'] ?? '',
    },
  })
  if (!recorded)
    return refuse(409, 'illegal_transition', 'The application changed meanwhile; report the step again.', 'status')
  return { httpStatus: 200, body: { outcome: 'recorded' } }
}

export interface KnownApplication {
  id: string
  status: ApplicationStatus
  language: string
  citizenId: string
  trackingNumber: string
  citizen: { phone: string; email: string | null }
  serviceVersion: { title: unknown; notificationTemplates: unknown }
}

/** What recordStatusChange needs to know of an application, as a Prisma select. */
export const knownApplicationSelect = {
  id: true,
  status: true,
  language: true,
  citizenId: true,
  trackingNumber: true,
  citizen: { select: { phone: true, email: true } },
  serviceVersion: { select: { title: true, notificationTemplates: true } },
} as const satisfies Prisma.ApplicationSelect

export interface StatusChange {
  status: ApplicationStatus
  message?: { en: string; ur: string; ar?: string | undefined } | undefined
  document?: Prisma.InputJsonObject | undefined
  occurredAt: Date
  department: string
  evidence: Prisma.InputJsonObject
}

/**
 * Records a status change the department reported (by callback or when polled): moves the status
 * with a compare-and-set, keeps the change with its time and message, audits it with its evidence,
 * and queues the citizen's messages, in one transaction. False when the status changed meanwhile.
 */
export function recordStatusChange(
  deps: Pick<AccessDeps, 'db' | 'provider' | 'now'>,
  application: KnownApplication,
  change: StatusChange,
): Promise<boolean> {
  const now = deps.now()
  return deps.db.$transaction((tx) => recordStatusChangeIn(tx, deps.provider, now, application, change))
}

/**
 * The same, inside a transaction the caller already holds, so the change commits together with
 * whatever caused it (e.g. a department refusing a delivery). False when the status changed meanwhile.
 */
export async function recordStatusChangeIn(
  tx: Tx,
  provider: Provider,
  now: Date,
  application: KnownApplication,
  change: StatusChange,
): Promise<boolean> {
  const moved = await tx.application.updateMany({
    where: { id: application.id, status: application.status },
    data: { status: change.status },
  })
  if (moved.count === 0) return false
  const previousStep = await tx.applicationStatusChange.findFirst({
    where: { applicationId: application.id },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { at: true },
  })
  await tx.applicationStatusChange.create({
    data: {
      applicationId: application.id,
      fromStatus: application.status,
      toStatus: change.status,
      message: change.message,
      document: change.document,
      source: `department:${change.department}`,
      at: timelineTime(change.occurredAt, previousStep?.at ?? new Date(0), now),
    },
  })
  await appendAudit(
    tx,
    provider,
    {
      event: 'application.status_changed',
      actor: `department:${change.department}`,
      data: {
        trackingNumber: application.trackingNumber,
        from: application.status,
        to: change.status,
        reportedAt: change.occurredAt.toISOString(),
        ...change.evidence,
      },
    },
    now,
  )
  await queueStatusNotifications(tx, {
    citizenId: application.citizenId,
    applicationId: application.id,
    citizen: application.citizen,
    status: change.status,
    language: application.language,
    serviceTitle: application.serviceVersion.title as { en: string; ur: string },
    serviceTemplates: application.serviceVersion.notificationTemplates,
    trackingNumber: application.trackingNumber,
    now,
  })
  return true
}

/**
 * Writes the messages about a status change into the notification outbox, in the same transaction
 * as the change: an SMS, and an e-mail where the citizen's address is known. Sending happens after.
 */
export async function queueStatusNotifications(
  tx: Tx,
  change: {
    citizenId: string
    applicationId: string
    citizen: { phone: string; email: string | null }
    status: ApplicationStatus
    language: string
    serviceTitle: { en: string; ur: string }
    serviceTemplates: unknown
    trackingNumber: string
    now: Date
  },
) {
  const templates = NotificationTemplates.safeParse(change.serviceTemplates ?? {})
  const body = statusMessage(
    change.status,
    change.language,
    change.serviceTitle,
    change.trackingNumber,
    templates.success ? templates.data : null,
  )
  const common = { citizenId: change.citizenId, applicationId: change.applicationId, body, nextAttemptAt: change.now }
  const data: Prisma.NotificationUncheckedCreateInput[] = [{ ...common, channel: 'sms', to: change.citizen.phone }]
  if (change.citizen.email) {
    data.push({
      ...common,
      channel: 'email',
      to: change.citizen.email,
      subject: statusSubject(change.language, change.trackingNumber),
    })
  }
  for (const notification of data) await tx.notification.create({ data: notification })
}
