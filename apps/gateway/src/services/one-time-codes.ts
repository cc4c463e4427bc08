// Issuing and checking one-time codes (sign-in and assisted-session consent), with the limits in
// domain/one-time-code.ts enforced from the database so they hold across gateway replicas.
import { randomUUID } from 'node:crypto'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { maskPhone, parseIdentityNumber } from '../domain/identity-number.ts'
import { checkCode, codeMatches, generateCode, hashCode, oneTimeCodeRules } from '../domain/one-time-code.ts'
import type { RegisteredPerson } from '../domain/ports.ts'
import type { AccessDeps } from './deps.ts'

const hourMs = 3_600_000

export interface IssuedChallenge {
  challengeId: string
  maskedPhone: string
  expiresAt: Date
}

export function parseIdentity(deps: AccessDeps, input: string): string {
  const parsed = parseIdentityNumber(input, deps.config.identityNumberFormat)
  if (!parsed.ok) throw invalidInput([{ field: 'identityNumber', reason: 'format', message: parsed.reason }])
  return parsed.value
}

export async function issueCode(
  deps: AccessDeps,
  request: {
    purpose: 'sign_in' | 'assisted_consent'
    identityNumber: string
    requestedBy: string
    message: (code: string) => string
  },
): Promise<IssuedChallenge> {
  const person = await deps.registry.find(request.identityNumber)
  if (!person) {
    throw new DomainError(
      'UNKNOWN_IDENTITY',
      'There is no registered phone number for this identity number. Please visit a service centre counter.',
    )
  }
  const now = deps.now()
  const since = new Date(now.getTime() - hourMs)
  const [forIdentity, fromDevice, wrongAttempts] = await Promise.all([
    deps.db.otpChallenge.count({ where: { identityNumber: person.identityNumber, createdAt: { gte: since } } }),
    deps.db.otpChallenge.count({ where: { requestedBy: request.requestedBy, createdAt: { gte: since } } }),
    recentWrongAttempts(deps, person.identityNumber),
  ])
  if (wrongAttempts >= oneTimeCodeRules.maxWrongAttemptsPerIdentityPerHour) throw lockedOut()
  if (
    forIdentity >= oneTimeCodeRules.maxCodesPerIdentityPerHour ||
    fromDevice >= oneTimeCodeRules.maxCodesPerDevicePerHour
  ) {
    throw new DomainError('RATE_LIMITED', 'Too many codes were asked for. Please wait a while and try again.', {
      detail: `codes in the last hour: identity ${forIdentity}, ${request.requestedBy} ${fromDevice}`,
    })
  }

  const challengeId = randomUUID()
  const code = generateCode()
  const expiresAt = new Date(now.getTime() + oneTimeCodeRules.lifetimeMs)
  await deps.db.otpChallenge.create({
    data: {
      id: challengeId,
      purpose: request.purpose,
      identityNumber: person.identityNumber,
      codeHash: hashCode(deps.config.secret, challengeId, code),
      expiresAt,
      requestedBy: request.requestedBy,
    },
  })
  await deps.sms.send(person.phone, request.message(code))
  return { challengeId, maskedPhone: maskPhone(person.phone), expiresAt }
}

/**
 * Checks a code and consumes its challenge. Every failure is told apart for the citizen (wrong,
 * expired, tried too often, locked) but none depends on whether the identity number exists.
 */
export async function redeemCode(
  deps: AccessDeps,
  purpose: 'sign_in' | 'assisted_consent',
  challengeId: string,
  code: string,
): Promise<RegisteredPerson> {
  const challenge = await deps.db.otpChallenge.findUnique({ where: { id: challengeId } })
  if (!challenge || challenge.purpose !== purpose) throw wrongCode()
  const now = deps.now()
  const verdict = checkCode(
    challenge,
    codeMatches(deps.config.secret, challenge.id, code, challenge.codeHash),
    await recentWrongAttempts(deps, challenge.identityNumber),
    now,
  )
  if (!verdict.ok) {
    if (verdict.reason === 'wrong_code') {
      await deps.db.otpChallenge.update({ where: { id: challenge.id }, data: { failedAttempts: { increment: 1 } } })
    }
    throw codeFailure(verdict.reason)
  }
  const consumed = await deps.db.otpChallenge.updateMany({
    where: { id: challenge.id, consumedAt: null },
    data: { consumedAt: now },
  })
  if (consumed.count !== 1) throw codeFailure('used')
  const person = await deps.registry.find(challenge.identityNumber)
  if (!person) throw wrongCode()
  return person
}

async function recentWrongAttempts(deps: AccessDeps, identityNumber: string): Promise<number> {
  const since = new Date(deps.now().getTime() - hourMs)
  const sum = await deps.db.otpChallenge.aggregate({
    where: { identityNumber, createdAt: { gte: since } },
    _sum: { failedAttempts: true },
  })
  return sum._sum.failedAttempts ?? 0
}

const wrongCode = () =>
  new DomainError('WRONG_CODE', 'That code is not right. Check the text message and try again.', {
    fieldErrors: [{ field: 'code', reason: 'wrong_code', message: 'is not the code that was sent' }],
  })

const lockedOut = () =>
  new DomainError(
    'LOCKED_OUT',
    'Too many wrong codes were entered for this identity number. Sign-in is paused for an hour.',
  )

function codeFailure(reason: 'expired' | 'used' | 'too_many_attempts' | 'wrong_code' | 'locked'): DomainError {
  switch (reason) {
    case 'wrong_code':
      return wrongCode()
    case 'locked':
      return lockedOut()
    case 'expired':
    case 'used':
      return new DomainError('CODE_EXPIRED', 'That code has expired or was already used. Ask for a new code.')
    case 'too_many_attempts':
      return new DomainError('TOO_MANY_ATTEMPTS', 'That code was tried too many times. Ask for a new code.')
  }
}
