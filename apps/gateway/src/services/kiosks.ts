// Kiosk enrolment: a platform admin registers a kiosk and gets a one-time enrolment code; the kiosk
// shell exchanges it for a device credential that it alone holds. Revocation takes effect at once.
import { randomBytes } from 'node:crypto'
import type { StaffActor } from '../domain/actors.ts'
import { auditName } from '../domain/actors.ts'
import { DomainError } from '../domain/errors.ts'
import { hashToken, newOpaqueToken } from '../domain/session-policy.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

const enrolmentLifetimeMs = 24 * 3_600_000
/** A kiosk that has not reported within this time is shown as offline. */
export const heartbeatGraceMs = 2 * 60_000
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

function enrolmentCode(): string {
  const bytes = randomBytes(12)
  const chars = [...bytes].map((byte) => codeAlphabet[byte % codeAlphabet.length]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
}

export async function registerKiosk(
  deps: AccessDeps,
  admin: StaffActor,
  input: { serviceCentreId: string; label: string },
) {
  const code = enrolmentCode()
  const now = deps.now()
  return deps.db.$transaction(async (tx) => {
    const centre = await tx.serviceCentre.findUnique({ where: { id: input.serviceCentreId }, select: { id: true } })
    if (!centre) throw new DomainError('NOT_FOUND', 'There is no such service centre.')
    const kiosk = await tx.kiosk.create({
      data: {
        serviceCentreId: centre.id,
        label: input.label,
        enrolmentCodeHash: hashToken(code),
        enrolmentExpiresAt: new Date(now.getTime() + enrolmentLifetimeMs),
      },
      select: { id: true, label: true, enrolmentExpiresAt: true },
    })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'kiosk.registered',
        actor: auditName(admin),
        data: { kioskId: kiosk.id, serviceCentreId: centre.id, label: kiosk.label },
      },
      now,
    )
    return { kioskId: kiosk.id, enrolmentCode: code, expiresAt: kiosk.enrolmentExpiresAt }
  })
}

export async function enrolKiosk(deps: AccessDeps, code: string): Promise<{ kioskId: string; credential: string }> {
  const now = deps.now()
  const credential = newOpaqueToken()
  return deps.db.$transaction(async (tx) => {
    const kiosk = await tx.kiosk.findUnique({
      where: { enrolmentCodeHash: hashToken(code.trim().toUpperCase()) },
      select: { id: true, state: true, enrolmentExpiresAt: true },
    })
    if (
      !kiosk ||
      kiosk.state !== 'awaiting_enrolment' ||
      !kiosk.enrolmentExpiresAt ||
      kiosk.enrolmentExpiresAt <= now
    ) {
      throw new DomainError('KIOSK_NOT_ENROLLED', 'This enrolment code is not valid or has expired.')
    }
    await tx.kiosk.update({
      where: { id: kiosk.id },
      data: {
        state: 'active',
        credentialHash: hashToken(credential),
        enrolmentCodeHash: null,
        enrolmentExpiresAt: null,
        enrolledAt: now,
        lastSeenAt: now,
      },
    })
    await appendAudit(tx, deps.provider, { event: 'kiosk.enrolled', actor: `kiosk:${kiosk.id}`, data: {} }, now)
    return { kioskId: kiosk.id, credential }
  })
}

/** The kiosk a device credential belongs to; a revoked or unknown credential is refused outright. */
export async function resolveKiosk(deps: AccessDeps, credential: string) {
  const kiosk = await deps.db.kiosk.findUnique({
    where: { credentialHash: hashToken(credential) },
    select: { id: true, state: true, serviceCentreId: true },
  })
  if (!kiosk || kiosk.state !== 'active') {
    throw new DomainError('KIOSK_NOT_ENROLLED', 'This kiosk is not enrolled or has been revoked.')
  }
  return { kind: 'kiosk' as const, kioskId: kiosk.id, serviceCentreId: kiosk.serviceCentreId }
}

export async function recordHeartbeat(deps: AccessDeps, kioskId: string) {
  await deps.db.kiosk.update({ where: { id: kioskId }, data: { lastSeenAt: deps.now() } })
  return { ok: true }
}

export async function revokeKiosk(deps: AccessDeps, admin: StaffActor, kioskId: string) {
  const now = deps.now()
  await deps.db.$transaction(async (tx) => {
    const revoked = await tx.kiosk.updateMany({
      where: { id: kioskId, state: { not: 'revoked' } },
      data: { state: 'revoked', revokedAt: now, credentialHash: null, enrolmentCodeHash: null },
    })
    if (revoked.count === 0) throw new DomainError('NOT_FOUND', 'There is no such kiosk, or it is already revoked.')
    await tx.session.updateMany({ where: { kioskId, revokedAt: null }, data: { revokedAt: now } })
    await appendAudit(tx, deps.provider, { event: 'kiosk.revoked', actor: auditName(admin), data: { kioskId } }, now)
  })
  return { ok: true }
}

export async function listKiosks(deps: AccessDeps) {
  const now = deps.now().getTime()
  const kiosks = await deps.db.kiosk.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, label: true, state: true, lastSeenAt: true, serviceCentre: { select: { code: true } } },
  })
  return kiosks.map((kiosk) => ({
    ...kiosk,
    serviceCentre: kiosk.serviceCentre.code,
    online:
      kiosk.state === 'active' && kiosk.lastSeenAt !== null && now - kiosk.lastSeenAt.getTime() < heartbeatGraceMs,
  }))
}
