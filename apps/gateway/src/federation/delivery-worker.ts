// Delivers applications from the outbox to departments: signed, with the same idempotency key on
// every attempt, retried with backoff and jitter, through the department's circuit breaker, and parked
// as dead after the last attempt for a platform admin to replay. A refusal is the department's answer
// to the citizen: the application is rejected with the department's words and the citizen is told.
// Only an answer the department signed (with a key registered for it, for this very request) counts:
// an unsigned or badly signed answer is a failed attempt, tried again, never a delivery or a refusal,
// and the signatures of both sides are kept in the audit log with the outcome.
//
// Several gateway processes (on PostgreSQL) may run workers at once; no entry is sent by two of them at
// the same time. Each entry is claimed alone, with a compare-and-set lease, just before it is sent; the
// send is cut off `timeoutMs` after the claim, well before the lease ends; and everything written after
// the send is a compare-and-set on that same lease, so a worker that lost it changes nothing.
import { randomUUID } from 'node:crypto'
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { DeliveryReceipt, ProtocolError } from '@darwaza/contracts/department-protocol/v1'
import type { Db, Provider } from '@darwaza/db'
import { canMoveApplication } from '../domain/application-status.ts'
import { decideAfterAttempt, type BackoffPolicy, type DeliveryOutcome } from '../domain/delivery-policy.ts'
import { DomainError } from '../domain/errors.ts'
import { claimOneDue } from '../persistence/due-claims.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import { deliverApplicationKind, type DeliveryPayload } from '../services/applications.ts'
import { knownApplicationSelect, recordStatusChangeIn } from '../services/status-callbacks.ts'
import { CircuitOpen, type DepartmentCircuits } from './department-circuits.ts'
import { askDepartment, departmentUrl, type ExchangeEvidence } from './signed-request.ts'

export interface DeliveryWorkerOptions {
  db: Db
  provider: Provider
  signer: SigningIdentity
  circuits: DepartmentCircuits
  now?: () => Date
  /** Names this worker in leases, so an entry can be traced to the process that sent it. */
  workerId?: string
  /** The most entries one round sends (one after the other, each claimed just before its send). */
  batchSize?: number
  /**
   * How long a claimed entry is reserved for this worker. A send is cut off `timeoutMs` after its
   * claim, so the lease must be longer than that, with room to spare for the database and for clocks
   * that differ between machines: at least a quarter of `timeoutMs` (and 100 ms) more.
   */
  leaseMs?: number
  /** How long one send may take, counted from the entry's claim. */
  timeoutMs: number
  maxAttempts: number
  backoff: BackoffPolicy
  log?: { info(data: object, message?: string): void; warn(data: object, message?: string): void }
}

export interface DeliveryWorker {
  /** Delivers what is due now; resolves with how many entries were attempted. */
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

const maxAnswerBytes = 100_000
/** The margin a lease must leave after the send timeout, for the database and clock differences. */
export function leaseMarginMs(timeoutMs: number): number {
  return Math.max(100, Math.ceil(timeoutMs / 4))
}

/** What an attempt came to, with the signatures of a signed answer. */
type Attempted = DeliveryOutcome & { evidence?: ExchangeEvidence }

/** One entry this worker holds: until when, and by when its send must be over. */
interface Claim {
  id: string
  lockedUntil: Date
  sendBy: number
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const now = options.now ?? (() => new Date())
  const workerId = options.workerId ?? `worker-${randomUUID()}`
  const batchSize = options.batchSize ?? 20
  const leaseMs = options.leaseMs ?? Math.max(30_000, options.timeoutMs * 3)
  if (leaseMs < options.timeoutMs + leaseMarginMs(options.timeoutMs)) {
    throw new Error(
      `The delivery lease (${leaseMs} ms) must be at least ${leaseMarginMs(options.timeoutMs)} ms longer than the ` +
        `delivery timeout (${options.timeoutMs} ms), or an entry could be sent by two workers at once.`,
    )
  }
  const db = options.db

  /** Claims one due entry, skipping those this round already attempted; null when none is free. */
  async function claimNext(skip: readonly string[]): Promise<Claim | null> {
    const claimed = await claimOneDue({
      now,
      skip,
      findDue: (where, take) =>
        db.outboxEntry.findMany({ where, orderBy: { nextAttemptAt: 'asc' }, take, select: { id: true } }),
      take: async (where, claimedAt) => {
        const lockedUntil = new Date(claimedAt.getTime() + leaseMs)
        return (await db.outboxEntry.updateMany({ where, data: { lockedBy: workerId, lockedUntil } })).count === 1
      },
    })
    if (!claimed) return null
    return {
      id: claimed.row.id,
      lockedUntil: new Date(claimed.claimedAt.getTime() + leaseMs),
      sendBy: claimed.claimedAt.getTime() + options.timeoutMs,
    }
  }

