import type { RegisteredPerson } from '../domain/ports.ts'
import type { Tx } from '../persistence/audit-log.ts'

/** The citizen record for a person the registry confirmed: created the first time, kept in step after. */
export function upsertCitizen(tx: Tx, person: RegisteredPerson) {
  const details = {
    name: person.name,
    phone: person.phone,
    dateOfBirth: person.dateOfBirth,
    email: person.email ?? null,
    testIdentity: person.testIdentity ?? false,
  }
  return tx.citizen.upsert({
    where: { identityNumber: person.identityNumber },
    create: { identityNumber: person.identityNumber, ...details },
    update: details,
    select: { id: true, name: true },
  })
}
