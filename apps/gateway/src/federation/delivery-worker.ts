// Delivers applications from the outbox to departments: signed, with the same idempotency key on
// every attempt, retried with backoff and jitter, through the department's circuit breaker, and parked
// as dead after the last attempt for a platform admin to replay. Each entry is claimed with a
// compare-and-set lease, so several gateway processes (on PostgreSQL) never send one entry at once.
import { randomUUID } from 'node:crypto'
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { DeliveryReceipt, ProtocolError } from '@darwaza/contracts/department-protocol/v1'
import type { Db, Provider } from '@darwaza/db'
import { decideAfterAttempt, type BackoffPolicy, type DeliveryOutcome } from '../domain/delivery-policy.ts'
import { DomainError } from '../domain/errors.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import { deliverApplicationKind, type DeliveryPayload } from '../services/applications.ts'
import { CircuitOpen, type DepartmentCircuits } from './department-circuits.ts'
import { departmentUrl, sendSigned } from './signed-request.ts'

export interface DeliveryWorkerOptions {
  db: Db
  provider: Provider
  signer: SigningIdentity
  circuits: DepartmentCircuits
  now?: () => Date
  /** Names this worker in leases, so an entry can be traced to the process that sent it. */
  workerId?: string
  batchSize?: number
  /** How long a claimed entry is reserved; longer than a send can take. */
  leaseMs?: number
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

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const now = options.now ?? (() => new Date())
  const workerId = options.workerId ?? `worker-${randomUUID()}`
  const batchSize = options.batchSize ?? 20
  const leaseMs = options.leaseMs ?? Math.max(30_000, options.timeoutMs * 3)
  const db = options.db

  async function claim(): Promise<string[]> {
    const at = now()
    const due = await db.outboxEntry.findMany({
      where: {
        state: 'pending',
        nextAttemptAt: { lte: at },
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }],
      },
      orderBy: { nextAttemptAt: 'asc' },
      take: batchSize,
      select: { id: true },
    })
    const claimed: string[] = []
    for (const { id } of due) {
      // Compare-and-set: only one worker's update matches a free entry.
      const taken = await db.outboxEntry.updateMany({
        where: { id, state: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }] },
        data: { lockedBy: workerId, lockedUntil: new Date(at.getTime() + leaseMs) },
      })
      if (taken.count === 1) claimed.push(id)
    }
    return claimed
  }

  async function send(entryId: string): Promise<void> {
    const entry = await db.outboxEntry.findUniqueOrThrow({
      where: { id: entryId },
      select: {
        id: true,
        attempts: true,
        kind: true,
        payload: true,
        applicationId: true,
        department: { select: { code: true, baseUrl: true, state: true } },
      },
    })
    const payload = entry.payload as unknown as DeliveryPayload & { requestId?: string }
    const department = entry.department
    if (department.state === 'suspended') {
      // Held, not failed: a suspended department gets nothing until it is back.
      await release(entry.id, { nextAttemptAt: new Date(now().getTime() + options.circuits.halfOpenMs) })
      return
    }

    let outcome: DeliveryOutcome
    try {
      outcome = await options.circuits.run(department.code, () => attempt(department, payload))
    } catch (error) {
      if (error instanceof CircuitOpen) {
        await release(entry.id, { nextAttemptAt: new Date(now().getTime() + options.circuits.halfOpenMs) })
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
    await db.$transaction(async (tx) => {
      if (decision.state === 'delivered' && outcome.kind === 'accepted') {
        await tx.outboxEntry.update({
          where: { id: entry.id },
          data: { state: 'delivered', attempts, deliveredAt: at, lockedUntil: null, lockedBy: null, lastError: null },
        })
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
            },
          },
          at,
        )
      } else if (decision.state === 'dead') {
        await tx.outboxEntry.update({
          where: { id: entry.id },
          data: {
            state: 'dead',
            attempts,
            lastError: decision.reason.slice(0, 1000),
            lockedUntil: null,
            lockedBy: null,
          },
        })
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
            },
          },
          at,
        )
      } else if (decision.state === 'pending') {
        await tx.outboxEntry.update({
          where: { id: entry.id },
          data: {
            attempts,
            lastError: decision.reason.slice(0, 1000),
            nextAttemptAt: new Date(at.getTime() + decision.retryInMs),
            lockedUntil: null,
            lockedBy: null,
          },
        })
      }
    })
    options.log?.[decision.state === 'delivered' ? 'info' : 'warn'](
      { department: department.code, trackingNumber: payload.delivery.trackingNumber, attempts, state: decision.state },
      'delivery attempted',
    )
  }

  /** One signed POST. Department failures throw (they count for the circuit); refusals return. */
  async function attempt(
    department: { code: string; baseUrl: string },
    payload: DeliveryPayload & { requestId?: string },
  ) {
    const body = { ...payload.delivery, requestId: payload.requestId ?? randomUUID() }
    const failed = (detail: string) =>
      new DomainError('DEPARTMENT_UNAVAILABLE', 'The department cannot take the application right now.', {
        detail: `${department.code}: ${detail}`,
      })
    let status: number
    let text: string
    try {
      const response = await sendSigned(options.signer, {
        method: 'POST',
        url: departmentUrl(department.baseUrl, payload.endpointPath),
        requestId: body.requestId,
        body,
        timeoutMs: options.timeoutMs,
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      throw failed(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }
    if (text.length > maxAnswerBytes) throw failed(`answer larger than ${maxAnswerBytes} bytes`)
    const json = parseJson(text)
    if (status === 200 || status === 201 || status === 202) {
      const receipt = DeliveryReceipt.safeParse(json)
      if (!receipt.success || receipt.data.outcome !== 'accepted') {
        throw failed(`answer does not match the protocol: ${text.slice(0, 200)}`)
      }
      return { kind: 'accepted', departmentReference: receipt.data.departmentReference } satisfies DeliveryOutcome
    }
    const error = ProtocolError.safeParse(json)
    if (status === 400 && error.success) {
      return {
        kind: 'refused',
        reason: `refused by ${department.code}: ${error.data.error.message}${error.data.error.field ? ` (${error.data.error.field})` : ''}`,
      } satisfies DeliveryOutcome
    }
    throw failed(
      `answered HTTP ${status}${error.success ? ` (${error.data.error.code}: ${error.data.error.message})` : ''}`,
    )
  }

  async function release(id: string, data: { nextAttemptAt: Date }) {
    await db.outboxEntry.update({ where: { id }, data: { ...data, lockedUntil: null, lockedBy: null } })
  }

  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let stopped = false

  async function runOnce(): Promise<number> {
    const claimed = await claim()
    for (const id of claimed) await send(id)
    return claimed.length
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
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs)
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