  /** Matches the entry only while this worker still holds the lease it claimed. */
  const held = (claim: Claim) => ({ id: claim.id, lockedBy: workerId, lockedUntil: claim.lockedUntil })

  async function send(claim: Claim): Promise<void> {
    const entry = await db.outboxEntry.findUniqueOrThrow({
      where: { id: claim.id },
      select: {
        id: true,
        attempts: true,
        kind: true,
        payload: true,
        applicationId: true,
        application: { select: knownApplicationSelect },
        department: {
          select: {
            code: true,
            baseUrl: true,
            state: true,
            keys: { where: { revokedAt: null }, select: { keyId: true, publicKey: true } },
          },
        },
      },
    })
    const payload = entry.payload as unknown as DeliveryPayload & { requestId?: string }
    const department = entry.department
    if (department.state === 'suspended') {
      // Held, not failed: a suspended department gets nothing until it is back.
      await release(claim, new Date(now().getTime() + options.circuits.halfOpenMs))
      return
    }
    const timeLeftMs = claim.sendBy - now().getTime()
    if (timeLeftMs <= 0) {
      // The database was too slow to leave time for a send inside the lease: let it go, untouched.
      await release(claim, now())
      options.log?.warn({ department: department.code, entry: entry.id }, 'delivery put back: no time left to send')
      return
    }

    let outcome: Attempted
    try {
      outcome = await options.circuits.run(department.code, () =>
        attempt(department, payload, Math.min(options.timeoutMs, timeLeftMs)),
      )
    } catch (error) {
      if (error instanceof CircuitOpen) {
        await release(claim, new Date(now().getTime() + options.circuits.halfOpenMs))
        options.log?.warn({ department: department.code, entry: entry.id }, 'delivery held: circuit open')
        return
      }
      outcome = {
        kind: 'failed',
        reason: error instanceof DomainError ? (error.options.detail ?? error.message) : String(error),
      }
    }

    const attempts = entry.attempts + 1
    const decision = decideAfterAttempt(outcome, attempts, options.maxAttempts, options.backoff)
    const at = now()
    const unlocked = { lockedUntil: null, lockedBy: null }
    const recorded = await db.$transaction(async (tx) => {
      if (decision.state === 'delivered' && outcome.kind === 'accepted') {
        const updated = await tx.outboxEntry.updateMany({
          where: held(claim),
          data: { state: 'delivered', attempts, deliveredAt: at, lastError: null, ...unlocked },
        })
        if (updated.count === 0) return false
        if (entry.applicationId && entry.kind === deliverApplicationKind) {
          await tx.application.update({
            where: { id: entry.applicationId },
            data: { departmentReference: outcome.departmentReference },
          })
        }
        await appendAudit(
          tx,
          options.provider,
          {
            event: entry.kind === deliverApplicationKind ? 'application.delivered' : 'application.answer_delivered',
            actor: 'system:delivery',
            data: {
              trackingNumber: payload.delivery.trackingNumber,
              department: department.code,
              departmentReference: outcome.departmentReference,
              attempts,
              ...(outcome.evidence ? { signatures: { ...outcome.evidence } } : {}),
            },
          },
          at,
        )
      } else if (decision.state === 'dead') {
        const updated = await tx.outboxEntry.updateMany({
          where: held(claim),
          data: { state: 'dead', attempts, lastError: decision.reason.slice(0, 1000), ...unlocked },
        })
        if (updated.count === 0) return false
        await appendAudit(
          tx,
          options.provider,
          {
            event: 'application.delivery_dead',
            actor: 'system:delivery',
            data: {
              trackingNumber: payload.delivery.trackingNumber,
              department: department.code,
              reason: decision.reason,
              ...(outcome.evidence ? { signatures: { ...outcome.evidence } } : {}),
            },
          },
          at,
        )
        const application = entry.application
        if (
          outcome.kind === 'refused' &&
          entry.kind === deliverApplicationKind &&
          application &&
          canMoveApplication(application.status, 'rejected')
        ) {
          // The department said no to the application itself: that is its decision, and the citizen
          // sees it (with the department's words) and is told, like any other status change.
          await recordStatusChangeIn(tx, options.provider, at, application, {
            status: 'rejected',
            message: outcome.message ? { en: outcome.message, ur: outcome.message } : undefined,
            occurredAt: at,
            department: department.code,
            evidence: {
              refusedDelivery: entry.id,
              reason: outcome.reason,
              ...(outcome.evidence ? { signatures: { ...outcome.evidence } } : {}),
            },
          })
        }
      } else if (decision.state === 'pending') {
        const updated = await tx.outboxEntry.updateMany({
          where: held(claim),
          data: {
            attempts,
            lastError: decision.reason.slice(0, 1000),
            nextAttemptAt: new Date(at.getTime() + decision.retryInMs),
            ...unlocked,
          },
        })
        if (updated.count === 0) return false
      }
      return true
    })
    if (!recorded) {
      // Only when the database stalled past the lease: another worker may hold the entry now, and
      // its outcome is the one that counts. The department keeps one application per idempotency key.
      options.log?.warn(
        { department: department.code, trackingNumber: payload.delivery.trackingNumber, entry: entry.id },
        'delivery outcome not recorded: the lease ran out before it could be',
      )
      return
    }
    options.log?.[decision.state === 'delivered' ? 'info' : 'warn'](
      { department: department.code, trackingNumber: payload.delivery.trackingNumber, attempts, state: decision.state },
      'delivery attempted',
    )
  }

