// For departments that cannot call back, the gateway asks (POST /status-queries, signed) for the
// status of the applications it delivered and not yet finished, and records each change through the
// same status machine as callbacks. A query names at most `batchSize` applications (the protocol allows
// 100); with more open than that, each round goes on from where the last one stopped, in the order the
// applications were made, and starts again from the first after the last, so every open application
// is asked about once every ceil(open / batchSize) rounds. Where it stopped is kept in memory: a
// restarted gateway begins again from the first. An answer is believed only when the department
// signed it for this query; each change recorded keeps both signatures as evidence.
import { randomUUID } from 'node:crypto'
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import { StatusQueryAnswer, type StatusQuery } from '@darwaza/contracts/department-protocol/v1'
import { canMoveApplication } from '../domain/application-status.ts'
import { DomainError } from '../domain/errors.ts'
import type { AccessDeps } from '../services/deps.ts'
import { knownApplicationSelect, recordStatusChange } from '../services/status-callbacks.ts'
import { CircuitOpen, type DepartmentCircuits } from './department-circuits.ts'
import { askDepartment, departmentUrl } from './signed-request.ts'

const openStatuses: ApplicationStatus[] = ['submitted', 'received', 'in_review', 'needs_information', 'approved']

export interface StatusPoller {
  /** Asks every polled department once; resolves with the number of changes recorded. */
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

/** The most applications one status query names (the protocol's limit). */
export const maxStatusQueryBatch = 100

export function createStatusPoller(options: {
  deps: Pick<AccessDeps, 'db' | 'provider' | 'now' | 'signer'>
  circuits: DepartmentCircuits
  timeoutMs: number
  /** Applications asked about per department and round; at most 100. */
  batchSize?: number
  log?: { warn(data: object, message?: string): void }
}): StatusPoller {
  const { deps } = options
  const batchSize = Math.min(maxStatusQueryBatch, Math.max(1, options.batchSize ?? maxStatusQueryBatch))
  /** Per department, the last application asked about: the next round goes on after it. */
  const cursors = new Map<string, string>()

  /** The next `batchSize` open applications after the department's cursor, wrapping round to the first. */
  async function nextBatch(departmentId: string) {
    const open = {
      status: { in: openStatuses },
      departmentReference: { not: null },
      serviceVersion: { service: { departmentId } },
    }
    const cursor = cursors.get(departmentId)
    // Ids are UUIDv7: in the order the applications were made.
    const batch = await deps.db.application.findMany({
      where: { ...open, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: knownApplicationSelect,
    })
    if (cursor && batch.length < batchSize) {
      const fromTheStart = await deps.db.application.findMany({
        where: { ...open, id: { lte: cursor } },
        orderBy: { id: 'asc' },
        take: batchSize - batch.length,
        select: knownApplicationSelect,
      })
      batch.push(...fromTheStart)
    }
    return batch
  }

  async function pollDepartment(department: {
    id: string
    code: string
    baseUrl: string
    keys: { keyId: string; publicKey: string }[]
  }): Promise<number> {
    const applications = await nextBatch(department.id)
    if (applications.length === 0) {
      cursors.delete(department.id)
      return 0
    }
    const query: StatusQuery = {
      requestId: randomUUID(),
      trackingNumbers: applications.map((item) => item.trackingNumber),
    }
    const { answer, evidence } = await options.circuits.run(department.code, async () => {
      const failed = (detail: string) =>
        new DomainError('DEPARTMENT_UNAVAILABLE', 'The department cannot answer right now.', {
          detail: `${department.code}: ${detail}`,
        })
      let answered: Awaited<ReturnType<typeof askDepartment>>
      try {
        answered = await askDepartment(
          deps.signer,
          {
            method: 'POST',
            url: departmentUrl(department.baseUrl, '/status-queries'),
            requestId: query.requestId,
            body: query,
            timeoutMs: options.timeoutMs,
          },
          new Map(department.keys.map((key) => [key.keyId, key.publicKey])),
        )
      } catch (error) {
        throw failed(error instanceof Error ? error.message : String(error))
      }
      if (!answered.signed) {
        throw failed(`the answer's signature is not valid (HTTP ${answered.status}): ${answered.reason}`)
      }
      if (answered.status !== 200) throw failed(`answered HTTP ${answered.status}`)
      const text = answered.text
      const parsed = StatusQueryAnswer.safeParse(JSON.parse(text.length < 1_000_000 ? text || 'null' : 'null'))
      if (!parsed.success) throw failed(`status answer does not match the protocol`)
      return { answer: parsed.data, evidence: answered.evidence }
    })
    // Asked and answered: the next round goes on after this batch. (A failed query is asked again.)
    cursors.set(department.id, applications[applications.length - 1]?.id ?? '')
    let recorded = 0
    for (const reported of answer.statuses) {
      const application = applications.find((item) => item.trackingNumber === reported.trackingNumber)
      if (!application || application.status === reported.status) continue
      if (!canMoveApplication(application.status, reported.status)) {
        options.log?.warn(
          {
            department: department.code,
            trackingNumber: reported.trackingNumber,
            from: application.status,
            to: reported.status,
          },
          'polled status refused: not a step the status machine allows',
        )
        continue
      }
      const moved = await recordStatusChange(deps, application, {
        status: reported.status,
        message: reported.message,
        document: reported.document,
        occurredAt: new Date(reported.occurredAt),
        department: department.code,
        evidence: { polled: true, requestId: query.requestId, signatures: { ...evidence } },
      })
      if (moved) recorded++
    }
    return recorded
  }

  async function runOnce(): Promise<number> {
    const departments = await deps.db.department.findMany({
      where: { statusPolling: true, state: { not: 'suspended' } },
      select: {
        id: true,
        code: true,
        baseUrl: true,
        keys: { where: { revokedAt: null }, select: { keyId: true, publicKey: true } },
      },
    })
    let recorded = 0
    for (const department of departments) {
      try {
        recorded += await pollDepartment(department)
      } catch (error) {
        if (!(error instanceof CircuitOpen) && !(error instanceof DomainError) && !(error instanceof SyntaxError))
          throw error
        options.log?.warn({ department: department.code, err: String(error) }, 'status poll failed')
      }
    }
    return recorded
  }

  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = false
  return {
    runOnce,
    start(intervalMs) {
      stopped = false
      const tick = () => {
        if (stopped) return
        running = runOnce()
          .catch((error: unknown) => options.log?.warn({ err: String(error) }, 'status polling round failed'))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs)
          })
      }
      timer = setTimeout(tick, intervalMs)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
