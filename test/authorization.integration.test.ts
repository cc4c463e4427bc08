// The authorization matrix: every procedure of the router, called over HTTP by every kind of caller,
// is allowed or refused exactly as its declared access rule says.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { appRouter } from '@darwaza/gateway/router'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type Credentials, type TestGateway } from './support/gateway.ts'
import { allowedBy, callers, refusalCodes, type Caller } from './support/callers.ts'
import { signInCitizen, signInStaff } from './support/identity.ts'
import { readServerSentEvents, SubscriptionFailure } from './support/server-sent-events.ts'

const refusals = refusalCodes

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: { access: string } } }>,
)
  .map(([path, procedure]) => ({ path, type: procedure._def.type, access: procedure._def.meta?.access ?? 'none' }))
  // Signing out ends the caller's session, so it goes last.
  .sort((a, b) => Number(a.path === 'identity.signOut') - Number(b.path === 'identity.signOut'))

describe.each(databaseKinds())('authorization matrix on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  const credentials = new Map<Caller, Credentials>()

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url })
    const password = (username: string) => demoStaff.find((staff) => staff.username === username)?.password ?? ''
    const admin = await signInStaff(gateway.client, 'admin', password('admin'))
    const adminClient = gateway.clientAs({ token: admin.token })
    const [centre] = await adminClient.admin.listServiceCentres.query()
    if (!centre || !demoCitizens[0]) throw new Error('seed missing')
    const enrol = async () => {
      const { enrolmentCode, kioskId } = await adminClient.admin.registerKiosk.mutate({
        serviceCentreId: centre.id,
        label: 'matrix',
      })
      const { credential } = await gateway.client.kiosks.enrol.mutate({ enrolmentCode })
      return { kioskId, credential }
    }
    const kiosk = await enrol()
    const revoked = await enrol()
    await adminClient.admin.revokeKiosk.mutate({ kioskId: revoked.kioskId })

    credentials.set('anonymous', {})
    credentials.set('citizen', { token: (await signInCitizen(gateway.client, db, demoCitizens[0])).token })
    credentials.set('clerk', { token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token })
    credentials.set('officer', { token: (await signInStaff(gateway.client, 'officer', password('officer'))).token })
    credentials.set('dept admin', {
      token: (await signInStaff(gateway.client, 'deptadmin', password('deptadmin'))).token,
    })
    credentials.set('admin', { token: admin.token })
    credentials.set('kiosk', { kioskCredential: kiosk.credential })
    credentials.set('revoked kiosk', { kioskCredential: revoked.credential })
  })
  afterAll(async () => {
    await gateway?.stop()
    await db?.$disconnect()
  })

  async function outcome(path: string, type: string, caller: Caller): Promise<'allowed' | 'refused'> {
    const given = credentials.get(caller) ?? {}
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (given.token) headers.authorization = `Bearer ${given.token}`
    if (given.kioskCredential) headers['x-darwaza-kiosk'] = given.kioskCredential
    if (type === 'subscription') {
      const events = readServerSentEvents(`${gateway.url}/trpc/${path}?input=${encodeURIComponent('{}')}`, headers)
      try {
        await events.next(5000)
        return 'allowed'
      } catch (error) {
        const code = error instanceof SubscriptionFailure ? error.data?.code : undefined
        return code && refusals.has(code) ? 'refused' : 'allowed'
      } finally {
        events.close()
      }
    }
    const response =
      type === 'query'
        ? await fetch(`${gateway.url}/trpc/${path}?input=${encodeURIComponent('{}')}`, { headers })
        : await fetch(`${gateway.url}/trpc/${path}`, { method: 'POST', headers, body: '{}' })
    const body = (await response.json()) as { error?: { data?: { code?: string } } }
    return body.error?.data?.code && refusals.has(body.error.data.code) ? 'refused' : 'allowed'
  }

  it.each(procedures)('$path ($access)', async ({ path, type, access }) => {
    const expected = allowedBy[access]
    expect(expected, `no expectation for access rule "${access}"`).toBeDefined()
    const actual: Record<string, string> = {}
    const wanted: Record<string, string> = {}
    for (const caller of callers) {
      actual[caller] = await outcome(path, type, caller)
      wanted[caller] = expected?.includes(caller) ? 'allowed' : 'refused'
    }
    expect(actual).toEqual(wanted)
  })
})
