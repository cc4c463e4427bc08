// Demo service centre and staff accounts (idempotent). The passwords are for the demo only and are
// printed by the demo launcher; a real deployment creates its staff through the admin procedures.
import type { Db, Provider } from '@darwaza/db'
import { appendAudit } from './persistence/audit-log.ts'
import { hashPassword } from './services/staff.ts'

export const demoStaff = [
  { username: 'admin', displayName: 'Platform Administrator', password: 'darwaza-admin-demo', role: 'platform_admin' },
  { username: 'clerk', displayName: 'Sana Tariq', password: 'darwaza-clerk-demo', role: 'clerk' },
  { username: 'clerk2', displayName: 'Bilal Ahmed', password: 'darwaza-clerk2-demo', role: 'clerk' },
  {
    username: 'officer',
    displayName: 'Inspector Asad Ali',
    password: 'darwaza-officer-demo',
    role: 'department_officer',
  },
  {
    username: 'deptadmin',
    displayName: 'Traffic Police Catalogue Admin',
    password: 'darwaza-deptadmin-demo',
    role: 'department_admin',
  },
] as const

export async function seedDemoAccess(db: Db, provider: Provider): Promise<void> {
  const centre = await db.serviceCentre.upsert({
    where: { code: 'lahore-gulberg' },
    create: { code: 'lahore-gulberg', name: { en: 'Gulberg Service Centre, Lahore', ur: 'گلبرگ سروس سینٹر، لاہور' } },
    update: {},
  })
  const trafficPolice = await db.department.findUnique({ where: { code: 'traffic-police' }, select: { id: true } })
  for (const person of demoStaff) {
    const exists = await db.staff.findUnique({ where: { username: person.username }, select: { id: true } })
    if (exists) continue
    const passwordHash = await hashPassword(person.password)
    await db.$transaction(async (tx) => {
      const staff = await tx.staff.create({
        data: {
          username: person.username,
          displayName: person.displayName,
          passwordHash,
          role: person.role,
          serviceCentreId: person.role === 'clerk' ? centre.id : null,
          departmentId:
            person.role === 'department_officer' || person.role === 'department_admin'
              ? (trafficPolice?.id ?? null)
              : null,
        },
        select: { id: true },
      })
      await appendAudit(tx, provider, {
        event: 'staff.created',
        actor: 'system:seed',
        data: { staffId: staff.id, username: person.username, role: person.role },
      })
    })
  }
}
