// When to try a failed delivery again: exponential backoff with jitter, so a department coming back
// after an outage is not hit by every waiting delivery in the same second. And which deliveries a
// platform admin may put back in line.
import type { ApplicationStatus } from '@darwaza/contracts/applications'
import { isFinal } from './application-status.ts'

export interface BackoffPolicy {
  baseMs: number
  maxMs: number
}

/** The wait before attempt `attempt + 1`, after `attempt` failed attempts (1, 2, …). */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  // "Equal jitter": at least half the exponential wait, at most all of it.
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export type DeliveryOutcome =
  | { kind: 'accepted'; departmentReference: string }
  /**
   * The department refused the application itself (a 400): retrying cannot help. `reason` is for
   * operators; `message` is the department's own words, which the citizen is shown.
   */
  | { kind: 'refused'; reason: string; message?: string }
  /** Down, slow, failing or answering garbage: worth trying again later. */
  | { kind: 'failed'; reason: string }

export type DeliveryDecision =
  { state: 'delivered' } | { state: 'dead'; reason: string } | { state: 'pending'; retryInMs: number; reason: string }

export function decideAfterAttempt(
  outcome: DeliveryOutcome,
  attemptsSoFar: number,
  maxAttempts: number,
  policy: BackoffPolicy,
  random?: () => number,
): DeliveryDecision {
  if (outcome.kind === 'accepted') return { state: 'delivered' }
  if (outcome.kind === 'refused') return { state: 'dead', reason: outcome.reason }
  if (attemptsSoFar >= maxAttempts) {
    return { state: 'dead', reason: `gave up after ${attemptsSoFar} attempts: ${outcome.reason}` }
  }
  return { state: 'pending', retryInMs: retryDelayMs(attemptsSoFar, policy, random), reason: outcome.reason }
}

export type ReplayRefusal = 'not_given_up' | 'application_closed'

/**
 * Why a platform admin may not replay a delivery, or null when they may. Only a delivery given up
 * (dead) goes back in line; one still pending is retried by itself. Not when its application is
 * closed (rejected, e.g. because the department refused this very delivery, or completed): the
 * department would get an application the citizen was told is over.
 */
export function replayRefusal(
  state: 'awaiting_payment' | 'pending' | 'delivered' | 'dead',
  applicationStatus: ApplicationStatus | null,
): ReplayRefusal | null {
  if (applicationStatus !== null && isFinal(applicationStatus)) return 'application_closed'
  if (state !== 'dead') return 'not_given_up'
  return null
}
