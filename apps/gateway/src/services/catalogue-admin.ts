// Department admins maintain their own department's catalogue entries. Editing a published version
// makes a new draft version; a published version never changes, so applications keep theirs.
import { ServiceDraftInput } from '@darwaza/contracts/catalogue'
import type { Prisma } from '@darwaza/db'
import type { StaffActor } from '../domain/actors.ts'
import { auditName } from '../domain/actors.ts'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { publicationProblems } from '../domain/publication.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

function ownDepartment(staff: StaffActor): string {
  if (!staff.departmentId) throw new DomainError('FORBIDDEN', 'You do not belong to a department.')
  return staff.departmentId
}

async function ownService(deps: AccessDeps, staff: StaffActor, slug: string) {
  const service = await deps.db.service.findUnique({
    where: { slug },
    select: { id: true, departmentId: true, slug: true, kind: true, category: true },
  })
  if (!service) throw new DomainError('NOT_FOUND', `There is no service "${slug}".`)
  if (service.departmentId !== ownDepartment(staff)) {
    throw new DomainError('FORBIDDEN', 'This service belongs to another department.')
  }
  return service
}

export async function saveDraft(deps: AccessDeps, staff: StaffActor, input: ServiceDraftInput) {
  const departmentId = ownDepartment(staff)
  const existing = await deps.db.service.findUnique({ where: { slug: input.slug }, select: { departmentId: true } })
  if (existing && existing.departmentId !== departmentId) {
    throw new DomainError('FORBIDDEN', 'This service belongs to another department.')
  }
  const content = {
    title: input.title,
    summary: input.summary,
    description: input.description,
    eligibility: input.eligibility,
    requiredDocuments: input.requiredDocuments as Prisma.InputJsonArray,
    formSchema: input.formSchema as Prisma.InputJsonObject,
    presentation: input.presentation as Prisma.InputJsonObject,
    endpointPath: input.endpointPath,
    channels: input.channels,
    keywords: input.keywords ?? {},
    notificationTemplates: input.notificationTemplates ?? {},
    citizenAttributes: input.citizenAttributes,
    feeQuoted: input.fee.kind === 'quoted',
    feeMinor: input.fee.kind === 'fixed' ? input.fee.amountMinor : null,
    feeCurrency: input.fee.kind === 'fixed' ? input.fee.currency : null,
    processingDays: input.processingDays,
  }
  return deps.db.$transaction(async (tx) => {
    const service = await tx.service.upsert({
      where: { slug: input.slug },
      create: { slug: input.slug, kind: input.kind, category: input.category, departmentId },
      update: { category: input.category, kind: input.kind },
      select: {
        id: true,
        versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, state: true } },
      },
    })
    const latest = service.versions[0]
    const saved =
      latest?.state === 'draft'
        ? await tx.serviceVersion.update({ where: { id: latest.id }, data: content, select: { version: true } })
        : await tx.serviceVersion.create({
            data: { serviceId: service.id, version: (latest?.version ?? 0) + 1, ...content },
            select: { version: true },
          })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'catalogue.draft_saved',
        actor: auditName(staff),
        data: { slug: input.slug, version: saved.version },
      },
      deps.now(),
    )
    return { slug: input.slug, version: saved.version, state: 'draft' as const }
  })
}

export async function publishDraft(deps: AccessDeps, staff: StaffActor, slug: string) {
  const service = await ownService(deps, staff, slug)
  const draft = await deps.db.serviceVersion.findFirst({
    where: { serviceId: service.id, state: 'draft' },
    orderBy: { version: 'desc' },
    select: { id: true, ...versionContentSelect },
  })
  if (!draft) throw new DomainError('NOT_FOUND', `"${slug}" has no draft to publish.`)
  const department = await deps.db.department.findUniqueOrThrow({
    where: { id: service.departmentId },
    select: { baseUrl: true },
  })
  const problems = publicationProblems(toDraftInput(service, draft), department)
  if (problems.length > 0) throw invalidInput(problems)
  const now = deps.now()
  return deps.db.$transaction(async (tx) => {
    await tx.serviceVersion.updateMany({
      where: { serviceId: service.id, state: 'published' },
      data: { state: 'retired' },
    })
    await tx.serviceVersion.update({ where: { id: draft.id }, data: { state: 'published', publishedAt: now } })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'catalogue.published',
        actor: auditName(staff),
        data: { slug, version: draft.version },
      },
      now,
    )
    return { slug, version: draft.version, state: 'published' as const }
  })
}

