// The service centre's queue over real HTTP, on SQLite and PostgreSQL: a kiosk issues numbered
// tickets with an estimated wait, clerks call them to their counters (never the same one twice),
// the hall display follows live, an assisted session links the ticket to the citizen and their
// application, and the day's figures are published as open data.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import {
  codeSentTo,
  demoPassword as password,
  enrolledKioskCredential,
  fieldsRefused,
  refusal,
  signInStaff,
} from './support/identity.ts'
import { readServerSentEvents } from './support/server-sent-events.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

describe.each(databaseKinds())('service centre queue on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let kiosk: GatewayClient
  let otherCentreKiosk: GatewayClient
  let clerk: GatewayClient
  let clerk2: GatewayClient

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, { health: 'http://127.0.0.1:9' })
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off', HALL_BOARD_REFRESH_MS: '200' })
    const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
    const [centre] = await admin.admin.listServiceCentres.query()
    if (!centre) throw new Error('seed missing')
    const other = await admin.admin.createServiceCentre.mutate({
      code: 'karachi-saddar',
      name: { en: 'Saddar Service Centre, Karachi', ur: 'صدر سروس سینٹر، کراچی' },
    })
    const enrolledAt = async (serviceCentreId: string) =>
      gateway.clientAs({ kioskCredential: await enrolledKioskCredential(gateway, 'queue test', serviceCentreId) })
    kiosk = await enrolledAt(centre.id)
    otherCentreKiosk = await enrolledAt(other.id)
    clerk = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk', password('clerk'))).token })
    clerk2 = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk2', password('clerk2'))).token })
  })

  afterAll(async () => {
    await gateway?.stop()
    await db?.$disconnect()
  })

  it('issues numbered tickets at a kiosk, each told how many are ahead and how long the wait is', async () => {
    const first = await kiosk.queue.takeTicket.mutate({ category: 'health', language: 'ur' })
    const second = await kiosk.queue.takeTicket.mutate({ category: 'vehicles_and_transport', language: 'en' })
    const third = await kiosk.queue.takeTicket.mutate({ category: 'health', language: 'en' })
    expect([first.number, second.number, third.number]).toEqual(['H-001', 'V-002', 'H-003'])
    expect([first.waitingAhead, second.waitingAhead, third.waitingAhead]).toEqual([0, 1, 2])
    // Nobody ahead: no wait. Then the default handling times (health 5, vehicles 8) of those ahead.
    expect([first.estimatedWaitMinutes, second.estimatedWaitMinutes, third.estimatedWaitMinutes]).toEqual([0, 5, 13])
    expect(first.serviceCentre.en).toBe('Gulberg Service Centre, Lahore')
    // Another centre counts its own tickets.
    const elsewhere = await otherCentreKiosk.queue.takeTicket.mutate({ category: 'health', language: 'en' })
    expect(elsewhere).toMatchObject({ number: 'H-001', waitingAhead: 0 })
  })

  it('refuses a ticket for a category that does not exist, naming the field', async () => {
    expect(
      await fieldsRefused(kiosk.queue.takeTicket.mutate({ category: 'astrology' as 'health', language: 'en' })),
    ).toEqual(['category'])
    expect(await db.queueTicket.count({ where: { category: 'health' } })).toBe(3)
  })

  it('calls the oldest ticket to the counter, never the same ticket to two counters', async () => {
    const before = await clerk.queue.forClerk.query()
    expect(before.waiting.map((ticket) => ticket.number)).toEqual(['H-001', 'V-002', 'H-003'])
    expect(before.mine).toBeNull()

    const [one, two] = await Promise.all([
      clerk.queue.callNext.mutate({ counter: '1' }),
      clerk2.queue.callNext.mutate({ counter: '2' }),
    ])
    expect([one?.number, two?.number].sort()).toEqual(['H-001', 'V-002'])
    expect(one).toMatchObject({ state: 'called', counter: '1', timesCalled: 1 })
    expect((await clerk.queue.forClerk.query()).mine?.id).toBe(one?.id)
    expect((await clerk.queue.forClerk.query()).waiting.map((ticket) => ticket.number)).toEqual(['H-003'])

    // One ticket at a time per counter.
    expect(await refusal(clerk.queue.callNext.mutate({ counter: '1' }))).toBe('INVALID_INPUT')
    // A ticket is moved only by the counter that called it.
    expect(await refusal(clerk2.queue.finish.mutate({ ticketId: one?.id ?? '' }))).toBe('FORBIDDEN')

    const recalled = await clerk.queue.recall.mutate({ ticketId: one?.id ?? '' })
    expect(recalled.timesCalled).toBe(2)
    const gone = await clerk2.queue.noShow.mutate({ ticketId: two?.id ?? '' })
    expect(gone.state).toBe('no_show')
    expect(await refusal(clerk2.queue.recall.mutate({ ticketId: two?.id ?? '' }))).toBe('INVALID_INPUT')
    await clerk.queue.finish.mutate({ ticketId: one?.id ?? '' })

    const audited = await db.auditEvent.findMany({
      where: { event: { startsWith: 'queue.' } },
      select: { event: true },
    })
    expect(audited.map((entry) => entry.event).sort()).toEqual([
      'queue.called',
      'queue.called',
      'queue.finish',
      'queue.no_show',
      'queue.recall',
    ])
  })

  it('shows the calls on the waiting hall display as they happen, with no names', async () => {
    const events = readServerSentEvents(
      `${gateway.url}/trpc/queue.watchBoard?input=${encodeURIComponent(JSON.stringify({ centre: 'lahore-gulberg' }))}`,
    )
    try {
      const initial = (await events.next()) as { called: { number: string; counter: string }[]; waiting: number }
      expect(initial.waiting).toBe(1)
      const called = await clerk2.queue.callNext.mutate({ counter: '2' })
      expect(called?.number).toBe('H-003')
      const updated = (await events.next()) as typeof initial & { serviceCentre: { en: string } }
      expect(updated.called[0]).toMatchObject({ number: 'H-003', counter: '2' })
      expect(updated.waiting).toBe(0)
      expect(JSON.stringify(updated)).not.toMatch(/Ayesha|citizen|identity/i)
      await clerk2.queue.finish.mutate({ ticketId: called?.id ?? '' })
    } finally {
      events.close()
    }
    expect(await refusal(gateway.client.queue.board.query({ centre: 'nowhere' }))).toBe('NOT_FOUND')
  })

  it('links the ticket to the citizen and the application made in the assisted session, and ends it with the session', async () => {
    await kiosk.queue.takeTicket.mutate({ category: 'health', language: 'en' })
    const called = await clerk.queue.callNext.mutate({ counter: '1' })
    if (!called) throw new Error('no ticket called')
    // Another clerk's ticket cannot be used, and the citizen's code is not spent on the attempt.
    const challenge = await clerk2.assisted.requestConsent.mutate({ identityNumber: ayesha.identityNumber })
    const code = await codeSentTo(db, ayesha.phone)
    expect(
      await refusal(
        clerk2.assisted.startWithCode.mutate({ challengeId: challenge.challengeId, code, ticketId: called.id }),
      ),
    ).toBe('INVALID_INPUT')
    const own = await clerk.assisted.requestConsent.mutate({ identityNumber: ayesha.identityNumber })
    const assisted = await clerk.assisted.startWithCode.mutate({
      challengeId: own.challengeId,
      code: await codeSentTo(db, ayesha.phone),
      ticketId: called.id,
    })
    expect((await clerk.queue.forClerk.query()).mine).toMatchObject({ id: called.id, state: 'serving' })

    const submitted = await clerk.assisted.submit.mutate({
      assistedSessionId: assisted.assistedSessionId,
      service: 'primary-care-appointment',
      idempotencyKey: `queue-ticket-${kind}-0001`,
      language: 'en',
      form: { facility: 'bhu-kot-lakhpat', preferredDate: '2026-12-10', reason: 'Check-up' },
    })
    await clerk.assisted.end.mutate({ assistedSessionId: assisted.assistedSessionId })

    const ticket = await db.queueTicket.findUniqueOrThrow({
      where: { id: called.id },
      select: { state: true, citizenId: true, assistedSessionId: true, finishedAt: true },
    })
    const application = await db.application.findUniqueOrThrow({
      where: { trackingNumber: submitted.trackingNumber },
      select: { citizenId: true, assistedSessionId: true },
    })
    expect(ticket.state).toBe('done')
    expect(ticket.finishedAt).not.toBeNull()
    expect(ticket.citizenId).toBe(application.citizenId)
    expect(ticket.assistedSessionId).toBe(application.assistedSessionId)
    const started = await db.auditEvent.findFirstOrThrow({
      where: { event: 'assisted.started' },
      orderBy: { sequence: 'desc' },
      select: { data: true },
    })
    expect(started.data).toMatchObject({ ticketId: called.id, ticketNumber: called.number })
  })

  it('publishes each centre’s waits and citizens served as open data', async () => {
    const response = await fetch(`${gateway.url}/open-data/service-centres.csv`)
    expect(response.status).toBe(200)
    const [header, ...rows] = (await response.text()).trim().split('\r\n')
    expect(header).toBe(
      'service_centre,service_centre_name_en,service_centre_name_ur,day,tickets_issued,citizens_served,no_shows,median_wait_minutes,p90_wait_minutes,served_per_hour',
    )
    const lahore = rows.find((row) => row.startsWith('lahore-gulberg,'))
    // Issued 4, served 3, one did not come; the name's comma is quoted.
    expect(lahore).toMatch(
      /^lahore-gulberg,"Gulberg Service Centre, Lahore",[^,]+,\d{4}-\d{2}-\d{2},4,3,1,[\d.]+,[\d.]+,[\d.]+$/,
    )
    const json = (await (await fetch(`${gateway.url}/open-data/service-centres.json`)).json()) as {
      rows: { serviceCentre: string; issued: number; served: number; medianWaitMinutes: number }[]
    }
    expect(json.rows.find((row) => row.serviceCentre === 'karachi-saddar')).toMatchObject({ issued: 1, served: 0 })
    expect(json.rows.find((row) => row.serviceCentre === 'lahore-gulberg')?.medianWaitMinutes).toBeGreaterThanOrEqual(0)
  })
})
