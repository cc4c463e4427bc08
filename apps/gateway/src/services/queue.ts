// The service centre's queue: a kiosk issues tickets, clerks call them to their counter, the hall
// display shows the calls. The rules are in domain/queue.ts; this is their persistence.
import type { ServiceCategory } from '@darwaza/contracts/catalogue'
import { LocalizedText, type Language } from '@darwaza/contracts/localized'
import type { ClerkQueue, ClerkTicket, HallBoard, IssuedTicket, TicketState } from '@darwaza/contracts/queue'
import type { Db, Prisma } from '@darwaza/db'
import { auditName, deviceName, type Device, type StaffActor } from '../domain/actors.ts'
import { DomainError } from '../domain/errors.ts'
import {
  dayStatistics,
  estimateWaitMinutes,
  localDay,
  nextTicketState,
  ticketNumber,
  typicalHandlingMinutes,
  type CentreDayStatistics,
  type TicketTimes,
  type TicketStep,
} from '../domain/queue.ts'
import { appendAudit, type Tx } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

type QueueDeps = Pick<AccessDeps, 'db' | 'provider' | 'now'>

/** A kiosk may issue this many tickets in ten minutes; more is someone pressing for fun. */
const ticketsPerKioskPerTenMinutes = 60
/** Recent tickets of a category that set its typical handling time. */
const handlingSampleSize = 20
/** A clerk who called a ticket this recently counts as a counter at work. */
const counterActiveMinutes = 30

const clerkTicketSelect = {
  id: true,
  number: true,
  category: true,
  state: true,
  issuedAt: true,
  calledAt: true,
  timesCalled: true,
  counter: true,
  language: true,
} satisfies Prisma.QueueTicketSelect

function asClerkTicket(row: Prisma.QueueTicketGetPayload<{ select: typeof clerkTicketSelect }>): ClerkTicket {
  return { ...row, state: row.state as TicketState, language: row.language as Language }
}

async function centreOf(db: Db | Tx, serviceCentreId: string) {
  const centre = await db.serviceCentre.findUnique({
    where: { id: serviceCentreId },
    select: { id: true, name: true, timeZone: true },
  })
  if (!centre) throw new DomainError('NOT_FOUND', 'This service centre is not known.')
  return { ...centre, name: LocalizedText.parse(centre.name) }
}

export async function takeTicket(
  deps: QueueDeps,
  device: Extract<Device, { kind: 'kiosk' }>,
  input: { category: ServiceCategory; language: Language },
): Promise<IssuedTicket> {
  const now = deps.now()
  const recent = await deps.db.queueTicket.count({
    where: { kioskId: device.kioskId, issuedAt: { gte: new Date(now.getTime() - 10 * 60_000) } },
  })
  if (recent >= ticketsPerKioskPerTenMinutes) {
    throw new DomainError('RATE_LIMITED', 'This kiosk has issued many tickets just now. Please ask at the desk.')
  }
  const centre = await centreOf(deps.db, device.serviceCentreId)
  const day = localDay(now, centre.timeZone)
  // Two kiosks may take the same next number at once; the unique index refuses one, which tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.$transaction(async (tx) => {
        const waiting = await tx.queueTicket.findMany({
          where: { serviceCentreId: centre.id, day, state: 'waiting' },
          select: { category: true },
        })
        const handling = await handlingMinutesFor(
          tx,
          centre.id,
          new Set([...waiting.map((ticket) => ticket.category), input.category]),
        )
        const counters = await countersAtWork(tx, centre.id, day, now)
        const last = await tx.queueTicket.findFirst({
          where: { serviceCentreId: centre.id, day },
          orderBy: { sequence: 'desc' },
          select: { sequence: true },
        })
        const sequence = (last?.sequence ?? 0) + 1
        const estimatedWaitMinutes = estimateWaitMinutes(
          waiting.map((ticket) => ticket.category),
          (category) => handling.get(category) ?? 0,
          counters,
        )
        const ticket = await tx.queueTicket.create({
          data: {
            serviceCentreId: centre.id,
            day,
            sequence,
            number: ticketNumber(input.category, sequence),
            category: input.category,
            language: input.language,
            kioskId: device.kioskId,
            estimatedWaitMinutes,
            issuedAt: now,
          },
          select: { number: true, category: true, issuedAt: true },
        })
        return {
          ...ticket,
          waitingAhead: waiting.length,
          estimatedWaitMinutes,
          serviceCentre: centre.name,
        }
      })
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error)) throw error
    }
  }
}

