import { describe, expect, it } from 'vitest'
import { decideAfterAttempt, replayRefusal, retryDelayMs } from './delivery-policy.ts'

const policy = { baseMs: 1000, maxMs: 60_000 }

describe('delivery retries', () => {
  it('doubles the wait after each failure, up to the ceiling, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((attempt) => retryDelayMs(attempt, policy, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ])
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, policy, () => 0))).toEqual([500, 1000, 2000])
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, policy)))
    expect(spread.size).toBeGreaterThan(10)
  })

  it('delivers an accepted entry, parks a refused one at once, and gives up after the last attempt', () => {
    expect(decideAfterAttempt({ kind: 'accepted', departmentReference: 'CR-1' }, 1, 5, policy)).toEqual({
      state: 'delivered',
    })
    expect(decideAfterAttempt({ kind: 'refused', reason: 'bad form' }, 1, 5, policy)).toEqual({
      state: 'dead',
      reason: 'bad form',
    })
    expect(decideAfterAttempt({ kind: 'failed', reason: 'HTTP 503' }, 4, 5, policy, () => 1)).toEqual({
      state: 'pending',
      retryInMs: 8000,
      reason: 'HTTP 503',
    })
    expect(decideAfterAttempt({ kind: 'failed', reason: 'HTTP 503' }, 5, 5, policy)).toEqual({
      state: 'dead',
      reason: 'gave up after 5 attempts: HTTP 503',
    })
  })
})

describe('replaying a delivery', () => {
  it('puts back only a given-up delivery whose application is still open', () => {
    expect(replayRefusal('dead', 'submitted')).toBeNull()
    expect(replayRefusal('dead', 'needs_information')).toBeNull()
    expect(replayRefusal('dead', 'approved')).toBeNull()
    // An entry without an application is judged by its state alone.
    expect(replayRefusal('dead', null)).toBeNull()
    expect(replayRefusal('pending', 'submitted')).toBe('not_given_up')
    expect(replayRefusal('delivered', 'received')).toBe('not_given_up')
    expect(replayRefusal('awaiting_payment', 'submitted')).toBe('not_given_up')
  })

  it('never puts back a delivery whose application is rejected or completed', () => {
    expect(replayRefusal('dead', 'rejected')).toBe('application_closed')
    expect(replayRefusal('dead', 'completed')).toBe('application_closed')
    expect(replayRefusal('pending', 'completed')).toBe('application_closed')
  })
})
