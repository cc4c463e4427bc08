// Issuing and checking one-time codes (sign-in and assisted-session consent), with the limits in
// domain/one-time-code.ts enforced from the database so they hold across gateway replicas.
import { randomUUID } from 'node:crypto'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { maskPhone, parseIdentityNumber } from '../domain/identity-number.ts'
import {
  attemptRefusal,
  codeMatches,
  generateCode,
  hashCode,
  identityLocked,
  oneTimeCodeRules,
  type AttemptRefusal,
} from '../domain/one-time-code.ts'
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
 *
 * Each check is paid for before it is made: an attempt is taken from the challenge (only while it
 * has attempts left) and then counted with the identity's other attempts this hour, and given back
 * only if the code was right or the identity turned out to be locked. So guesses sent all at once,
 * to one challenge or spread over several, are checked no more often than guesses sent one by one.
 * A consent code is good only for the clerk who asked for it (`requestedBy`).
 */
export async function redeemCode(
  deps: AccessDeps,
  purpose: 'sign_in' | 'assisted_consent',
  challengeId: string,
  code: string,
  options: { requestedBy?: string } = {},
): Promise<RegisteredPerson> {
  const challenge = await deps.db.otpChallenge.findUnique({ where: { id: challengeId } })
  if (!challenge || challenge.purpose !== purpose) throw wrongCode()
  if (options.requestedBy !== undefined && challenge.requestedBy !== options.requestedBy) throw wrongCode()
  const now = deps.now()
  const refused = attemptRefusal(challenge, await recentWrongAttempts(deps, challenge.identityNumber), now)
  if (refused) throw codeFailure(refused)

  const taken = await deps.db.otpChallenge.updateMany({
    where: { id: challenge.id, consumedAt: null, failedAttempts: { lt: oneTimeCodeRules.maxWrongAttemptsPerCode } },
    data: { failedAttempts: { increment: 1 } },
  })
  if (taken.count !== 1) {
    const current = await deps.db.otpChallenge.findUnique({ where: { id: challenge.id }, select: { consumedAt: true } })
    throw codeFailure(current?.consumedAt ? 'used' : 'too_many_attempts')
  }
  const giveBack = (data: { consumedAt?: Date }) =>
    deps.db.otpChallenge.updateMany({
      where: { id: challenge.id, ...(data.consumedAt ? { consumedAt: null } : {}) },
      data: { ...data, failedAttempts: { decrement: 1 } },
    })
  // This attempt is among them now; the others are those before it.
  if (identityLocked((await recentWrongAttempts(deps, challenge.identityNumber)) - 1)) {
    await giveBack({})
    throw codeFailure('locked')
  }
  if (!codeMatches(deps.config.secret, challenge.id, code, challenge.codeHash)) throw wrongCode()
  const consumed = await giveBack({ consumedAt: now })
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

function codeFailure(reason: AttemptRefusal | 'wrong_code'): DomainError {
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