/** The median minutes from call to finish of the category's recent tickets, per category. */
async function handlingMinutesFor(tx: Tx, serviceCentreId: string, categories: Set<ServiceCategory>) {
  const result = new Map<ServiceCategory, number>()
  for (const category of categories) {
    const recent = await tx.queueTicket.findMany({
      where: { serviceCentreId, category, state: 'done', calledAt: { not: null }, finishedAt: { not: null } },
      orderBy: { finishedAt: 'desc' },
      take: handlingSampleSize,
      select: { calledAt: true, finishedAt: true },
    })
    const minutes = recent.map(
      (ticket) => ((ticket.finishedAt?.getTime() ?? 0) - (ticket.calledAt?.getTime() ?? 0)) / 60_000,
    )
    result.set(category, typicalHandlingMinutes(category, minutes))
  }
  return result
}

async function countersAtWork(tx: Tx, serviceCentreId: string, day: string, now: Date) {
  const recentCalls = await tx.queueTicket.findMany({
    where: {
      serviceCentreId,
      day,
      clerkId: { not: null },
      calledAt: { gte: new Date(now.getTime() - counterActiveMinutes * 60_000) },
    },
    distinct: ['clerkId'],
    select: { clerkId: true },
  })
  return recentCalls.length
}

function clerkCentre(clerk: StaffActor): string {
  if (!clerk.serviceCentreId) throw new DomainError('FORBIDDEN', 'Your account is not attached to a service centre.')
  return clerk.serviceCentreId
}

/** Today's waiting tickets at the clerk's centre, oldest first, and the one the clerk has. */
export async function clerkQueue(deps: QueueDeps, clerk: StaffActor): Promise<ClerkQueue> {
  const centre = await centreOf(deps.db, clerkCentre(clerk))
  const day = localDay(deps.now(), centre.timeZone)
  const [waiting, mine] = await Promise.all([
    deps.db.queueTicket.findMany({
      where: { serviceCentreId: centre.id, day, state: 'waiting' },
      orderBy: { sequence: 'asc' },
      select: clerkTicketSelect,
    }),
    deps.db.queueTicket.findFirst({
      where: { serviceCentreId: centre.id, clerkId: clerk.staffId, state: { in: ['called', 'serving'] } },
      orderBy: { calledAt: 'desc' },
      select: clerkTicketSelect,
    }),
  ])
  return { waiting: waiting.map(asClerkTicket), mine: mine ? asClerkTicket(mine) : null }
}

/**
 * Calls the oldest waiting ticket (of the given categories) to the clerk's counter. Two clerks
 * pressing at once never get the same ticket: the move from waiting is a compare-and-set.
 */
export async function callNext(
  deps: QueueDeps,
  clerk: StaffActor,
  device: Device,
  input: { counter: string; categories?: ServiceCategory[] },
): Promise<ClerkTicket | null> {
  const centre = await centreOf(deps.db, clerkCentre(clerk))
  const now = deps.now()
  const day = localDay(now, centre.timeZone)
  const current = await deps.db.queueTicket.findFirst({
    where: { serviceCentreId: centre.id, clerkId: clerk.staffId, state: { in: ['called', 'serving'] } },
    select: { number: true },
  })
  if (current) {
    throw new DomainError('INVALID_INPUT', `Finish ticket ${current.number} before calling the next one.`, {
      fieldErrors: [{ field: 'ticket', reason: 'busy', message: `finish ticket ${current.number} first` }],
    })
  }
  for (let attempt = 0; attempt < 10; attempt++) {
    const candidate = await deps.db.queueTicket.findFirst({
      where: {
        serviceCentreId: centre.id,
        day,
        state: 'waiting',
        ...(input.categories ? { category: { in: input.categories } } : {}),
      },
      orderBy: { sequence: 'asc' },
      select: { id: true },
    })
    if (!candidate) return null
    const called = await deps.db.$transaction(async (tx) => {
      const claimed = await tx.queueTicket.updateMany({
        where: { id: candidate.id, state: 'waiting' },
        data: { state: 'called', calledAt: now, timesCalled: 1, counter: input.counter, clerkId: clerk.staffId },
      })
      if (claimed.count === 0) return null
      await auditTicket(tx, deps, clerk, device, 'queue.called', candidate.id, { counter: input.counter })
      return tx.queueTicket.findUniqueOrThrow({ where: { id: candidate.id }, select: clerkTicketSelect })
    })
    if (called) return asClerkTicket(called)
  }
  throw new DomainError('RATE_LIMITED', 'Other counters are calling at the same moment. Please press again.')
}

