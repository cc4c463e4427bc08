// What a platform admin manages besides staff and kiosks: service centres and the department list;
// and what department staff see: the applications to their own department's services.
import type { LocalizedText } from '@darwaza/contracts/localized'
import type { StaffActor } from '../domain/actors.ts'
import { auditName } from '../domain/actors.ts'
import { DomainError } from '../domain/errors.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

export async function createServiceCentre(
  deps: AccessDeps,
  admin: StaffActor,
  input: { code: string; name: LocalizedText },
) {
  return deps.db.$transaction(async (tx) => {
    const centre = await tx.serviceCentre.create({ data: input, select: { id: true, code: true } })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'service_centre.created',
        actor: auditName(admin),
        data: { serviceCentreId: centre.id, code: centre.code },
      },
      deps.now(),
    )
    return centre
  })
}

export function listServiceCentres(deps: AccessDeps) {
  return deps.db.serviceCentre.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } })
}

/** Department staff see only applications for their own department's services. */
export async function departmentApplications(deps: AccessDeps, staff: StaffActor) {
  if (!staff.departmentId) throw new DomainError('FORBIDDEN', 'You do not belong to a department.')
  return deps.db.application.findMany({
    where: { serviceVersion: { service: { departmentId: staff.departmentId } } },
    orderBy: { submittedAt: 'desc' },
    select: {
      trackingNumber: true,
      status: true,
      channel: true,
      submittedAt: true,
      serviceVersion: { select: { version: true, service: { select: { slug: true } } } },
    },
  })
}
