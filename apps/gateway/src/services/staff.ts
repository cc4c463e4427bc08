// Staff accounts: passwords hashed with Argon2id (memory-hard), sign-in, and the platform admin's management.
import { hash, verify } from '@node-rs/argon2'
import type { Device, StaffActor, StaffRole } from '../domain/actors.ts'
import { auditName, deviceName } from '../domain/actors.ts'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'
import { createSession, type IssuedSession } from './sessions.ts'

// OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

// Password guessing is throttled per account: 5 failures in 15 minutes pause it for the rest of the window.
const maxFailuresPerWindow = 5
const failureWindowMs = 15 * 60_000

/**
 * Takes one guess from the account's allowance for this window, or returns false when none is left.
 * A compare-and-set taken before the password is checked, so guesses sent at once count one by one
 * (reading a count and adding to it afterwards let a burst of guesses through together).
 */
async function takeGuess(deps: AccessDeps, staffId: string): Promise<boolean> {
  const now = deps.now()
  const windowOpened = new Date(now.getTime() - failureWindowMs)
  const afresh = await deps.db.staff.updateMany({
    where: { id: staffId, OR: [{ signInWindowFrom: null }, { signInWindowFrom: { lt: windowOpened } }] },
    data: { signInFailures: 1, signInWindowFrom: now },
  })
  if (afresh.count === 1) return true
  const counted = await deps.db.staff.updateMany({
    where: { id: staffId, signInFailures: { lt: maxFailuresPerWindow } },
    data: { signInFailures: { increment: 1 } },
  })
  return counted.count === 1
}

/** Used when the username is unknown, so a wrong username costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options)
}

export async function staffSignIn(
  deps: AccessDeps,
  input: { username: string; password: string },
  device: Device,
): Promise<IssuedSession & { displayName: string; role: StaffRole }> {
  const staff = await deps.db.staff.findUnique({
    where: { username: input.username.toLowerCase() },
    select: { id: true, passwordHash: true, active: true, displayName: true, role: true },
  })
  decoyHash ??= hashPassword('decoy password that matches nothing')
  if (staff && !(await takeGuess(deps, staff.id))) {
    throw new DomainError('LOCKED_OUT', 'Too many wrong passwords. This account is paused for 15 minutes.', {
      detail: `staff ${staff.id} locked after ${maxFailuresPerWindow} failures`,
    })
  }
  const passwordOk = await verify(staff?.passwordHash ?? (await decoyHash), input.password)
  if (!staff || !staff.active || !passwordOk) {
    // Failures are audited only for real accounts: an unknown "username" may be a mistyped password.
    if (staff) {
      await deps.db.$transaction((tx) =>
        appendAudit(
          tx,
          deps.provider,
          {
            event: 'staff.sign_in_failed',
            actor: `staff:${staff.id}`,
            device: deviceName(device),
            data: {},
          },
          deps.now(),
        ),
      )
    }
    throw new DomainError('WRONG_PASSWORD', 'The username or password is not right.')
  }
  return deps.db.$transaction(async (tx) => {
    // The right password: the guess taken for it was not a failure, and the earlier ones are forgiven.
    await tx.staff.update({ where: { id: staff.id }, data: { signInFailures: 0, signInWindowFrom: null } })
    const session = await createSession(tx, deps, { staffId: staff.id }, device)
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'staff.signed_in',
        actor: `staff:${staff.id}`,
        device: deviceName(device),
        data: {},
      },
      deps.now(),
    )
    return { token: session.token, expiresAt: session.expiresAt, displayName: staff.displayName, role: staff.role }
  })
}

export async function createStaff(
  deps: AccessDeps,
  admin: StaffActor,
  input: {
    username: string
    displayName: string
    password: string
    role: StaffRole
    serviceCentreId?: string | undefined
    departmentId?: string | undefined
  },
) {
  const needsCentre = input.role === 'clerk'
  const needsDepartment = input.role === 'department_officer' || input.role === 'department_admin'
  if (needsCentre && !input.serviceCentreId) {
    throw invalidInput([{ field: 'serviceCentreId', reason: 'required', message: 'a clerk works at a service centre' }])
  }
  if (needsDepartment && !input.departmentId) {
    throw invalidInput([
      { field: 'departmentId', reason: 'required', message: 'department staff belong to a department' },
    ])
  }
  const passwordHash = await hashPassword(input.password)
  return deps.db.$transaction(async (tx) => {
    const staff = await tx.staff.create({
      data: {
        username: input.username.toLowerCase(),
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        serviceCentreId: needsCentre ? input.serviceCentreId : null,
        departmentId: needsDepartment ? input.departmentId : null,
      },
      select: { id: true, username: true, displayName: true, role: true },
    })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'staff.created',
        actor: auditName(admin),
        data: { staffId: staff.id, username: staff.username, role: staff.role },
      },
      deps.now(),
    )
    return staff
  })
}

export function listStaff(deps: AccessDeps) {
  return deps.db.staff.findMany({
    orderBy: { username: 'asc' },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      active: true,
      serviceCentre: { select: { code: true } },
      department: { select: { code: true } },
    },
  })
}