/** Recall, start serving, finish, or mark as not there: only the clerk who called it, only where allowed. */
export async function moveTicket(
  deps: QueueDeps,
  clerk: StaffActor,
  device: Device,
  ticketId: string,
  step: Exclude<TicketStep, 'call'>,
): Promise<ClerkTicket> {
  const now = deps.now()
  return deps.db.$transaction(async (tx) => {
    const ticket = await tx.queueTicket.findUnique({
      where: { id: ticketId },
      select: { id: true, state: true, clerkId: true, serviceCentreId: true, number: true },
    })
    if (!ticket || ticket.serviceCentreId !== clerk.serviceCentreId) {
      throw new DomainError('NOT_FOUND', 'There is no such ticket at your service centre.')
    }
    if (ticket.clerkId !== clerk.staffId) {
      throw new DomainError('FORBIDDEN', `Ticket ${ticket.number} was called by another counter.`)
    }
    const next = nextTicketState(ticket.state as TicketState, step)
    if (!next) {
      throw new DomainError('INVALID_INPUT', `Ticket ${ticket.number} cannot do that now (it is ${ticket.state}).`, {
        fieldErrors: [{ field: 'ticketId', reason: 'state', message: `the ticket is ${ticket.state}` }],
      })
    }
    const moved = await tx.queueTicket.updateMany({
      where: { id: ticket.id, state: ticket.state },
      data: {
        state: next,
        ...(step === 'recall' ? { calledAt: now, timesCalled: { increment: 1 } } : {}),
        ...(step === 'start_serving' ? { servingStartedAt: now } : {}),
        ...(step === 'finish' || step === 'no_show' ? { finishedAt: now } : {}),
      },
    })
    if (moved.count === 0) throw new DomainError('INVALID_INPUT', 'The ticket changed meanwhile. Please try again.')
    await auditTicket(tx, deps, clerk, device, `queue.${step}`, ticket.id, {})
    return asClerkTicket(
      await tx.queueTicket.findUniqueOrThrow({ where: { id: ticket.id }, select: clerkTicketSelect }),
    )
  })
}

const notAtCounter = () =>
  new DomainError('INVALID_INPUT', 'That ticket is not the one at your counter.', {
    fieldErrors: [{ field: 'ticketId', reason: 'not_yours', message: 'is not the ticket at your counter' }],
  })

async function ticketAtCounter(db: Db | Tx, clerk: StaffActor, ticketId: string) {
  const ticket = await db.queueTicket.findUnique({
    where: { id: ticketId },
    select: { clerkId: true, state: true, number: true },
  })
  if (!ticket || ticket.clerkId !== clerk.staffId || !['called', 'serving'].includes(ticket.state)) throw notAtCounter()
  return ticket
}

/** Checked before the citizen's code is used up, so a wrong ticket does not cost them a new code. */
export async function checkTicketAtCounter(db: Db, clerk: StaffActor, ticketId: string | undefined) {
  if (ticketId) await ticketAtCounter(db, clerk, ticketId)
}

/**
 * Opening an assisted session for a called ticket links the two: the ticket then names the citizen,
 * and the applications made in the session are the ticket's. Runs in the session's transaction.
 */
export async function linkTicketToAssistedSession(
  tx: Tx,
  clerk: StaffActor,
  ticketId: string,
  link: { assistedSessionId: string; citizenId: string; now: Date },
) {
  const ticket = await ticketAtCounter(tx, clerk, ticketId)
  await tx.queueTicket.update({
    where: { id: ticketId },
    data: {
      state: 'serving',
      servingStartedAt: ticket.state === 'called' ? link.now : undefined,
      assistedSessionId: link.assistedSessionId,
      citizenId: link.citizenId,
    },
  })
  return ticket.number
}

