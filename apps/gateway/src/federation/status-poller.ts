// For departments that cannot call back, the gateway asks (POST /status-queries, signed) for the
// status of the applications it delivered and not yet finished, and records each change through the
// same status machine as callbacks.
import { randomUUID } from 'node:crypto'
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import { StatusQueryAnswer, type StatusQuery } from '@darwaza/contracts/department-protocol/v1'
import { canMoveApplication } from '../domain/application-status.ts'
import { DomainError } from '../domain/errors.ts'
import type { AccessDeps } from '../services/deps.ts'
import { recordStatusChange } from '../services/status-callbacks.ts'
import { CircuitOpen, type DepartmentCircuits } from './department-circuits.ts'
import { departmentUrl, sendSigned } from './signed-request.ts'

const openStatuses: ApplicationStatus[] = ['submitted', 'received', 'in_review', 'needs_information', 'approved']

export interface StatusPoller {
  /** Asks every polled department once; resolves with the number of changes recorded. */
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

export function createStatusPoller(options: {
  deps: AccessDeps
  circuits: DepartmentCircuits
  timeoutMs: number
  log?: { warn(data: object, message?: string): void }
}): StatusPoller {
  const { deps } = options

  async function pollDepartment(department: { id: string; code: string; baseUrl: string }): Promise<number> {
    const applications = await deps.db.application.findMany({
      where: {
        status: { in: openStatuses },
        departmentReference: { not: null },
        serviceVersion: { service: { departmentId: department.id } },
      },
      orderBy: { updatedAt: 'asc' },
      take: 100,
      select: {
        id: true,
        status: true,
        language: true,
        citizenId: true,
        trackingNumber: true,
        citizen: { select: { phone: true, email: true } },
        serviceVersion: { select: { title: true, notificationTemplates: true } },
      },
    })
    if (applications.length === 0) return 0
    const query: StatusQuery = {
      requestId: randomUUID(),
      trackingNumbers: applications.map((item) => item.trackingNumber),
    }
    const answer = await options.circuits.run(department.code, async () => {
      const failed = (detail: string) =>
        new DomainError('DEPARTMENT_UNAVAILABLE', 'The department cannot answer right now.', {
          detail: `${department.code}: ${detail}`,
        })
      let response: Response
      try {
        response = await sendSigned(deps.signer, {
          method: 'POST',
          url: departmentUrl(department.baseUrl, '/status-queries'),
          requestId: query.requestId,
          body: query,
          timeoutMs: options.timeoutMs,
        })
      } catch (error) {
        throw failed(error instanceof Error ? error.message : String(error))
      }
      const text = await response.text()
      if (response.status !== 200) throw failed(`answered HTTP ${response.status}`)
      const parsed = StatusQueryAnswer.safeParse(JSON.parse(text.length < 1_000_000 ? text || 'null' : 'null'))
      if (!parsed.success) throw failed(`status answer does not match the protocol`)
      return parsed.data
    })
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
        evidence: { polled: true, requestId: query.requestId },
      })
      if (moved) recorded++
    }
    return recorded
  }

  async function runOnce(): Promise<number> {
    const departments = await deps.db.department.findMany({
      where: { statusPolling: true, state: { not: 'suspended' } },
      select: { id: true, code: true, baseUrl: true },
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
