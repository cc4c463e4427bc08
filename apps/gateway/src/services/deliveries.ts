// What platform admins see of deliveries that could not be made, and replaying one.
import type { StaffActor } from '../domain/actors.ts'
import { auditName } from '../domain/actors.ts'
import { replayRefusal } from '../domain/delivery-policy.ts'
import { DomainError } from '../domain/errors.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

/**
 * Dead deliveries, and pending ones that have already failed at least once, each with its
 * application's status and whether replayDelivery would take it (and why not).
 */
export async function deliveryProblems(deps: AccessDeps) {
  const entries = await deps.db.outboxEntry.findMany({
    where: { OR: [{ state: 'dead' }, { state: 'pending', attempts: { gt: 0 } }] },
    orderBy: { createdAt: 'asc' },
    take: 200,
    select: {
      id: true,
      state: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      department: { select: { code: true } },
      application: { select: { trackingNumber: true, status: true } },
    },
  })
  return entries.map((entry) => {
    const refusal = replayRefusal(entry.state, entry.application?.status ?? null)
    return {
      deliveryId: entry.id,
      state: entry.state,
      attempts: entry.attempts,
      lastError: entry.lastError,
      nextAttemptAt: entry.state === 'pending' ? entry.nextAttemptAt : null,
      createdAt: entry.createdAt,
      department: entry.department.code,
      trackingNumber: entry.application?.trackingNumber ?? null,
      applicationStatus: entry.application?.status ?? null,
      /** What replayDelivery would say: true only for a dead delivery of an open application. */
      canReplay: refusal === null,
      replayRefusal: refusal,
    }
  })
}

/**
 * Puts a dead delivery back in line, with its attempts counted afresh. Same idempotency key. Not for
 * an application that is closed (e.g. rejected because the department refused this very delivery,
 * which the citizen was told): sending it again would give the department an application the
 * citizen was told is over. The rule is replayRefusal's, which deliveryProblems shows.
 */
export async function replayDelivery(deps: AccessDeps, admin: StaffActor, deliveryId: string) {
  const now = deps.now()
  return deps.db.$transaction(async (tx) => {
    const entry = await tx.outboxEntry.findUnique({
      where: { id: deliveryId },
      select: { state: true, application: { select: { status: true, trackingNumber: true } } },
    })
    if (entry?.application && replayRefusal(entry.state, entry.application.status) === 'application_closed') {
      throw new DomainError(
        'INVALID_INPUT',
        `Application ${entry.application.trackingNumber} is ${entry.application.status}; its delivery cannot be sent again. The citizen can apply again.`,
        {
          fieldErrors: [
            {
              field: 'deliveryId',
              reason: 'application_closed',
              message: `the application is ${entry.application.status}`,
            },
          ],
        },
      )
    }
    const replayed = await tx.outboxEntry.updateMany({
      where: { id: deliveryId, state: 'dead' },
      data: { state: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null, lockedBy: null },
    })
    if (replayed.count === 0) throw new DomainError('NOT_FOUND', 'There is no dead delivery with this id.')
    await appendAudit(
      tx,
      deps.provider,
      { event: 'delivery.replayed', actor: auditName(admin), data: { deliveryId } },
      now,
    )
    return { deliveryId, state: 'pending' as const }
  })
}
