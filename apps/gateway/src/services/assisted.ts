// Assisted sessions: a clerk acts for a walk-in citizen only with that citizen's consent (the code
// sent to their phone, or, where the deployment allows it, a checked ID card with a reason), only
// until the session ends, and every action is audited under both names.
import type { Language } from '@darwaza/contracts/localized'
import type { Device, StaffActor } from '../domain/actors.ts'
import { consentCodeMessage } from '../domain/code-messages.ts'
import { auditName, deviceName } from '../domain/actors.ts'
import { DomainError } from '../domain/errors.ts'
import type { RegisteredPerson } from '../domain/ports.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import { upsertCitizen } from './citizens.ts'
import { checkTicketAtCounter, finishTicketOfAssistedSession, linkTicketToAssistedSession } from './queue.ts'
import type { AccessDeps } from './deps.ts'
import { issueCode, parseIdentity, redeemCode } from './one-time-codes.ts'

export async function requestConsentCode(
  deps: AccessDeps,
  clerk: StaffActor,
  identityNumberInput: string,
  language: Language = 'en',
) {
  const staff = await deps.db.staff.findUniqueOrThrow({ where: { id: clerk.staffId }, select: { displayName: true } })
  return issueCode(deps, {
    purpose: 'assisted_consent',
    identityNumber: parseIdentity(deps, identityNumberInput),
    requestedBy: `staff:${clerk.staffId}`,
    message: (code) => consentCodeMessage(language, staff.displayName, code),
  })
}

export async function startWithCode(
  deps: AccessDeps,
  clerk: StaffActor,
  input: { challengeId: string; code: string; ticketId?: string },
  device: Device,
) {
  await checkTicketAtCounter(deps.db, clerk, input.ticketId)
  // The citizen consented to this clerk (the text message names them): another clerk cannot use the code.
  const person = await redeemCode(deps, 'assisted_consent', input.challengeId, input.code, {
    requestedBy: `staff:${clerk.staffId}`,
  })
  return start(deps, clerk, person, { consent: 'one_time_code', reason: null, ticketId: input.ticketId }, device)
}

export async function startWithIdCard(
  deps: AccessDeps,
  clerk: StaffActor,
  input: { identityNumber: string; reason: string; ticketId?: string },
  device: Device,
) {
  if (!deps.config.allowIdCardConsent) {
    throw new DomainError('FORBIDDEN', 'This service centre takes consent by code only.')
  }
  const person = await deps.registry.find(parseIdentity(deps, input.identityNumber))
  if (!person) throw new DomainError('UNKNOWN_IDENTITY', 'The registry has no such identity number.')
  return start(
    deps,
    clerk,
    person,
    { consent: 'id_card_checked', reason: input.reason, ticketId: input.ticketId },
    device,
  )
}

async function start(
  deps: AccessDeps,
  clerk: StaffActor,
  person: RegisteredPerson,
  consent: { consent: 'one_time_code' | 'id_card_checked'; reason: string | null; ticketId?: string },
  device: Device,
) {
  const now = deps.now()
  return deps.db.$transaction(async (tx) => {
    const clerkSession = await tx.session.findUniqueOrThrow({
      where: { id: clerk.sessionId },
      select: { absoluteExpiresAt: true },
    })
    const citizen = await upsertCitizen(tx, person)
    const expiresAt = new Date(
      Math.min(now.getTime() + deps.config.assistedSessionSeconds * 1000, clerkSession.absoluteExpiresAt.getTime()),
    )
    const session = await tx.assistedSession.create({
      data: {
        clerkId: clerk.staffId,
        clerkSessionId: clerk.sessionId,
        citizenId: citizen.id,
        consent: consent.consent,
        reason: consent.reason,
        expiresAt,
      },
      select: { id: true, expiresAt: true },
    })
    const ticketNumber = consent.ticketId
      ? await linkTicketToAssistedSession(tx, clerk, consent.ticketId, {
          assistedSessionId: session.id,
          citizenId: citizen.id,
          now,
        })
      : null
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'assisted.started',
        actor: auditName(clerk),
        onBehalfOf: `citizen:${citizen.id}`,
        device: deviceName(device),
        reason: consent.reason,
        data: {
          assistedSessionId: session.id,
          consent: consent.consent,
          ...(ticketNumber ? { ticketId: consent.ticketId, ticketNumber } : {}),
        },
      },
      now,
    )
    return { assistedSessionId: session.id, citizenName: citizen.name, expiresAt: session.expiresAt }
  })
}

/** The citizen a clerk may act for right now through this assisted session, or a refusal. */
export async function actingFor(deps: AccessDeps, clerk: StaffActor, assistedSessionId: string) {
  const session = await deps.db.assistedSession.findUnique({
    where: { id: assistedSessionId },
    select: { clerkId: true, clerkSessionId: true, citizenId: true, endedAt: true, expiresAt: true },
  })
  if (!session || session.clerkId !== clerk.staffId || session.clerkSessionId !== clerk.sessionId) {
    throw new DomainError('FORBIDDEN', 'You can act for a citizen only inside your own assisted session.')
  }
  if (session.endedAt || session.expiresAt <= deps.now()) {
    throw new DomainError('FORBIDDEN', 'This assisted session has ended. Ask the citizen for consent again.')
  }
  return session.citizenId
}

/** What the clerk sees of the citizen they are helping: name and applications. Audited as an action. */
export async function assistedOverview(deps: AccessDeps, clerk: StaffActor, assistedSessionId: string, device: Device) {
  const citizenId = await actingFor(deps, clerk, assistedSessionId)
  return deps.db.$transaction(async (tx) => {
    const citizen = await tx.citizen.findUniqueOrThrow({
      where: { id: citizenId },
      select: {
        name: true,
        applications: {
          orderBy: { submittedAt: 'desc' },
          select: { trackingNumber: true, status: true, submittedAt: true },
        },
      },
    })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'assisted.viewed_applications',
        actor: auditName(clerk),
        onBehalfOf: `citizen:${citizenId}`,
        device: deviceName(device),
        data: { assistedSessionId },
      },
      deps.now(),
    )
    return citizen
  })
}

export async function endAssisted(deps: AccessDeps, clerk: StaffActor, assistedSessionId: string, device: Device) {
  const citizenId = await actingFor(deps, clerk, assistedSessionId)
  await deps.db.$transaction(async (tx) => {
    await tx.assistedSession.update({ where: { id: assistedSessionId }, data: { endedAt: deps.now() } })
    await finishTicketOfAssistedSession(tx, assistedSessionId, deps.now())
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'assisted.ended',
        actor: auditName(clerk),
        onBehalfOf: `citizen:${citizenId}`,
        device: deviceName(device),
        data: { assistedSessionId },
      },
      deps.now(),
    )
  })
  return { ok: true }
}
