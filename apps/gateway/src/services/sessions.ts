// Opaque, revocable sessions with sliding expiry. Kiosk sessions are bound to their kiosk.
import type { Actor, Device } from '../domain/actors.ts'
import { DomainError } from '../domain/errors.ts'
import { hashToken, idleSecondsFor, newOpaqueToken, slideExpiry, type SessionKind } from '../domain/session-policy.ts'
import type { Tx } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

const slideGranularityMs = 10_000

export interface IssuedSession {
  token: string
  expiresAt: Date
}

export async function createSession(
  tx: Tx,
  deps: AccessDeps,
  owner: { citizenId: string } | { staffId: string },
  device: Device,
): Promise<IssuedSession & { sessionId: string }> {
  const kind: SessionKind = 'staffId' in owner ? 'staff' : device.kind === 'kiosk' ? 'citizen_kiosk' : 'citizen_web'
  const now = deps.now()
  const idleSeconds = idleSecondsFor(kind, deps.config.sessions)
  const absoluteExpiresAt = new Date(now.getTime() + deps.config.sessions.absoluteSeconds * 1000)
  const token = newOpaqueToken()
  const expiresAt = slideExpiry({ idleSeconds, absoluteExpiresAt }, now)
  const session = await tx.session.create({
    data: {
      tokenHash: hashToken(token),
      kind,
      ...owner,
      kioskId: device.kind === 'kiosk' ? device.kioskId : null,
      idleSeconds,
      expiresAt,
      absoluteExpiresAt,
    },
    select: { id: true },
  })
  return { token, expiresAt, sessionId: session.id }
}

/** Turns a bearer token into the actor it stands for, sliding its expiry. Null: no token given. */
export async function resolveSession(deps: AccessDeps, token: string | null, device: Device): Promise<Actor> {
  if (!token) return { kind: 'anonymous' }
  const now = deps.now()
  const session = await deps.db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      citizenId: true,
      kioskId: true,
      revokedAt: true,
      expiresAt: true,
      idleSeconds: true,
      absoluteExpiresAt: true,
      staff: { select: { id: true, role: true, serviceCentreId: true, departmentId: true, active: true } },
      citizen: { select: { testIdentity: true } },
    },
  })
  const expired = () =>
    new DomainError('SESSION_EXPIRED', 'Your session has ended. Please sign in again.', { detail: 'session invalid' })
  if (!session || session.revokedAt || session.expiresAt <= now) throw expired()
  if (session.kind === 'citizen_kiosk' && (device.kind !== 'kiosk' || device.kioskId !== session.kioskId)) {
    throw expired()
  }
  // Sliding the expiry is a write; skip it while the session has barely aged since the last slide.
  const slid = slideExpiry(session, now)
  if (slid.getTime() - session.expiresAt.getTime() > slideGranularityMs) {
    await deps.db.session.update({ where: { id: session.id }, data: { expiresAt: slid } })
  }
  if (session.staff) {
    if (!session.staff.active) throw expired()
    return {
      kind: 'staff',
      staffId: session.staff.id,
      role: session.staff.role,
      serviceCentreId: session.staff.serviceCentreId,
      departmentId: session.staff.departmentId,
      sessionId: session.id,
    }
  }
  if (!session.citizenId) throw expired()
  return {
    kind: 'citizen',
    citizenId: session.citizenId,
    sessionId: session.id,
    testIdentity: session.citizen?.testIdentity ?? false,
  }
}

export async function revokeSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } })
}
