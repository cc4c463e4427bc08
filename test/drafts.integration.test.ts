// Start here, finish there: a citizen saves an unfinished form at a kiosk, gets the link by text
// message, opens it signed in on another device, and submits; only they can open it, and it expires.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { purgeDrafts } from '@darwaza/gateway/services/drafts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { enrolledKioskCredential, fieldsRefused, refusal, signInCitizen } from './support/identity.ts'

const [ayesha, imran] = demoCitizens
if (!ayesha || !imran) throw new Error('the development registry needs demo citizens')

describe.each(databaseKinds())('unfinished forms on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let atKiosk: GatewayClient
  let atHome: GatewayClient
  let someoneElse: GatewayClient

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, { health: 'http://127.0.0.1:9' })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({
      DATABASE_URL: url,
      DELIVERY_WORKER: 'off',
      PUBLIC_URL: 'https://darwaza.example.gov.pk',
      DRAFT_DAYS: '3',
    })
    const credential = await enrolledKioskCredential(gateway, 'drafts')
    const kiosk = gateway.clientAs({ kioskCredential: credential })
    const kioskSession = await signInCitizen(kiosk, db, ayesha)
    atKiosk = gateway.clientAs({ kioskCredential: credential, token: kioskSession.token })
    atHome = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
    someoneElse = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, imran)).token })
  })

  afterAll(async () => {
    await gateway?.stop()
    await db?.$disconnect()
  })

  const unfinished = { facility: 'bhu-shadbagh', preferredDate: '', reason: 'Fev' }

  it('keeps the unfinished form, sends the link by text message, and opens it for the same citizen elsewhere', async () => {
    const saved = await atKiosk.drafts.save.mutate({
      service: 'primary-care-appointment',
      form: unfinished,
      language: 'ur',
    })
    const code = saved.resumeUrl.match(/^https:\/\/darwaza\.example\.gov\.pk\/#\/draft\?code=([A-Za-z0-9_-]{43})$/)?.[1]
    expect(code).toBeDefined()
    const days = (new Date(saved.expiresAt).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(2.9)
    expect(days).toBeLessThanOrEqual(3)

    // The link goes out through the durable message outbox, in the language the form was filled in.
    await gateway.sendNotificationsNow()
    const sms = await db.devSmsMessage.findFirstOrThrow({ where: { to: ayesha.phone }, orderBy: { createdAt: 'desc' } })
    expect(sms.body).toContain(saved.resumeUrl)
    expect(sms.body).toMatch(/^دروازہ: /)

    // Only its hash is kept.
    const stored = await db.formDraft.findUniqueOrThrow({ where: { id: saved.draftId } })
    expect(JSON.stringify(stored)).not.toContain(code)

    const opened = await atHome.drafts.open.query({ code: code ?? '' })
    expect(opened).toMatchObject({ service: 'primary-care-appointment', form: unfinished, language: 'ur' })
    expect((await atHome.drafts.mine.query()).map((draft) => draft.draftId)).toEqual([saved.draftId])

    // Someone else with the link, or without signing in, sees nothing.
    expect(await refusal(someoneElse.drafts.open.query({ code: code ?? '' }))).toBe('NOT_FOUND')
    expect(await refusal(someoneElse.drafts.open.query({ draftId: saved.draftId }))).toBe('NOT_FOUND')
    expect(await refusal(gateway.client.drafts.open.query({ code: code ?? '' }))).toBe('UNAUTHORIZED')
    expect(await someoneElse.drafts.mine.query()).toEqual([])

    await atHome.applications.submit.mutate({
      service: 'primary-care-appointment',
      form: { ...unfinished, preferredDate: '2026-12-10', reason: 'Fever' },
      idempotencyKey: `draft-finished-${kind}-0001`,
      language: 'ur',
    })
    await atHome.drafts.submitted.mutate({ draftId: saved.draftId })
    expect(await refusal(atHome.drafts.open.query({ code: code ?? '' }))).toBe('NOT_FOUND')
    expect(await atHome.drafts.mine.query()).toEqual([])
    // What was typed is not kept once the application is made.
    expect((await db.formDraft.findUniqueOrThrow({ where: { id: saved.draftId } })).formData).toEqual({})

    const audited = await db.auditEvent.findMany({
      where: { event: { startsWith: 'draft.' } },
      orderBy: { sequence: 'asc' },
      select: { event: true, actor: true, device: true },
    })
    expect(audited.map((entry) => entry.event)).toEqual(['draft.saved', 'draft.opened', 'draft.submitted'])
    expect(audited[0]?.device).toMatch(/^kiosk:/)
  })

  it('refuses answers to fields the form does not have, naming them, and keeps nothing', async () => {
    const before = await db.formDraft.count()
    const unknownField = atKiosk.drafts.save.mutate({
      service: 'primary-care-appointment',
      form: { facility: 'bhu-shadbagh', colour: 'blue' },
      language: 'en',
    })
    expect(await fieldsRefused(unknownField)).toEqual(['form.colour'])
    expect(await refusal(atKiosk.drafts.save.mutate({ service: 'water-bill', form: {}, language: 'en' }))).toBe(
      'NOT_FOUND',
    )
    expect(await db.formDraft.count()).toBe(before)
  })

  it('expires: an old draft no longer opens and is deleted', async () => {
    const saved = await atHome.drafts.save.mutate({ service: 'primary-care-appointment', form: {}, language: 'en' })
    await db.formDraft.update({ where: { id: saved.draftId }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await refusal(atHome.drafts.open.query({ draftId: saved.draftId }))).toBe('NOT_FOUND')
    expect(await atHome.drafts.mine.query()).toEqual([])
    await purgeDrafts({ db, now: () => new Date() })
    expect(await db.formDraft.findUnique({ where: { id: saved.draftId } })).toBeNull()
  })
})