/** Ending the assisted session ends the ticket it served. Runs in the session's transaction. */
export async function finishTicketOfAssistedSession(tx: Tx, assistedSessionId: string, now: Date) {
  await tx.queueTicket.updateMany({
    where: { assistedSessionId, state: { in: ['called', 'serving'] } },
    data: { state: 'done', finishedAt: now },
  })
}

async function auditTicket(
  tx: Tx,
  deps: QueueDeps,
  clerk: StaffActor,
  device: Device,
  event: string,
  ticketId: string,
  data: Prisma.InputJsonObject,
) {
  await appendAudit(
    tx,
    deps.provider,
    { event, actor: auditName(clerk), device: deviceName(device), data: { ticketId, ...data } },
    deps.now(),
  )
}

/** Recent calls at a centre, for the waiting hall's display. Numbers and counters only. */
export const hallBoardSize = 8

export async function hallBoard(deps: QueueDeps, centreCode: string): Promise<HallBoard> {
  const centre = await deps.db.serviceCentre.findUnique({
    where: { code: centreCode },
    select: { id: true, name: true, timeZone: true },
  })
  if (!centre) throw new DomainError('NOT_FOUND', 'There is no service centre with this code.')
  const day = localDay(deps.now(), centre.timeZone)
  const [called, waiting] = await Promise.all([
    deps.db.queueTicket.findMany({
      // Served tickets stay on the board a while: someone who missed their call can still see it.
      where: { serviceCentreId: centre.id, day, calledAt: { not: null } },
      orderBy: { calledAt: 'desc' },
      take: hallBoardSize,
      select: { number: true, counter: true, calledAt: true },
    }),
    deps.db.queueTicket.count({ where: { serviceCentreId: centre.id, day, state: 'waiting' } }),
  ])
  return {
    serviceCentre: LocalizedText.parse(centre.name),
    called: called.map((ticket) => ({
      number: ticket.number,
      counter: ticket.counter ?? '',
      calledAt: ticket.calledAt ?? new Date(0),
    })),
    waiting,
  }
}

/** Each centre's figures for each of the last days that had tickets (open data). */
export async function queueStatistics(
  deps: Pick<QueueDeps, 'db' | 'now'>,
  days: number,
): Promise<CentreDayStatistics[]> {
  const since = new Date(deps.now().getTime() - (days + 1) * 86_400_000)
  const [centres, tickets] = await Promise.all([
    deps.db.serviceCentre.findMany({ select: { id: true, code: true, name: true } }),
    deps.db.queueTicket.findMany({
      where: { issuedAt: { gte: since } },
      select: { serviceCentreId: true, day: true, issuedAt: true, calledAt: true, finishedAt: true, state: true },
    }),
  ])
  const byCentreDay = new Map<string, Map<string, TicketTimes[]>>()
  for (const ticket of tickets) {
    const centreDays = byCentreDay.get(ticket.serviceCentreId) ?? new Map<string, TicketTimes[]>()
    byCentreDay.set(ticket.serviceCentreId, centreDays)
    const dayTickets = centreDays.get(ticket.day) ?? []
    centreDays.set(ticket.day, dayTickets)
    dayTickets.push({ ...ticket, state: ticket.state as TicketState })
  }
  return centres
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((centre) =>
      [...(byCentreDay.get(centre.id) ?? new Map<string, TicketTimes[]>())]
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([day, dayTickets]) => ({
          serviceCentre: centre.code,
          serviceCentreName: LocalizedText.parse(centre.name),
          day,
          ...dayStatistics(dayTickets),
        })),
    )
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

/**
 * The hall board as it changes: the current board at once, then each time it differs. Reading the
 * database (not this process's memory) keeps every gateway replica's displays in step.
 */
export async function* watchHallBoard(
  deps: QueueDeps,
  centreCode: string,
  signal: AbortSignal | undefined,
  intervalMs: number,
): AsyncGenerator<HallBoard> {
  let last = ''
  while (!signal?.aborted) {
    const board = await hallBoard(deps, centreCode)
    const shown = JSON.stringify(board)
    if (shown !== last) {
      last = shown
      yield board
    }
    await sleep(intervalMs, signal)
  }
}

function sleep(ms: number, signal: AbortSignal | undefined) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
