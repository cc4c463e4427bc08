// The service centre's queue rules: ticket numbers, the wait a citizen is told, which steps a ticket
// may take, and the statistics published as open data.
import type { ServiceCategory } from '@darwaza/contracts/catalogue'
import type { LocalizedText } from '@darwaza/contracts/localized'
import type { TicketState } from '@darwaza/contracts/queue'

/** One letter per category, so a citizen hears which kind of counter they wait for. */
export const ticketPrefix: Record<ServiceCategory, string> = {
  family_and_civil_registration: 'F',
  health: 'H',
  vehicles_and_transport: 'V',
  water_and_utilities: 'W',
  education: 'E',
  social_protection: 'S',
  business: 'B',
  identity_and_documents: 'I',
}

/** Numbers run through the day across categories ("H-014", "V-015"), so no two tickets share one. */
export function ticketNumber(category: ServiceCategory, sequence: number): string {
  return `${ticketPrefix[category]}-${String(sequence).padStart(3, '0')}`
}

/** The centre's calendar day (YYYY-MM-DD) at that moment: numbering restarts at local midnight. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** Minutes a counter typically spends on one citizen, before the centre has measured its own. */
export const defaultHandlingMinutes: Record<ServiceCategory, number> = {
  family_and_civil_registration: 10,
  health: 5,
  vehicles_and_transport: 8,
  water_and_utilities: 6,
  education: 8,
  social_protection: 12,
  business: 10,
  identity_and_documents: 8,
}

/** Enough recent tickets for the centre's own figure to be better than the default. */
export const minimumSamples = 5

/** The median of the centre's recent handling times for a category, or the default until it has enough. */
export function typicalHandlingMinutes(category: ServiceCategory, recentMinutes: readonly number[]): number {
  if (recentMinutes.length < minimumSamples) return defaultHandlingMinutes[category]
  return Math.max(1, Math.round(median(recentMinutes)))
}

/**
 * The wait to tell a new ticket: the handling time of everyone ahead, shared by the counters at
 * work (at least one), rounded up to a whole minute. Nobody ahead means no wait.
 */
export function estimateWaitMinutes(
  ahead: readonly ServiceCategory[],
  handlingMinutes: (category: ServiceCategory) => number,
  countersAtWork: number,
): number {
  const total = ahead.reduce((sum, category) => sum + handlingMinutes(category), 0)
  return Math.ceil(total / Math.max(1, countersAtWork))
}

export type TicketStep = 'call' | 'recall' | 'start_serving' | 'finish' | 'no_show'

const allowedFrom: Record<TicketStep, readonly TicketState[]> = {
  call: ['waiting'],
  recall: ['called'],
  start_serving: ['called'],
  finish: ['called', 'serving'],
  no_show: ['called'],
}

const stateAfter: Record<TicketStep, TicketState> = {
  call: 'called',
  recall: 'called',
  start_serving: 'serving',
  finish: 'done',
  no_show: 'no_show',
}

/** The state a ticket moves to, or null when the step is not allowed from where it is. */
export function nextTicketState(from: TicketState, step: TicketStep): TicketState | null {
  return allowedFrom[step].includes(from) ? stateAfter[step] : null
}

export interface TicketTimes {
  issuedAt: Date
  calledAt: Date | null
  finishedAt: Date | null
  state: TicketState
}

export interface DayStatistics {
  issued: number
  served: number
  noShows: number
  /** Minutes from taking a ticket to being called, over the tickets called. */
  medianWaitMinutes: number | null
  p90WaitMinutes: number | null
  /** Citizens served per hour in which the centre served anyone. */
  servedPerHour: number | null
}

export interface CentreDayStatistics extends DayStatistics {
  /** The centre's code. */
  serviceCentre: string
  serviceCentreName: LocalizedText
  day: string
}

/** A day's figures for one centre, from its tickets. Hours are counted in UTC, which keeps whole hours whole. */
export function dayStatistics(tickets: readonly TicketTimes[]): DayStatistics {
  const waits = tickets
    .filter((ticket) => ticket.calledAt)
    .map((ticket) => ((ticket.calledAt?.getTime() ?? 0) - ticket.issuedAt.getTime()) / 60_000)
  const served = tickets.filter((ticket) => ticket.state === 'done' && ticket.finishedAt)
  const hours = new Set(served.map((ticket) => Math.floor((ticket.finishedAt?.getTime() ?? 0) / 3_600_000)))
  return {
    issued: tickets.length,
    served: served.length,
    noShows: tickets.filter((ticket) => ticket.state === 'no_show').length,
    medianWaitMinutes: waits.length ? round1(median(waits)) : null,
    p90WaitMinutes: waits.length ? round1(percentile(waits, 0.9)) : null,
    servedPerHour: hours.size ? round1(served.length / hours.size) : null,
  }
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5)
}

/** Linear interpolation between the closest ranks. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (sorted.length - 1) * fraction
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const lowValue = sorted[low] ?? 0
  const highValue = sorted[high] ?? lowValue
  return lowValue + (highValue - lowValue) * (rank - low)
}

const round1 = (value: number) => Math.round(value * 10) / 10
