import { ServiceCategory } from '@darwaza/contracts/catalogue'
import { TicketState } from '@darwaza/contracts/queue'
import { describe, expect, it } from 'vitest'
import {
  dayStatistics,
  defaultHandlingMinutes,
  estimateWaitMinutes,
  localDay,
  nextTicketState,
  ticketNumber,
  ticketPrefix,
  typicalHandlingMinutes,
  type TicketStep,
} from './queue.ts'

describe('ticket numbers', () => {
  it('carry the category letter and the day’s running number', () => {
    expect(ticketNumber('health', 14)).toBe('H-014')
    expect(ticketNumber('vehicles_and_transport', 1)).toBe('V-001')
    expect(ticketNumber('water_and_utilities', 1234)).toBe('W-1234')
  })

  it('use a different letter for every category', () => {
    const letters = ServiceCategory.options.map((category) => ticketPrefix[category])
    expect(new Set(letters).size).toBe(ServiceCategory.options.length)
  })

  it('restart at the centre’s own midnight, not UTC’s', () => {
    // 19:30 UTC on 1 December is 00:30 on 2 December in Pakistan (UTC+5).
    const at = new Date('2026-12-01T19:30:00Z')
    expect(localDay(at, 'Asia/Karachi')).toBe('2026-12-02')
    expect(localDay(at, 'UTC')).toBe('2026-12-01')
    expect(localDay(at, 'Asia/Baghdad')).toBe('2026-12-01')
  })
})

describe('the wait a citizen is told', () => {
  it('is nothing with nobody ahead', () => {
    expect(estimateWaitMinutes([], () => 10, 3)).toBe(0)
  })

  it('adds the handling time of everyone ahead and shares it among the counters at work', () => {
    const handling = (category: ServiceCategory) => (category === 'health' ? 5 : 10)
    expect(estimateWaitMinutes(['health', 'health', 'education'], handling, 1)).toBe(20)
    expect(estimateWaitMinutes(['health', 'health', 'education'], handling, 2)).toBe(10)
    expect(estimateWaitMinutes(['health', 'health', 'education'], handling, 3)).toBe(7)
  })

  it('counts one counter when nobody has called a ticket yet', () => {
    expect(estimateWaitMinutes(['health'], () => 5, 0)).toBe(5)
  })

  it('uses the centre’s own median once it has enough tickets, the default before', () => {
    expect(typicalHandlingMinutes('health', [])).toBe(defaultHandlingMinutes.health)
    expect(typicalHandlingMinutes('health', [30, 30, 30, 30])).toBe(defaultHandlingMinutes.health)
    expect(typicalHandlingMinutes('health', [2, 3, 4, 60, 3])).toBe(3)
    expect(typicalHandlingMinutes('health', [0.1, 0.2, 0.1, 0.1, 0.3])).toBe(1)
  })
})

describe('ticket steps', () => {
  // Every step from every state, written out: the allowed ones are exactly these.
  const allowed: Record<string, TicketState> = {
    'waiting call': 'called',
    'called recall': 'called',
    'called start_serving': 'serving',
    'called finish': 'done',
    'called no_show': 'no_show',
    'serving finish': 'done',
  }
  const steps: TicketStep[] = ['call', 'recall', 'start_serving', 'finish', 'no_show']
  const pairs = TicketState.options.flatMap((from) => steps.map((step) => [from, step] as const))

  it.each(pairs)('%s, then %s', (from, step) => {
    expect(nextTicketState(from, step)).toBe(allowed[`${from} ${step}`] ?? null)
  })
})

describe('a day’s statistics', () => {
  const at = (time: string) => new Date(`2026-12-02T${time}:00Z`)

  it('are empty for a day without tickets', () => {
    expect(dayStatistics([])).toEqual({
      issued: 0,
      served: 0,
      noShows: 0,
      medianWaitMinutes: null,
      p90WaitMinutes: null,
      servedPerHour: null,
    })
  })

  it('count tickets, the waits to be called, and citizens served per working hour', () => {
    const figures = dayStatistics([
      { issuedAt: at('09:00'), calledAt: at('09:05'), finishedAt: at('09:10'), state: 'done' },
      { issuedAt: at('09:00'), calledAt: at('09:15'), finishedAt: at('09:30'), state: 'done' },
      { issuedAt: at('09:10'), calledAt: at('09:20'), finishedAt: null, state: 'no_show' },
      { issuedAt: at('10:00'), calledAt: at('10:25'), finishedAt: at('10:40'), state: 'done' },
      { issuedAt: at('10:30'), calledAt: null, finishedAt: null, state: 'waiting' },
    ])
    expect(figures).toEqual({
      issued: 5,
      served: 3,
      noShows: 1,
      medianWaitMinutes: 12.5,
      p90WaitMinutes: 22,
      servedPerHour: 1.5,
    })
  })
})