  /**
   * One signed POST. Department failures throw (they count for the circuit), an answer not signed by
   * the department among them; refusals return.
   */
  async function attempt(
    department: { code: string; baseUrl: string; keys: { keyId: string; publicKey: string }[] },
    payload: DeliveryPayload & { requestId?: string },
    timeoutMs: number,
  ): Promise<Attempted> {
    const body = { ...payload.delivery, requestId: payload.requestId ?? randomUUID() }
    const failed = (detail: string) =>
      new DomainError('DEPARTMENT_UNAVAILABLE', 'The department cannot take the application right now.', {
        detail: `${department.code}: ${detail}`,
      })
    let status: number
    let text: string
    let evidence: ExchangeEvidence
    try {
      const answer = await askDepartment(
        options.signer,
        {
          method: 'POST',
          url: departmentUrl(department.baseUrl, payload.endpointPath),
          requestId: body.requestId,
          body,
          timeoutMs,
        },
        new Map(department.keys.map((key) => [key.keyId, key.publicKey])),
      )
      if (!answer.signed) {
        throw failed(`the answer's signature is not valid (HTTP ${answer.status}): ${answer.reason}`)
      }
      ;({ status, text, evidence } = answer)
    } catch (error) {
      if (error instanceof DomainError) throw error
      throw failed(describeSendError(error))
    }
    if (text.length > maxAnswerBytes) throw failed(`answer larger than ${maxAnswerBytes} bytes`)
    const json = parseJson(text)
    if (status === 200 || status === 201 || status === 202) {
      const receipt = DeliveryReceipt.safeParse(json)
      if (!receipt.success || receipt.data.outcome !== 'accepted') {
        throw failed(`answer does not match the protocol: ${text.slice(0, 200)}`)
      }
      return { kind: 'accepted', departmentReference: receipt.data.departmentReference, evidence }
    }
    const error = ProtocolError.safeParse(json)
    if (status === 400 && error.success) {
      return {
        kind: 'refused',
        reason: `refused by ${department.code}: ${error.data.error.message}${error.data.error.field ? ` (${error.data.error.field})` : ''}`,
        message: error.data.error.message,
        evidence,
      }
    }
    throw failed(
      `answered HTTP ${status}${error.success ? ` (${error.data.error.code}: ${error.data.error.message})` : ''}`,
    )
  }

  /** Gives a claimed entry back, due again at `nextAttemptAt`, if this worker still holds it. */
  async function release(claim: Claim, nextAttemptAt: Date) {
    await db.outboxEntry.updateMany({
      where: held(claim),
      data: { nextAttemptAt, lockedUntil: null, lockedBy: null },
    })
  }

  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let stopped = false

  async function runOnce(): Promise<number> {
    const attempted: string[] = []
    while (attempted.length < batchSize) {
      const claim = await claimNext(attempted)
      if (!claim) break
      attempted.push(claim.id)
      await send(claim)
    }
    return attempted.length
  }

  return {
    runOnce,
    start(intervalMs) {
      stopped = false
      const tick = () => {
        if (stopped) return
        running = runOnce()
          .catch((error: unknown) => {
            options.log?.warn({ err: error instanceof Error ? error.message : String(error) }, 'delivery round failed')
            return 0
          })
          .then((attempted) => {
            // A full round means more is waiting (a backlog after an outage): go on at once.
            if (!stopped) timer = setTimeout(tick, attempted >= batchSize ? 0 : intervalMs)
            return attempted
          })
      }
      timer = setTimeout(tick, 0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** What went wrong with a send, for the log and the platform page: fetch keeps the reason in its cause. */
function describeSendError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined
  const parts = [cause?.code, cause?.message].filter((part) => typeof part === 'string' && part !== '')
  return `${error.name}: ${error.message}${parts.length > 0 ? ` (${parts.join(': ')})` : ''}`
}
