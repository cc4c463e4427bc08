// Citizen sign-in with a one-time code, sign-out, and what a citizen may see of their own records.
import { CitizenHistory } from '@darwaza/contracts/identity'
import type { Language } from '@darwaza/contracts/localized'
import { signInCodeMessage } from '../domain/code-messages.ts'
import { oneTimeCodeRules } from '../domain/one-time-code.ts'
import type { CitizenActor, Device } from '../domain/actors.ts'
import { deviceName } from '../domain/actors.ts'
import { formatIdentityNumber, maskPhone } from '../domain/identity-number.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import { upsertCitizen } from './citizens.ts'
import type { AccessDeps } from './deps.ts'
import { issueCode, parseIdentity, redeemCode, type IssuedChallenge } from './one-time-codes.ts'
import { createSession, revokeSession, type IssuedSession } from './sessions.ts'

export async function requestSignInCode(
  deps: AccessDeps,
  identityNumberInput: string,
  device: Device,
  language: Language = 'en',
): Promise<IssuedChallenge> {
  return issueCode(deps, {
    purpose: 'sign_in',
    identityNumber: parseIdentity(deps, identityNumberInput),
    requestedBy: deviceName(device),
    message: (code) => signInCodeMessage(language, code, oneTimeCodeRules.lifetimeMs / 60_000),
  })
}

export async function signInWithCode(
  deps: AccessDeps,
  input: { challengeId: string; code: string },
  device: Device,
): Promise<IssuedSession & { name: string }> {
  const person = await redeemCode(deps, 'sign_in', input.challengeId, input.code)
  return deps.db.$transaction(async (tx) => {
    const citizen = await upsertCitizen(tx, person)
    const session = await createSession(tx, deps, { citizenId: citizen.id }, device)
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'citizen.signed_in',
        actor: `citizen:${citizen.id}`,
        onBehalfOf: `citizen:${citizen.id}`,
        device: deviceName(device),
        data: { sessionKind: device.kind === 'kiosk' ? 'kiosk' : 'web' },
      },
      deps.now(),
    )
    return { token: session.token, expiresAt: session.expiresAt, name: citizen.name }
  })
}

export async function signOut(deps: AccessDeps, actor: { sessionId: string; auditName: string }, device: Device) {
  await deps.db.$transaction(async (tx) => {
    await revokeSession(tx, actor.sessionId, deps.now())
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'session.signed_out',
        actor: actor.auditName,
        onBehalfOf: actor.auditName.startsWith('citizen:') ? actor.auditName : null,
        device: deviceName(device),
        data: {},
      },
      deps.now(),
    )
  })
}

export async function citizenProfile(deps: AccessDeps, actor: CitizenActor) {
  const citizen = await deps.db.citizen.findUniqueOrThrow({
    where: { id: actor.citizenId },
    select: { name: true, identityNumber: true, phone: true },
  })
  return {
    name: citizen.name,
    identityNumber: formatIdentityNumber(citizen.identityNumber, deps.config.identityNumberFormat),
    maskedPhone: maskPhone(citizen.phone),
  }
}

/** Everything done in the citizen's name: their applications and every assisted session with its actions. */
export async function citizenHistory(deps: AccessDeps, actor: CitizenActor) {
  const [applications, assisted] = await Promise.all([
    deps.db.application.findMany({
      where: { citizenId: actor.citizenId },
      orderBy: { submittedAt: 'desc' },
      select: {
        trackingNumber: true,
        status: true,
        submittedAt: true,
        serviceVersion: {
          select: { title: true, service: { select: { slug: true, department: { select: { name: true } } } } },
        },
        statusChanges: {
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
          select: { toStatus: true, at: true, message: true, document: true },
        },
        voucher: { select: { psid: true, amountMinor: true, currency: true, dueAt: true, state: true } },
      },
    }),
    deps.db.assistedSession.findMany({
      where: { citizenId: actor.citizenId },
      orderBy: { startedAt: 'desc' },
      select: {
        id: true,
        consent: true,
        reason: true,
        startedAt: true,
        endedAt: true,
        expiresAt: true,
        clerk: { select: { displayName: true, serviceCentre: { select: { name: true } } } },
      },
    }),
  ])
  const actions = await deps.db.auditEvent.findMany({
    where: { onBehalfOf: `citizen:${actor.citizenId}`, actor: { startsWith: 'staff:' } },
    orderBy: { sequence: 'asc' },
    select: { event: true, at: true, data: true },
  })
  return CitizenHistory.parse({
    applications: applications.map((application) => ({
      trackingNumber: application.trackingNumber,
      status: application.status,
      submittedAt: application.submittedAt,
      service: application.serviceVersion.service.slug,
      title: application.serviceVersion.title,
      department: application.serviceVersion.service.department.name,
      timeline: application.statusChanges.map((change) => ({
        status: change.toStatus,
        at: change.at,
        message: change.message ?? null,
        document: (change.document as { name?: unknown } | null)?.name ?? null,
      })),
      voucher: application.voucher,
    })),
    assistedSessions: assisted.map((session) => ({
      id: session.id,
      clerkName: session.clerk.displayName,
      serviceCentre: session.clerk.serviceCentre?.name ?? null,
      consent: session.consent,
      reason: session.reason,
      startedAt: session.startedAt,
      endedAt: session.endedAt ?? (session.expiresAt < deps.now() ? session.expiresAt : null),
      actions: actions
        .filter((action) => (action.data as { assistedSessionId?: string } | null)?.assistedSessionId === session.id)
        .map((action) => ({ event: action.event, at: action.at })),
    })),
  })
}
