// Trying every one-time code is bounded exactly as the README says, over real HTTP on both databases:
// a code dies after 5 wrong attempts, 10 wrong attempts for one identity number in an hour pause its
// sign-in (a right code included) whichever challenges they were spread over and however many are
// sent at once, at most 5 codes an hour go to one identity number and 30 to one device, and a clerk
// guessing consent codes counts against the same identity.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { oneTimeCodeRules } from '@darwaza/gateway/domain/one-time-code'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { codeSentTo, demoPassword as password, refusal, signInStaff } from './support/identity.ts'

const [ayesha, bilal, fatima, imran, tester] = demoCitizens
if (!ayesha || !bilal || !fatima || !imran || !tester) throw new Error('the development registry needs five citizens')

/** A code that is not the one sent (the sent one is known to the test, not to the attacker). */
const wrongFor = (code: string, n = 0) => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0')
const count = (outcomes: string[], outcome: string) => outcomes.filter((seen) => seen === outcome).length

describe.each(databaseKinds())('one-time code limits on %s', (kind) => {
  let db: Db
  let gateway: TestGateway

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url })
  })
  afterAll(async () => {
    await gateway?.stop()
    await db?.$disconnect()
  })

  const forget = (person: { identityNumber: string }) =>
    db.otpChallenge.deleteMany({ where: { identityNumber: person.identityNumber } })
  /** Asks for a sign-in code (as `client`) and reads what was sent, as only the citizen could. */
  async function challengeFor(person: { identityNumber: string; phone: string }, client: GatewayClient) {
    const challenge = await client.identity.requestCode.mutate({ identityNumber: person.identityNumber })
    return { challengeId: challenge.challengeId, code: await codeSentTo(db, person.phone) }
  }
  const guess = (challengeId: string, code: string) =>
    refusal(gateway.client.identity.verifyCode.mutate({ challengeId, code }))
  const wrongAttemptsRecorded = async (person: { identityNumber: string }) =>
    (
      await db.otpChallenge.aggregate({
        where: { identityNumber: person.identityNumber },
        _sum: { failedAttempts: true },
      })
    )._sum.failedAttempts ?? 0

  it('uses the README’s numbers', () => {
    expect(oneTimeCodeRules).toMatchObject({
      digits: 6,
      lifetimeMs: 5 * 60_000,
      maxWrongAttemptsPerCode: 5,
      maxWrongAttemptsPerIdentityPerHour: 10,
      maxCodesPerIdentityPerHour: 5,
      maxCodesPerDevicePerHour: 30,
    })
  })

  it('gives an attacker rotating every code an identity can be sent at most 10 guesses an hour, and then refuses even the right code', async () => {
    // Every code the identity can be sent this hour: the sixth is refused.
    const challenges = []
    for (let i = 0; i < oneTimeCodeRules.maxCodesPerIdentityPerHour; i++) {
      challenges.push(await challengeFor(fatima, gateway.client))
    }
    expect(await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: fatima.identityNumber }))).toBe(
      'RATE_LIMITED',
    )
    // Six guesses at each, in turn: only 10 are ever checked.
    const outcomes: string[] = []
    for (const challenge of challenges) {
      for (let i = 0; i < 6; i++) outcomes.push(await guess(challenge.challengeId, wrongFor(challenge.code, i)))
    }
    expect(count(outcomes, 'WRONG_CODE')).toBe(10)
    expect(outcomes.slice(0, 12)).toEqual([
      ...Array(5).fill('WRONG_CODE'),
      'TOO_MANY_ATTEMPTS',
      ...Array(5).fill('WRONG_CODE'),
      'LOCKED_OUT',
    ])
    expect(outcomes.slice(12)).toEqual(Array(18).fill('LOCKED_OUT'))
    expect(await wrongAttemptsRecorded(fatima)).toBe(10)
    // The right code of every challenge still alive: refused, and nobody was signed in.
    for (const challenge of challenges.slice(2)) {
      expect(await guess(challenge.challengeId, challenge.code)).toBe('LOCKED_OUT')
    }
    expect(await db.citizen.count({ where: { identityNumber: fatima.identityNumber } })).toBe(0)
    expect(await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: fatima.identityNumber }))).toBe(
      'LOCKED_OUT',
    )

    // For the hour only: once the attempts are more than an hour old, the citizen can sign in again.
    await db.otpChallenge.updateMany({
      where: { identityNumber: fatima.identityNumber },
      data: { createdAt: new Date(Date.now() - 61 * 60_000) },
    })
    const fresh = await challengeFor(fatima, gateway.client)
    expect(await refusal(gateway.client.identity.verifyCode.mutate(fresh))).toBe('allowed')
  })

  it('checks no more than 5 guesses of one code, and 10 of one identity, when they all arrive at once', async () => {
    await forget(imran)
    const one = await challengeFor(imran, gateway.client)
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => guess(one.challengeId, wrongFor(one.code, i))))
    expect(count(burst, 'WRONG_CODE')).toBe(oneTimeCodeRules.maxWrongAttemptsPerCode)
    expect(burst.every((outcome) => ['WRONG_CODE', 'TOO_MANY_ATTEMPTS'].includes(outcome))).toBe(true)
    expect(await db.otpChallenge.findUniqueOrThrow({ where: { id: one.challengeId } })).toMatchObject({
      failedAttempts: count(burst, 'WRONG_CODE'),
    })
    expect(await guess(one.challengeId, one.code)).toBe('TOO_MANY_ATTEMPTS')

    // Four more codes, 20 guesses at each, all at once: together with the first, at most 10 checked.
    const more = []
    for (let i = 0; i < 4; i++) more.push(await challengeFor(imran, gateway.client))
    const storm = await Promise.all(
      more.flatMap((challenge) =>
        Array.from({ length: 20 }, (_, i) => guess(challenge.challengeId, wrongFor(challenge.code, i))),
      ),
    )
    expect(count(burst, 'WRONG_CODE') + count(storm, 'WRONG_CODE')).toBeLessThanOrEqual(
      oneTimeCodeRules.maxWrongAttemptsPerIdentityPerHour,
    )
    expect(await wrongAttemptsRecorded(imran)).toBe(count(burst, 'WRONG_CODE') + count(storm, 'WRONG_CODE'))
    for (const challenge of more) expect(await guess(challenge.challengeId, challenge.code)).toBe('LOCKED_OUT')
    expect(await db.citizen.count({ where: { identityNumber: imran.identityNumber } })).toBe(0)
  })

  it('counts a clerk’s wrong consent codes against the same identity, and locks its sign-in too', async () => {
    const clerk = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token })
    const outcomes: string[] = []
    for (let round = 0; round < 2; round++) {
      const challenge = await clerk.assisted.requestConsent.mutate({ identityNumber: bilal.identityNumber })
      const code = await codeSentTo(db, bilal.phone)
      for (let i = 0; i < 5; i++) {
        outcomes.push(
          await refusal(
            clerk.assisted.startWithCode.mutate({ challengeId: challenge.challengeId, code: wrongFor(code, i) }),
          ),
        )
      }
    }
    expect(outcomes).toEqual(Array(10).fill('WRONG_CODE'))
    expect(await refusal(clerk.assisted.requestConsent.mutate({ identityNumber: bilal.identityNumber }))).toBe(
      'LOCKED_OUT',
    )
    expect(await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: bilal.identityNumber }))).toBe(
      'LOCKED_OUT',
    )
  })

  it('sends at most 30 codes an hour from one device, whoever they are for', async () => {
    const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
    const [centre] = await admin.admin.listServiceCentres.query()
    if (!centre) throw new Error('no service centre')
    const { enrolmentCode } = await admin.admin.registerKiosk.mutate({ serviceCentreId: centre.id, label: 'limits' })
    const { credential, kioskId } = await gateway.client.kiosks.enrol.mutate({ enrolmentCode })
    const kiosk = gateway.clientAs({ kioskCredential: credential })
    // 25 codes this hour for other people, as far as the kiosk's count goes (five identities' worth)...
    await db.otpChallenge.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        purpose: 'sign_in' as const,
        identityNumber: `35202000000${String(i).padStart(2, '0')}`,
        codeHash: '0'.repeat(64),
        expiresAt: new Date(Date.now() - 60_000),
        requestedBy: `kiosk:${kioskId}`,
      })),
    })
    // ...and five real ones for one citizen: the 30th goes out, the 31st does not, for anyone.
    await forget(ayesha)
    await forget(tester)
    const outcomes: string[] = []
    for (let i = 0; i < 5; i++) {
      outcomes.push(await refusal(kiosk.identity.requestCode.mutate({ identityNumber: ayesha.identityNumber })))
    }
    expect(outcomes).toEqual(Array(5).fill('allowed'))
    expect(await refusal(kiosk.identity.requestCode.mutate({ identityNumber: tester.identityNumber }))).toBe(
      'RATE_LIMITED',
    )
    // The limit is the device's: the same citizen asking from the web is sent a code.
    expect(await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: tester.identityNumber }))).toBe(
      'allowed',
    )
  })
})
