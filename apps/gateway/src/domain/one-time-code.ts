// One-time codes for signing in and for a citizen's consent to an assisted session.
//
// Limits, and why (NIST SP 800-63B):
// - 6 random digits from a CSPRNG (§5.1.4.1 / §5.1.3.1 out-of-band authenticators: at least 20 bits of entropy).
// - Valid 5 minutes and usable once (§5.1.3.1 recommends a short validity; the issue fixes 5 minutes).
// - At most 5 wrong attempts per code, then the code is dead.
// - At most 10 wrong attempts per identity number per hour across all its codes, then sign-in for that
//   identity is locked for the rest of the hour. §5.2.2 caps consecutive failures at 100; with 10 an hour an
//   attacker needs on the order of 100,000 hours for an even chance at one 6-digit code.
// - At most 5 codes sent per identity number per hour (each is an SMS to a real person: cost and harassment)
//   and 30 per device per hour (one kiosk serves many citizens, but not hundreds an hour), so the service
//   cannot be used to flood phones or enumerate identity numbers quickly.
// Codes are stored only as an HMAC keyed with the gateway's secret and bound to the challenge id, so a
// copy of the database does not reveal them (plain SHA-256 of 10^6 codes is trivially reversed).
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

export const oneTimeCodeRules = {
  digits: 6,
  lifetimeMs: 5 * 60_000,
  maxWrongAttemptsPerCode: 5,
  maxWrongAttemptsPerIdentityPerHour: 10,
  maxCodesPerIdentityPerHour: 5,
  maxCodesPerDevicePerHour: 30,
} as const

export function generateCode(): string {
  return randomInt(0, 10 ** oneTimeCodeRules.digits)
    .toString()
    .padStart(oneTimeCodeRules.digits, '0')
}

export function hashCode(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`${challengeId}:${code}`).digest('hex')
}

export function codeMatches(secret: string, challengeId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(hashCode(secret, challengeId, code), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

export type CodeCheck =
  { ok: true } | { ok: false; reason: 'expired' | 'used' | 'too_many_attempts' | 'wrong_code' | 'locked' }

export type AttemptRefusal = 'expired' | 'used' | 'too_many_attempts' | 'locked'

/** Whether an identity with this many wrong attempts in the last hour is paused from signing in. */
export function identityLocked(recentWrongAttemptsForIdentity: number): boolean {
  return recentWrongAttemptsForIdentity >= oneTimeCodeRules.maxWrongAttemptsPerIdentityPerHour
}

/**
 * Why a code may not even be checked now, or null if it may (and the attempt is counted first).
 * `recentWrongAttemptsForIdentity` is the identity's wrong attempts in the last hour before this one.
 */
export function attemptRefusal(
  challenge: { expiresAt: Date; consumedAt: Date | null; failedAttempts: number },
  recentWrongAttemptsForIdentity: number,
  now: Date,
): AttemptRefusal | null {
  if (identityLocked(recentWrongAttemptsForIdentity)) return 'locked'
  if (challenge.consumedAt) return 'used'
  if (challenge.failedAttempts >= oneTimeCodeRules.maxWrongAttemptsPerCode) return 'too_many_attempts'
  if (challenge.expiresAt.getTime() <= now.getTime()) return 'expired'
  return null
}

/** Decides whether a submitted code signs the citizen in; the caller records a wrong attempt. */
export function checkCode(
  challenge: { expiresAt: Date; consumedAt: Date | null; failedAttempts: number },
  matches: boolean,
  recentWrongAttemptsForIdentity: number,
  now: Date,
): CodeCheck {
  const refused = attemptRefusal(challenge, recentWrongAttemptsForIdentity, now)
  if (refused) return { ok: false, reason: refused }
  return matches ? { ok: true } : { ok: false, reason: 'wrong_code' }
}
