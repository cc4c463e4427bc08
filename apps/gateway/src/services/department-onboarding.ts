// Platform admins onboard departments: who they are, where their endpoint is, the keys their
// callbacks are signed with, and whether their services are open (live), in trial (sandbox) or
// withdrawn (suspended). Every change is audited.
import type { ConformanceReport, CreateDepartmentInput, DepartmentState } from '@darwaza/contracts/departments'
import type { Prisma } from '@darwaza/db'
import type { StaffActor } from '../domain/actors.ts'
import { auditName } from '../domain/actors.ts'
import { canMoveDepartment, needsConformance } from '../domain/department-lifecycle.ts'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { runConformance } from '../federation/conformance.ts'
import { activeDepartmentKeys } from '../federation/signed-request.ts'
import { appendAudit, type Tx } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

async function audited<T>(
  deps: AccessDeps,
  admin: StaffActor,
  event: string,
  data: Prisma.InputJsonObject,
  change: (tx: Tx) => Promise<T>,
) {
  return deps.db.$transaction(async (tx) => {
    const result = await change(tx)
    await appendAudit(tx, deps.provider, { event, actor: auditName(admin), data }, deps.now())
    return result
  })
}

async function departmentByCode(deps: AccessDeps, code: string) {
  const department = await deps.db.department.findUnique({
    where: { code },
    select: { id: true, state: true, baseUrl: true },
  })
  if (!department) throw new DomainError('NOT_FOUND', `There is no department "${code}".`)
  return department
}

export async function createDepartment(deps: AccessDeps, admin: StaffActor, input: CreateDepartmentInput) {
  if (await deps.db.department.findUnique({ where: { code: input.code }, select: { id: true } })) {
    throw invalidInput([
      { field: 'code', reason: 'taken', message: `a department with code "${input.code}" already exists` },
    ])
  }
  const keyIds = input.keys.map((key) => key.keyId)
  if (new Set(keyIds).size !== keyIds.length) {
    throw invalidInput([{ field: 'keys', reason: 'duplicate', message: 'each key needs its own key id' }])
  }
  return audited(deps, admin, 'department.onboarded', { code: input.code, keyIds }, (tx) =>
    tx.department.create({
      data: {
        code: input.code,
        name: input.name,
        contact: input.contact,
        baseUrl: input.baseUrl,
        state: 'sandbox',
        statusPolling: input.statusUpdates === 'polling',
        keys: { create: input.keys },
      },
      select: { code: true, state: true },
    }),
  )
}

export async function updateDepartment(
  deps: AccessDeps,
  admin: StaffActor,
  input: {
    code: string
    name?: Prisma.InputJsonObject
    contact?: Prisma.InputJsonObject
    baseUrl?: string
    statusUpdates?: 'callback' | 'polling'
  },
) {
  await departmentByCode(deps, input.code)
  const changed = Object.keys(input).filter((key) => key !== 'code')
  return audited(deps, admin, 'department.updated', { code: input.code, changed }, (tx) =>
    tx.department.update({
      where: { code: input.code },
      data: {
        name: input.name,
        contact: input.contact,
        baseUrl: input.baseUrl,
        statusPolling: input.statusUpdates === undefined ? undefined : input.statusUpdates === 'polling',
      },
      select: { code: true, state: true },
    }),
  )
}

export async function addDepartmentKey(
  deps: AccessDeps,
  admin: StaffActor,
  input: { code: string; keyId: string; publicKey: string },
) {
  const department = await departmentByCode(deps, input.code)
  const existing = await deps.db.departmentKey.findUnique({
    where: { departmentId_keyId: { departmentId: department.id, keyId: input.keyId } },
    select: { id: true },
  })
  if (existing)
    throw invalidInput([{ field: 'keyId', reason: 'taken', message: `key "${input.keyId}" is already registered` }])
  return audited(deps, admin, 'department.key_added', { code: input.code, keyId: input.keyId }, (tx) =>
    tx.departmentKey.create({
      data: { departmentId: department.id, keyId: input.keyId, publicKey: input.publicKey },
      select: { keyId: true, createdAt: true },
    }),
  )
}

