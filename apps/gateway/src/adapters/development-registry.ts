import type { PopulationRegistry, RegisteredPerson } from '../domain/ports.ts'

/** Demo citizens of the development registry (identity numbers are digits only). */
export const demoCitizens: readonly RegisteredPerson[] = [
  {
    identityNumber: '3520212345671',
    name: 'Ayesha Khan',
    dateOfBirth: '1990-04-12',
    phone: '+923001234567',
    email: 'ayesha.khan@mail.darwaza.invalid',
  },
  { identityNumber: '4210176543213', name: 'Muhammad Bilal', dateOfBirth: '1985-11-02', phone: '+923211112222' },
  { identityNumber: '6110123456789', name: 'Fatima Zahra', dateOfBirth: '2001-01-20', phone: '+923334445555' },
  { identityNumber: '3740598765435', name: 'Imran Hussain', dateOfBirth: '1978-06-30', phone: '+923451234000' },
  {
    identityNumber: '9999900000017',
    name: 'Test Citizen',
    dateOfBirth: '2000-01-01',
    phone: '+923000000017',
    testIdentity: true,
  },
]

/** Stands in for the national registry in the demo and the tests. */
export function createDevelopmentRegistry(people: readonly RegisteredPerson[] = demoCitizens): PopulationRegistry {
  const byNumber = new Map(people.map((person) => [person.identityNumber, person]))
  return { find: async (identityNumber) => byNumber.get(identityNumber) ?? null }
}
