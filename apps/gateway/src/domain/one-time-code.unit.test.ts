import { describe, expect, it } from 'vitest'
import { attemptRefusal, checkCode, codeMatches, generateCode, hashCode, identityLocked } from './one-time-code.ts'

const now = new Date('2026-11-22T10:00:00Z')
const fresh = { expiresAt: new Date('2026-11-22T10:05:00Z'), consumedAt: null, failedAttempts: 0 }

describe('one-time codes', () => {
  it('are 6 digits, stored as a keyed hash bound to the challenge', () => {
    const code = generateCode()
    expect(code).toMatch(/^\d{6}$/)
    const stored = hashCode('secret', 'challenge-1', code)
    expect(stored).not.toContain(code)
    expect(codeMatches('secret', 'challenge-1', code, stored)).toBe(true)
    expect(codeMatches('secret', 'challenge-2', code, stored)).toBe(false)
    expect(codeMatches('other secret', 'challenge-1', code, stored)).toBe(false)
  })

  it.each([
    ['a matching fresh code', fresh, true, 0, { ok: true }],
    ['a wrong code', fresh, false, 0, { ok: false, reason: 'wrong_code' }],
    ['an expired code', { ...fresh, expiresAt: now }, true, 0, { ok: false, reason: 'expired' }],
    ['a used code', { ...fresh, consumedAt: now }, true, 0, { ok: false, reason: 'used' }],
    ['a code tried 5 times', { ...fresh, failedAttempts: 5 }, true, 5, { ok: false, reason: 'too_many_attempts' }],
    ['any code while the identity is locked', fresh, true, 10, { ok: false, reason: 'locked' }],
  ])('%s', (_name, challenge, matches, recentWrong, verdict) => {
    expect(checkCode(challenge, matches, recentWrong, now)).toEqual(verdict)
  })

  it('say before checking a code whether it may be checked at all', () => {
    expect(attemptRefusal(fresh, 9, now)).toBeNull()
    expect(attemptRefusal({ ...fresh, failedAttempts: 4 }, 0, now)).toBeNull()
    expect(attemptRefusal({ ...fresh, failedAttempts: 5 }, 5, now)).toBe('too_many_attempts')
    expect(attemptRefusal(fresh, 10, now)).toBe('locked')
    expect([9, 10, 11].map(identityLocked)).toEqual([false, true, true])
  })
})