export async function revokeDepartmentKey(deps: AccessDeps, admin: StaffActor, input: { code: string; keyId: string }) {
  const department = await departmentByCode(deps, input.code)
  const active = await deps.db.departmentKey.findMany({
    where: { departmentId: department.id, revokedAt: null },
    select: { id: true, keyId: true },
  })
  const key = active.find((candidate) => candidate.keyId === input.keyId)
  if (!key) throw new DomainError('NOT_FOUND', `"${input.code}" has no active key "${input.keyId}".`)
  if (active.length === 1) {
    throw invalidInput([
      { field: 'keyId', reason: 'last_key', message: 'register the new key before revoking the last active one' },
    ])
  }
  return audited(deps, admin, 'department.key_revoked', { code: input.code, keyId: input.keyId }, (tx) =>
    tx.departmentKey.update({
      where: { id: key.id },
      data: { revokedAt: deps.now() },
      select: { keyId: true, revokedAt: true },
    }),
  )
}

/** Runs the conformance kit against the department's endpoint with its services' newest versions. */
export async function checkConformance(deps: AccessDeps, admin: StaffActor, code: string): Promise<ConformanceReport> {
  const department = await departmentByCode(deps, code)
  const services = await deps.db.service.findMany({
    where: { departmentId: department.id },
    orderBy: { slug: 'asc' },
    select: {
      slug: true,
      kind: true,
      versions: {
        where: { state: { in: ['draft', 'published'] } },
        orderBy: { version: 'desc' },
        take: 1,
        select: { version: true, endpointPath: true, formSchema: true, feeQuoted: true },
      },
    },
  })
  const report = await runConformance(
    {
      baseUrl: department.baseUrl,
      departmentCode: code,
      departmentKeys: await activeDepartmentKeys(deps.db, code),
      services: services.flatMap((service) =>
        service.versions.map((version) => ({
          slug: service.slug,
          kind: service.kind,
          version: version.version,
          endpointPath: version.endpointPath,
          formSchema: (version.formSchema ?? {}) as Record<string, unknown>,
          feeQuoted: version.feeQuoted,
        })),
      ),
    },
    { signer: deps.signer, timeoutMs: deps.conformanceTimeoutMs, now: deps.now },
  )
  await audited(deps, admin, 'department.conformance_checked', { code, passed: report.passed }, (tx) =>
    tx.department.update({ where: { code }, data: { conformance: report }, select: { code: true } }),
  )
  return report
}

export async function setDepartmentState(
  deps: AccessDeps,
  admin: StaffActor,
  input: { code: string; state: DepartmentState },
) {
  const department = await departmentByCode(deps, input.code)
  if (department.state === input.state) return { code: input.code, state: input.state, conformance: null }
  if (!canMoveDepartment(department.state, input.state)) {
    throw invalidInput([
      {
        field: 'state',
        reason: 'not_allowed',
        message: `a ${department.state} department cannot move to ${input.state}`,
      },
    ])
  }
  let conformance: ConformanceReport | null = null
  if (needsConformance(input.state)) {
    conformance = await checkConformance(deps, admin, input.code)
    if (!conformance.passed) {
      throw invalidInput(
        conformance.checks
          .filter((check) => !check.passed)
          .map((check) => ({
            field: 'state',
            reason: 'conformance_failed',
            message: `${check.name}: ${check.reason ?? 'failed'}`,
          })),
      )
    }
  }
  await audited(
    deps,
    admin,
    'department.state_changed',
    { code: input.code, from: department.state, to: input.state },
    (tx) => tx.department.update({ where: { code: input.code }, data: { state: input.state }, select: { code: true } }),
  )
  return { code: input.code, state: input.state, conformance }
}

export function departmentDetails(deps: AccessDeps) {
  return deps.db.department.findMany({
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      state: true,
      baseUrl: true,
      contact: true,
      conformance: true,
      keys: {
        orderBy: { createdAt: 'asc' },
        select: { keyId: true, publicKey: true, createdAt: true, revokedAt: true },
      },
    },
  })
}
