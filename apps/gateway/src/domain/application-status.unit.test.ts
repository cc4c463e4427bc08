import { ApplicationStatus } from '@darwaza/contracts/applications'
import { describe, expect, it } from 'vitest'
import { canMoveApplication, isFinal, timelineTime } from './application-status.ts'

// Every pair of statuses, written out: the allowed moves are exactly these.
const allowed = new Set([
  'submitted→received',
  'submitted→in_review',
  'submitted→needs_information',
  'submitted→approved',
  'submitted→rejected',
  'received→in_review',
  'received→needs_information',
  'received→approved',
  'received→rejected',
  'in_review→needs_information',
  'in_review→approved',
  'in_review→rejected',
  'needs_information→in_review',
  'needs_information→approved',
  'needs_information→rejected',
  'approved→completed',
])

describe('application status machine', () => {
  const pairs = ApplicationStatus.options.flatMap((from) => ApplicationStatus.options.map((to) => [from, to] as const))

  it.each(pairs)('%s → %s', (from, to) => {
    expect(canMoveApplication(from, to)).toBe(allowed.has(`${from}→${to}`))
  })

  it('ends only in rejected or completed, and never stays put', () => {
    expect(ApplicationStatus.options.filter(isFinal)).toEqual(['rejected', 'completed'])
    for (const status of ApplicationStatus.options) expect(canMoveApplication(status, status)).toBe(false)
  })
})

describe('when a reported step goes on the timeline', () => {
  const previous = new Date('2026-12-02T09:00:00Z')
  const received = new Date('2026-12-02T10:00:00Z')

  it('is the department’s time when it lies between the step before and now', () => {
    const reported = new Date('2026-12-02T09:30:00Z')
    expect(timelineTime(reported, previous, received)).toEqual(reported)
  })

  it('is never in the future, nor before the step before', () => {
    expect(timelineTime(new Date('2027-01-01T00:00:00Z'), previous, received)).toEqual(received)
    expect(timelineTime(new Date('2020-01-01T00:00:00Z'), previous, received)).toEqual(previous)
  })
})
