// Who is calling, from where, and on whose behalf. Built once per request from its credentials.

export type StaffRole = 'clerk' | 'department_officer' | 'department_admin' | 'platform_admin'

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; citizenId: string; sessionId: string; testIdentity: boolean }
  | {
      kind: 'staff'
      staffId: string
      role: StaffRole
      serviceCentreId: string | null
      departmentId: string | null
      sessionId: string
    }

export type Device = { kind: 'kiosk'; kioskId: string; serviceCentreId: string } | { kind: 'browser'; ip: string }

export type CitizenActor = Extract<Actor, { kind: 'citizen' }>
export type StaffActor = Extract<Actor, { kind: 'staff' }>

/** How an actor is named in the audit log. */
export function auditName(actor: Actor): string {
  if (actor.kind === 'citizen') return `citizen:${actor.citizenId}`
  if (actor.kind === 'staff') return `staff:${actor.staffId}`
  return 'anonymous'
}

export function deviceName(device: Device): string {
  return device.kind === 'kiosk' ? `kiosk:${device.kioskId}` : `ip:${device.ip}`
}

/** Staff and test identities may use services of departments still in sandbox. */
export function seesSandbox(actor: Actor): boolean {
  return actor.kind === 'staff' || (actor.kind === 'citizen' && actor.testIdentity)
}