export async function retireService(deps: AccessDeps, staff: StaffActor, slug: string) {
  const service = await ownService(deps, staff, slug)
  return deps.db.$transaction(async (tx) => {
    const retired = await tx.serviceVersion.updateMany({
      where: { serviceId: service.id, state: 'published' },
      data: { state: 'retired' },
    })
    if (retired.count === 0) throw new DomainError('NOT_FOUND', `"${slug}" has no published version to retire.`)
    await appendAudit(
      tx,
      deps.provider,
      { event: 'catalogue.retired', actor: auditName(staff), data: { slug } },
      deps.now(),
    )
    return { slug, state: 'retired' as const }
  })
}

const versionContentSelect = {
  version: true,
  state: true,
  title: true,
  summary: true,
  description: true,
  eligibility: true,
  requiredDocuments: true,
  formSchema: true,
  presentation: true,
  endpointPath: true,
  citizenAttributes: true,
  channels: true,
  feeQuoted: true,
  feeMinor: true,
  feeCurrency: true,
  processingDays: true,
  keywords: true,
  notificationTemplates: true,
} satisfies Prisma.ServiceVersionSelect

type VersionContent = Prisma.ServiceVersionGetPayload<{ select: typeof versionContentSelect }>

/** A stored version back in the shape admins edit, import and export. Parsed, not cast. */
function toDraftInput(
  service: { slug: string; kind: string; category: string },
  row: VersionContent,
): ServiceDraftInput {
  return ServiceDraftInput.parse({
    slug: service.slug,
    kind: service.kind,
    category: service.category,
    title: row.title,
    summary: row.summary,
    description: row.description ?? {},
    eligibility: row.eligibility ?? {},
    requiredDocuments: row.requiredDocuments ?? [],
    formSchema: row.formSchema,
    presentation: row.presentation,
    endpointPath: row.endpointPath,
    citizenAttributes: row.citizenAttributes,
    channels: row.channels,
    fee: row.feeQuoted
      ? { kind: 'quoted' }
      : row.feeMinor !== null && row.feeCurrency !== null
        ? { kind: 'fixed', amountMinor: row.feeMinor, currency: row.feeCurrency }
        : { kind: 'free' },
    processingDays: row.processingDays,
    ...(row.keywords && Object.keys(row.keywords).length > 0 ? { keywords: row.keywords } : {}),
    ...(row.notificationTemplates && Object.keys(row.notificationTemplates).length > 0
      ? { notificationTemplates: row.notificationTemplates }
      : {}),
  })
}

/**
 * The newest version of one of the department's services, as an editable entry (the draft if there
 * is one, otherwise what is published), with what publishing it would be refused for.
 */
export async function serviceEntry(deps: AccessDeps, staff: StaffActor, slug: string) {
  const service = await ownService(deps, staff, slug)
  const latest = await deps.db.serviceVersion.findFirst({
    where: { serviceId: service.id },
    orderBy: { version: 'desc' },
    select: versionContentSelect,
  })
  if (!latest) throw new DomainError('NOT_FOUND', `"${slug}" has no versions.`)
  const department = await deps.db.department.findUniqueOrThrow({
    where: { id: service.departmentId },
    select: { baseUrl: true },
  })
  const entry = toDraftInput(service, latest)
  return {
    version: latest.version,
    state: latest.state,
    entry,
    problems: latest.state === 'draft' ? publicationProblems(entry, department) : [],
  }
}

export function departmentServices(deps: AccessDeps, staff: StaffActor) {
  return deps.db.service.findMany({
    where: { departmentId: ownDepartment(staff) },
    orderBy: { slug: 'asc' },
    select: {
      slug: true,
      kind: true,
      category: true,
      versions: {
        orderBy: { version: 'desc' },
        select: { version: true, state: true, publishedAt: true, title: true },
      },
    },
  })
}
