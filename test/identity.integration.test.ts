// Identity and access over real HTTP, on both databases: sign-in with a one-time code, sessions,
// staff, kiosk enrolment and revocation, assisted sessions with consent, and the audit chain.
import { createDb, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { latestDevelopmentSms } from '@darwaza/gateway/adapters/development-sms'
import { verifyAuditLog } from '@darwaza/gateway/persistence/audit-log'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import { providerOf } from '@darwaza/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo, demoPassword as password, refusal, signInCitizen, signInStaff } from './support/identity.ts'

const [ayesha, bilal, fatima, imran] = demoCitizens
if (!ayesha || !bilal || !fatima || !imran) throw new Error('the development registry needs four demo citizens')

describe.each(databaseKinds())('identity and access on %s', (kind) => {
  let db: Db
  let gateway: TestGateway

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, ALLOW_ID_CARD_CONSENT: 'true' })
  })
  afterAll(async () => {
    await gateway.stop()
    await db.$disconnect()
  })

  describe('citizen sign-in', () => {
    it('sends a code to the registered phone, shows it masked, and signs in; the record is created then', async () => {
      expect(await db.citizen.count({ where: { identityNumber: ayesha.identityNumber } })).toBe(0)
      const challenge = await gateway.client.identity.requestCode.mutate({ identityNumber: '35202-1234567-1' })
      expect(challenge.maskedPhone).toBe('+92 ••• ••• 4567')
      const stored = await db.otpChallenge.findUniqueOrThrow({ where: { id: challenge.challengeId } })
      const code = await codeSentTo(db, ayesha.phone)
      expect(stored.codeHash).not.toContain(code)
      expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/)

      const session = await gateway.client.identity.verifyCode.mutate({ challengeId: challenge.challengeId, code })
      expect(session.name).toBe('Ayesha Khan')
      const me = await gateway.clientAs({ token: session.token }).identity.me.query()
      expect(me).toEqual({ name: 'Ayesha Khan', identityNumber: '35202-1234567-1', maskedPhone: '+92 ••• ••• 4567' })
      expect(await db.session.count({ where: { tokenHash: session.token } })).toBe(0)
    })

    it('writes the code’s text message in the language the citizen is using', async () => {
      await gateway.client.identity.requestCode.mutate({ identityNumber: imran.identityNumber, language: 'ur' })
      const urdu = await latestDevelopmentSms(db, imran.phone)
      expect(urdu).toMatch(/^دروازہ: آپ کا سائن اِن کوڈ \d{6} ہے۔/)
      await gateway.client.identity.requestCode.mutate({ identityNumber: imran.identityNumber, language: 'ar' })
      expect(await latestDevelopmentSms(db, imran.phone)).toMatch(/^دروازة: رمز تسجيل الدخول \d{6}/)
      await db.otpChallenge.deleteMany({ where: { identityNumber: imran.identityNumber } })
    })

    it('refuses a malformed identity number, naming the field and the format', async () => {
      const call = gateway.client.identity.requestCode.mutate({ identityNumber: '35202-12345' })
      await expect(call).rejects.toMatchObject({
        data: { code: 'INVALID_INPUT', fieldErrors: [{ field: 'identityNumber', reason: 'format' }] },
      })
      await expect(call).rejects.toThrow(/13 digits, written 12345-1234567-1/)
    })

    it('says a wrong code is wrong, and an expired code expired, the same way for every identity', async () => {
      const challenge = await gateway.client.identity.requestCode.mutate({ identityNumber: bilal.identityNumber })
      const code = await codeSentTo(db, bilal.phone)
      const wrong = code === '000000' ? '111111' : '000000'
      expect(
        await refusal(gateway.client.identity.verifyCode.mutate({ challengeId: challenge.challengeId, code: wrong })),
      ).toBe('WRONG_CODE')
      expect(
        await refusal(
          gateway.client.identity.verifyCode.mutate({ challengeId: '0190a0a0-0000-7000-8000-000000000000', code }),
        ),
      ).toBe('WRONG_CODE')
      await db.otpChallenge.update({
        where: { id: challenge.challengeId },
        data: { expiresAt: new Date(Date.now() - 1000) },
      })
      expect(
        await refusal(gateway.client.identity.verifyCode.mutate({ challengeId: challenge.challengeId, code })),
      ).toBe('CODE_EXPIRED')
    })

    it('kills a code after 5 wrong attempts and locks the identity after 10 wrong attempts in an hour', async () => {
      const attempt = async () => {
        const challenge = await gateway.client.identity.requestCode.mutate({ identityNumber: fatima.identityNumber })
        const code = await codeSentTo(db, fatima.phone)
        const wrong = code === '999999' ? '888888' : '999999'
        const outcomes: string[] = []
        for (let i = 0; i < 6; i++) {
          outcomes.push(
            await refusal(
              gateway.client.identity.verifyCode.mutate({ challengeId: challenge.challengeId, code: wrong }),
            ),
          )
        }
        return { outcomes, challenge, code }
      }
      const first = await attempt()
      expect(first.outcomes).toEqual([...Array(5).fill('WRONG_CODE'), 'TOO_MANY_ATTEMPTS'])
      expect(
        await refusal(
          gateway.client.identity.verifyCode.mutate({ challengeId: first.challenge.challengeId, code: first.code }),
        ),
      ).toBe('TOO_MANY_ATTEMPTS')
      const second = await attempt()
      expect(second.outcomes.slice(0, 5)).toEqual(Array(5).fill('WRONG_CODE'))
      expect(second.outcomes[5]).toBe('LOCKED_OUT')
      expect(await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: fatima.identityNumber }))).toBe(
        'LOCKED_OUT',
      )
    })

    it('limits how many codes one identity can be sent in an hour', async () => {
      const outcomes: string[] = []
      for (let i = 0; i < 6; i++) {
        outcomes.push(
          await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: imran.identityNumber })),
        )
      }
      expect(outcomes).toEqual([...Array(5).fill('allowed'), 'RATE_LIMITED'])
    })

    it('tells a citizen the registry has no phone for an identity number it does not know', async () => {
      expect(await refusal(gateway.client.identity.requestCode.mutate({ identityNumber: '1111111111111' }))).toBe(
        'UNKNOWN_IDENTITY',
      )
    })

    it('revokes the session on the server at sign-out', async () => {
      await db.otpChallenge.deleteMany({ where: { identityNumber: ayesha.identityNumber } })
      const session = await signInCitizen(gateway.client, db, ayesha)
      const client = gateway.clientAs({ token: session.token })
      await client.identity.signOut.mutate()
      expect(await refusal(client.identity.me.query())).toBe('SESSION_EXPIRED')
    })
  })

  describe('sessions and records', () => {
    it('slides the idle expiry on use, never past the absolute limit, and ends an idle session', async () => {
      await db.otpChallenge.deleteMany({ where: { identityNumber: ayesha.identityNumber } })
      const session = await signInCitizen(gateway.client, db, ayesha)
      const client = gateway.clientAs({ token: session.token })
      const stored = await db.session.findFirstOrThrow({
        where: { kind: 'citizen_web' },
        orderBy: { createdAt: 'desc' },
      })
      expect(stored.idleSeconds).toBe(1800)
      await db.session.update({ where: { id: stored.id }, data: { expiresAt: new Date(Date.now() + 5_000) } })
      await client.identity.me.query()
      const slid = await db.session.findUniqueOrThrow({ where: { id: stored.id } })
      expect(slid.expiresAt.getTime()).toBeGreaterThan(Date.now() + 1_700_000)
      expect(slid.expiresAt.getTime()).toBeLessThanOrEqual(slid.absoluteExpiresAt.getTime())
      await db.session.update({ where: { id: stored.id }, data: { expiresAt: new Date(Date.now() - 1_000) } })
      expect(await refusal(client.identity.me.query())).toBe('SESSION_EXPIRED')
    })

    it('shows department staff only their own department’s applications', async () => {
      const other = await db.department.create({
        data: {
          code: `water-board-${kind}`,
          name: { en: 'Water Board', ur: 'واٹر بورڈ' },
          baseUrl: 'http://127.0.0.1:9',
        },
      })
      const citizen = await db.citizen.upsert({
        where: { identityNumber: bilal.identityNumber },
        create: { identityNumber: bilal.identityNumber, name: bilal.name, phone: bilal.phone },
        update: {},
      })
      const ownVersion = await db.serviceVersion.findFirstOrThrow({
        where: { service: { slug: 'driving-licence-renewal' } },
      })
      const otherService = await db.service.create({
        data: {
          slug: `water-connection-${kind}`,
          kind: 'application',
          category: 'water_and_utilities',
          departmentId: other.id,
          versions: {
            create: {
              version: 1,
              title: { en: 'New water connection', ur: 'نیا پانی کا کنکشن' },
              summary: { en: 'Apply', ur: 'درخواست' },
              formSchema: {},
              presentation: { fields: {} },
              endpointPath: '/applications/water',
              citizenAttributes: [],
              channels: ['web'],
            },
          },
        },
        select: { versions: { select: { id: true } } },
      })
      for (const [tracking, versionId] of [
        [`TP-${kind}`, ownVersion.id],
        [`WB-${kind}`, otherService.versions[0]?.id ?? ''],
      ] as const) {
        await db.application.create({
          data: {
            trackingNumber: tracking,
            citizenId: citizen.id,
            serviceVersionId: versionId,
            channel: 'web',
            formData: {},
            idempotencyKey: tracking,
          },
        })
      }
      const officer = gateway.clientAs({
        token: (await signInStaff(gateway.client, 'officer', password('officer'))).token,
      })
      expect((await officer.departments.applications.query()).map((application) => application.trackingNumber)).toEqual(
        [`TP-${kind}`],
      )
    })
  })

  describe('kiosks', () => {
    it('enrols with a one-time code, binds kiosk sessions to the kiosk, and is refused at once when revoked', async () => {
      const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
      const [centre] = await admin.admin.listServiceCentres.query()
      if (!centre) throw new Error('no service centre')
      const registered = await admin.admin.registerKiosk.mutate({
        serviceCentreId: centre.id,
        label: 'Hall A, kiosk 1',
      })
      expect(registered.enrolmentCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
      const enrolled = await gateway.client.kiosks.enrol.mutate({ enrolmentCode: registered.enrolmentCode })
      expect(await refusal(gateway.client.kiosks.enrol.mutate({ enrolmentCode: registered.enrolmentCode }))).toBe(
        'KIOSK_NOT_ENROLLED',
      )
      const kiosk = gateway.clientAs({ kioskCredential: enrolled.credential })
      await kiosk.kiosks.heartbeat.mutate()
      expect((await admin.admin.listKiosks.query()).find((k) => k.id === registered.kioskId)?.online).toBe(true)

      await db.otpChallenge.deleteMany({ where: { identityNumber: bilal.identityNumber } })
      const session = await signInCitizen(kiosk, db, bilal)
      expect(
        (await gateway.clientAs({ token: session.token, kioskCredential: enrolled.credential }).identity.me.query())
          .name,
      ).toBe('Muhammad Bilal')
      expect(await refusal(gateway.clientAs({ token: session.token }).identity.me.query())).toBe('SESSION_EXPIRED')
      const kioskSession = await db.session.findFirstOrThrow({ where: { kioskId: registered.kioskId } })
      expect(kioskSession).toMatchObject({ kind: 'citizen_kiosk', idleSeconds: 180 })

      await admin.admin.revokeKiosk.mutate({ kioskId: registered.kioskId })
      expect(await refusal(kiosk.catalogue.list.query())).toBe('KIOSK_NOT_ENROLLED')
      expect(await refusal(kiosk.kiosks.heartbeat.mutate())).toBe('KIOSK_NOT_ENROLLED')
      expect((await admin.admin.listKiosks.query()).find((k) => k.id === registered.kioskId)).toMatchObject({
        state: 'revoked',
        online: false,
      })
    })
  })

  describe('staff and assisted sessions', () => {
    it('refuses a wrong password without saying whether the username exists', async () => {
      expect(await refusal(signInStaff(gateway.client, 'clerk', 'not the password'))).toBe('WRONG_PASSWORD')
      expect(await refusal(signInStaff(gateway.client, 'nobody', 'not the password'))).toBe('WRONG_PASSWORD')
      const stored = await db.staff.findUniqueOrThrow({ where: { username: 'clerk' }, select: { passwordHash: true } })
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/)
    })

    it('pauses an account after 5 wrong passwords in 15 minutes, even for the right password', async () => {
      const outcomes: string[] = []
      for (let i = 0; i < 6; i++) outcomes.push(await refusal(signInStaff(gateway.client, 'officer', `guess ${i}`)))
      expect(outcomes).toEqual([...Array(5).fill('WRONG_PASSWORD'), 'LOCKED_OUT'])
      expect(await refusal(signInStaff(gateway.client, 'officer', password('officer')))).toBe('LOCKED_OUT')
    })

    it('counts wrong passwords sent all at once one by one: never more than 5 are checked', async () => {
      const passwordHash = (await db.staff.findUniqueOrThrow({ where: { username: 'clerk' } })).passwordHash
      const target = await db.staff.create({
        data: { username: `burst-${kind}`, displayName: 'Burst Target', passwordHash, role: 'clerk' },
      })
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => refusal(signInStaff(gateway.client, target.username, `guess ${i}`))),
      )
      expect(outcomes.filter((outcome) => outcome === 'WRONG_PASSWORD')).toHaveLength(5)
      expect(outcomes.filter((outcome) => outcome === 'LOCKED_OUT')).toHaveLength(15)
      expect(await refusal(signInStaff(gateway.client, target.username, password('clerk')))).toBe('LOCKED_OUT')
      // After the window, the right password works and clears the count.
      await db.staff.update({
        where: { id: target.id },
        data: { signInWindowFrom: new Date(Date.now() - 16 * 60_000) },
      })
      expect((await signInStaff(gateway.client, target.username, password('clerk'))).token).toBeTruthy()
      expect(await db.staff.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ signInFailures: 0 })
    })

    it('lets a clerk act for a citizen only with consent, records it under both names, and shows it to the citizen', async () => {
      await db.otpChallenge.deleteMany({ where: { identityNumber: imran.identityNumber } })
      const clerkSession = await signInStaff(gateway.client, 'clerk', password('clerk'))
      const clerk = gateway.clientAs({ token: clerkSession.token })

      const challenge = await clerk.assisted.requestConsent.mutate({ identityNumber: imran.identityNumber })
      expect(
        await refusal(clerk.assisted.startWithCode.mutate({ challengeId: challenge.challengeId, code: '000000' })),
      ).toMatch(/WRONG_CODE|allowed/)
      const assisted = await clerk.assisted.startWithCode.mutate({
        challengeId: challenge.challengeId,
        code: await codeSentTo(db, imran.phone),
      })
      expect(assisted.citizenName).toBe('Imran Hussain')
      expect((await clerk.assisted.overview.query({ assistedSessionId: assisted.assistedSessionId })).name).toBe(
        'Imran Hussain',
      )

      const otherClerk = await db.staff.create({
        data: {
          username: `clerk2-${kind}`,
          displayName: 'Other Clerk',
          passwordHash: (await db.staff.findUniqueOrThrow({ where: { username: 'clerk' } })).passwordHash,
          role: 'clerk',
        },
      })
      const other = gateway.clientAs({
        token: (await signInStaff(gateway.client, otherClerk.username, password('clerk'))).token,
      })
      expect(await refusal(other.assisted.overview.query({ assistedSessionId: assisted.assistedSessionId }))).toBe(
        'FORBIDDEN',
      )

      await clerk.assisted.end.mutate({ assistedSessionId: assisted.assistedSessionId })
      expect(await refusal(clerk.assisted.overview.query({ assistedSessionId: assisted.assistedSessionId }))).toBe(
        'FORBIDDEN',
      )

      const events = await db.auditEvent.findMany({
        where: { data: { not: {} }, event: { startsWith: 'assisted.' } },
        orderBy: { sequence: 'asc' },
        select: { event: true, actor: true, onBehalfOf: true },
      })
      const clerkId = (await db.staff.findUniqueOrThrow({ where: { username: 'clerk' } })).id
      const citizenId = (await db.citizen.findUniqueOrThrow({ where: { identityNumber: imran.identityNumber } })).id
      expect(events).toEqual([
        { event: 'assisted.started', actor: `staff:${clerkId}`, onBehalfOf: `citizen:${citizenId}` },
        { event: 'assisted.viewed_applications', actor: `staff:${clerkId}`, onBehalfOf: `citizen:${citizenId}` },
        { event: 'assisted.ended', actor: `staff:${clerkId}`, onBehalfOf: `citizen:${citizenId}` },
      ])

      const citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, imran)).token })
      const history = await citizen.identity.history.query()
      expect(history.assistedSessions).toHaveLength(1)
      expect(history.assistedSessions[0]).toMatchObject({
        clerkName: 'Sana Tariq',
        consent: 'one_time_code',
        actions: [
          { event: 'assisted.started' },
          { event: 'assisted.viewed_applications' },
          { event: 'assisted.ended' },
        ],
      })
    })

    it('records a checked ID card with its reason when the deployment allows it', async () => {
      const clerk = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token })
      const short = clerk.assisted.startWithIdCard.mutate({ identityNumber: ayesha.identityNumber, reason: 'no phone' })
      await expect(short).rejects.toMatchObject({ data: { code: 'INVALID_INPUT', fieldErrors: [{ field: 'reason' }] } })
      const started = await clerk.assisted.startWithIdCard.mutate({
        identityNumber: ayesha.identityNumber,
        reason: 'Citizen lost her phone; original CNIC card checked at the counter',
      })
      const entry = await db.auditEvent.findFirstOrThrow({
        where: { event: 'assisted.started' },
        orderBy: { sequence: 'desc' },
      })
      expect(entry.reason).toBe('Citizen lost her phone; original CNIC card checked at the counter')
      expect(entry.data).toMatchObject({ assistedSessionId: started.assistedSessionId, consent: 'id_card_checked' })
    })
  })

  describe('audit log', () => {
    it('holds no secrets, verifies, and reports the first entry changed behind its back', async () => {
      const entries = await db.auditEvent.findMany({ orderBy: { sequence: 'asc' } })
      expect(entries.length).toBeGreaterThan(5)
      const everything = JSON.stringify(entries)
      const codes = (await db.devSmsMessage.findMany()).map((message) => message.body.match(/\d{6}/)?.[0])
      for (const code of codes) expect(everything).not.toContain(`"${code}"`)
      for (const staff of demoStaff) expect(everything).not.toContain(staff.password)
      expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: entries.length })

      const victim = entries[2]
      if (!victim) throw new Error('too few entries')
      await db.auditEvent.update({ where: { sequence: victim.sequence }, data: { actor: 'staff:someone-else' } })
      expect(await verifyAuditLog(db)).toEqual({ ok: false, sequence: victim.sequence, problem: 'content changed' })
      await db.auditEvent.update({ where: { sequence: victim.sequence }, data: { actor: victim.actor } })
      expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: entries.length })
      await db.auditEvent.delete({ where: { sequence: victim.sequence } })
      expect(await verifyAuditLog(db)).toEqual({ ok: false, sequence: victim.sequence, problem: 'sequence gap' })
    })
  })
})
