// Departments report status changes by signed callback: a real reference department acknowledges a
// delivered application on its own, its officer page approves it with a message, and the citizen's
// records and text messages follow. Forged, replayed, unknown and illegal callbacks change nothing.
import { randomUUID } from 'node:crypto'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import type { StatusCallback } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { payVoucher, refusal, signInCitizen } from './support/identity.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

const civilKey = generateSigningKeyPair('civil-registration-2026')
const civilSigner: SigningIdentity = { keyId: civilKey.keyId, privateKey: loadPrivateKey(civilKey.privateKeyPem) }
const officerPassword = 'officer-test-password'
const birthCertificate = {
  childName: 'Zainab Ali',
  dateOfBirth: '2026-10-30',
  sex: 'female',
  placeOfBirth: 'Services Hospital, Lahore',
  fatherIdentityNumber: '3520212345671',
  motherIdentityNumber: '3520198765432',
}

describe.each(databaseKinds())('status callbacks on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let civil: RunningDepartment
  let civilUrl: string
  let citizen: GatewayClient
  const callbacks = { gatewayUrl: '' }

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    civil = createReferenceDepartment('civil-registration', {
      dataDir: scratchFolder(),
      gatewayKeys: testGatewayKeys,
      signer: civilSigner,
      callbacks,
      officerPassword,
    })
    civilUrl = await civil.listen(0)
    await seedDemoCatalogue(
      db,
      { 'civil-registration': civilUrl },
      {
        ...testDepartmentKeys(['education']),
        'civil-registration': { keyId: civilKey.keyId, publicKey: civilKey.publicKey },
      },
    )
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off' })
    callbacks.gatewayUrl = gateway.url
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await civil.close()
    await db.$disconnect()
  })

  const submit = (language: 'en' | 'ur' = 'en') =>
    citizen.applications.submit.mutate({
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: `status-${randomUUID()}`,
      language,
    })
  const statusOf = async (trackingNumber: string) =>
    (await db.application.findUniqueOrThrow({ where: { trackingNumber } })).status
  const waitForStatus = async (trackingNumber: string, status: string) => {
    for (let tries = 0; tries < 50 && (await statusOf(trackingNumber)) !== status; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return statusOf(trackingNumber)
  }

  async function callback(body: StatusCallback, signer: SigningIdentity | null = civilSigner) {
    const url = `${gateway.url}/federation/v1/status`
    const text = JSON.stringify(body)
    const headers = { 'content-type': 'application/json', 'x-request-id': randomUUID() }
    const sent = signer ? await signRequest({ method: 'POST', url, headers, body: text }, signer) : headers
    const response = await fetch(url, { method: 'POST', headers: sent, body: text })
    return { status: response.status, json: (await response.json()) as { outcome?: string; error?: { code: string } } }
  }
  const report = (trackingNumber: string, status: StatusCallback['status']): StatusCallback => ({
    department: 'civil-registration',
    trackingNumber,
    status,
    occurredAt: new Date().toISOString(),
  })

  it('the department acknowledges a delivery, its officer approves it, and the citizen sees and is told', async () => {
    const submitted = await submit('en')
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    expect(await waitForStatus(submitted.trackingNumber, 'received')).toBe('received')

    const officer = { authorization: `Basic ${btoa(`officer:${officerPassword}`)}` }
    expect((await fetch(`${civilUrl}/officer`)).status).toBe(401)
    const page = await (await fetch(`${civilUrl}/officer`, { headers: officer })).text()
    expect(page).toContain(submitted.trackingNumber)
    const approved = await fetch(`${civilUrl}/officer/status`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        trackingNumber: submitted.trackingNumber,
        status: 'approved',
        messageEn: 'Collect the certificate from Union Council 12.',
        messageUr: 'سرٹیفکیٹ یونین کونسل 12 سے وصول کریں۔',
      }),
      redirect: 'manual',
    })
    expect(approved.status).toBe(303)
    expect(decodeURIComponent(approved.headers.get('location') ?? '')).toContain('is now approved')
    expect(await statusOf(submitted.trackingNumber)).toBe('approved')

    // The department completes it, issuing the certificate; the citizen downloads it through the gateway.
    const completed = await fetch(`${civilUrl}/officer/status`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        trackingNumber: submitted.trackingNumber,
        status: 'completed',
        issueDocument: 'yes',
      }),
      redirect: 'manual',
    })
    expect(decodeURIComponent(completed.headers.get('location') ?? '')).toContain('is now completed')
    const certificate = await citizen.applications.issuedDocument.query({ trackingNumber: submitted.trackingNumber })
    expect(certificate).toMatchObject({ name: { en: 'Birth certificate' }, mediaType: 'application/pdf' })
    const pdfText = Buffer.from(certificate.base64, 'base64').toString('latin1')
    expect(pdfText.startsWith('%PDF-')).toBe(true)
    expect(pdfText).toContain(submitted.trackingNumber)
    const issued = await db.applicationStatusChange.findFirstOrThrow({
      where: { application: { trackingNumber: submitted.trackingNumber }, toStatus: 'completed' },
    })
    // Only the gateway's signed request gets the document from the department.
    expect((await fetch((issued.document as { url: string }).url)).status).toBe(401)

    const history = await citizen.identity.history.query()
    const mine = history.applications.find((application) => application.trackingNumber === submitted.trackingNumber)
    expect(mine?.timeline.map((step) => step.status)).toEqual(['submitted', 'received', 'approved', 'completed'])
    expect(mine?.timeline.at(-2)?.message).toEqual({
      en: 'Collect the certificate from Union Council 12.',
      ur: 'سرٹیفکیٹ یونین کونسل 12 سے وصول کریں۔',
    })

    expect(await gateway.sendNotificationsNow()).toBeGreaterThanOrEqual(4)
    const texts = (await db.devSmsMessage.findMany({ where: { to: ayesha.phone }, orderBy: { createdAt: 'asc' } }))
      .map((message) => message.body)
      .filter((body) => body.includes(submitted.trackingNumber))
    expect(texts).toEqual([
      `Darwaza: your application for Register a birth and get a birth certificate is submitted. Tracking number ${submitted.trackingNumber}.`,
      `Darwaza: the department has received your application ${submitted.trackingNumber} (Register a birth and get a birth certificate).`,
      `Darwaza: your application ${submitted.trackingNumber} (Register a birth and get a birth certificate) is approved.`,
      // The department wrote its own message for this service's last step.
      `Darwaza: the birth certificate for ${submitted.trackingNumber} is issued. Download it from My records.`,
    ])
    // The registry knows Ayesha's e-mail address: each message goes there too, with a subject.
    const mails = (
      await db.devEmailMessage.findMany({ where: { to: ayesha.email }, orderBy: { createdAt: 'asc' } })
    ).filter((mail) => mail.body.includes(submitted.trackingNumber))
    expect(mails.map((mail) => mail.body)).toEqual(texts)
    expect(mails[0]?.subject).toBe(`Darwaza: your application ${submitted.trackingNumber}`)
    const inbox = await (await fetch(`${gateway.url}/dev/mail`)).text()
    expect(inbox).toContain(`Darwaza: your application ${submitted.trackingNumber}`)
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: 'application.status_changed' },
      orderBy: { sequence: 'desc' },
    })
    expect(audit.actor).toBe('department:civil-registration')
    expect(JSON.stringify(audit.data)).toContain(civilKey.keyId)
  })

  it('sends the messages in the language the citizen applied in', async () => {
    const submitted = await submit('ur')
    await gateway.sendNotificationsNow()
    const text = await db.devSmsMessage.findFirst({ where: { body: { contains: submitted.trackingNumber } } })
    expect(text?.body).toContain('آپ کی درخواست جمع ہو گئی')
  })

  it('refuses forged, unsigned, replayed, unknown and illegal callbacks, and changes nothing', async () => {
    const submitted = await submit()
    const tracking = submitted.trackingNumber

    const forger = generateSigningKeyPair(civilKey.keyId)
    const forged = await callback(report(tracking, 'approved'), {
      keyId: forger.keyId,
      privateKey: loadPrivateKey(forger.privateKeyPem),
    })
    expect(forged).toMatchObject({ status: 401, json: { error: { code: 'unauthorized' } } })
    expect((await callback(report(tracking, 'approved'), null)).status).toBe(401)
    expect(await statusOf(tracking)).toBe('submitted')

    // The same signed request sent twice: the second is a replay.
    const url = `${gateway.url}/federation/v1/status`
    const text = JSON.stringify(report(tracking, 'in_review'))
    const headers = await signRequest(
      {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() },
        body: text,
      },
      civilSigner,
    )
    expect((await fetch(url, { method: 'POST', headers, body: text })).status).toBe(200)
    const replayed = await fetch(url, { method: 'POST', headers, body: text })
    expect(replayed.status).toBe(409)
    expect(((await replayed.json()) as { error: { code: string } }).error.code).toBe('replayed')
    expect(await db.applicationStatusChange.count({ where: { application: { trackingNumber: tracking } } })).toBe(2)

    expect(await callback(report('DZ-0000-0000-0', 'approved'))).toMatchObject({
      status: 404,
      json: { error: { code: 'unknown_application' } },
    })
    expect(await callback({ ...report(tracking, 'approved'), department: 'health' })).toMatchObject({ status: 401 })

    expect(await callback(report(tracking, 'completed'))).toMatchObject({
      status: 409,
      json: { error: { code: 'illegal_transition' } },
    })
    expect(await callback(report(tracking, 'in_review'))).toMatchObject({
      status: 200,
      json: { outcome: 'already_recorded' },
    })
    expect(await callback(report(tracking, 'rejected'))).toMatchObject({ status: 200, json: { outcome: 'recorded' } })
    expect(await callback(report(tracking, 'approved'))).toMatchObject({ status: 409 })
    expect(await statusOf(tracking)).toBe('rejected')

    const malformed = await callback({ ...report(tracking, 'approved'), status: 'lost' as 'approved' })
    expect(malformed).toMatchObject({ status: 400, json: { error: { code: 'invalid' } } })
  })

  it('refuses a callback signed outside the time window, an hour old or from the future, and changes nothing', async () => {
    const submitted = await submit()
    const tracking = submitted.trackingNumber
    const url = `${gateway.url}/federation/v1/status`
    const signedAt = async (at: Date) => {
      const text = JSON.stringify(report(tracking, 'in_review'))
      const headers = await signRequest(
        {
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() },
          body: text,
        },
        civilSigner,
        at,
      )
      const response = await fetch(url, { method: 'POST', headers, body: text })
      return { status: response.status, json: (await response.json()) as { error?: { code: string } } }
    }
    expect(await signedAt(new Date(Date.now() - 3_600_000))).toMatchObject({
      status: 401,
      json: { error: { code: 'unauthorized' } },
    })
    expect(await signedAt(new Date(Date.now() + 3_600_000))).toMatchObject({ status: 401 })
    expect(await statusOf(tracking)).toBe('submitted')
    expect(await db.applicationStatusChange.count({ where: { application: { trackingNumber: tracking } } })).toBe(1)
    expect((await signedAt(new Date())).status).toBe(200)
  })

  it('keeps the timeline in order and out of the future whatever time the department reports', async () => {
    const submitted = await submit()
    const tracking = submitted.trackingNumber
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString()
    expect(await callback({ ...report(tracking, 'in_review'), occurredAt: future })).toMatchObject({ status: 200 })
    const long = new Date('2001-01-01T00:00:00Z').toISOString()
    expect(await callback({ ...report(tracking, 'approved'), occurredAt: long })).toMatchObject({ status: 200 })
    const steps = await db.applicationStatusChange.findMany({
      where: { application: { trackingNumber: tracking } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { toStatus: true, at: true },
    })
    expect(steps.map((step) => step.toStatus)).toEqual(['submitted', 'in_review', 'approved'])
    expect(steps.every((step) => step.at.getTime() <= Date.now())).toBe(true)
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { event: 'application.status_changed' },
      orderBy: { sequence: 'desc' },
      select: { data: true },
    })
    expect(audited.data).toMatchObject({ to: 'approved', reportedAt: long })
  })

  it('the citizen answers a request for more information, and the department takes it back into review', async () => {
    const submitted = await submit('en')
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    expect(await waitForStatus(submitted.trackingNumber, 'received')).toBe('received')
    const key = `answer-${randomUUID()}`
    const answer = (message: string) =>
      citizen.applications.answer.mutate({ trackingNumber: submitted.trackingNumber, message, idempotencyKey: key })
    expect(await refusal(answer('too early'))).toBe('SERVICE_NOT_AVAILABLE')

    const asked = await callback({
      ...report(submitted.trackingNumber, 'needs_information'),
      message: { en: 'Send the hospital slip number.', ur: 'ہسپتال کی پرچی کا نمبر بھیجیں۔' },
    })
    expect(asked.status).toBe(200)
    expect(await answer('The slip number is SH-2026-4471.')).toMatchObject({ outcome: 'sent' })
    expect(await answer('The slip number is SH-2026-4471.')).toMatchObject({ outcome: 'already_sent' })
    await gateway.deliverNow()
    expect(await waitForStatus(submitted.trackingNumber, 'in_review')).toBe('in_review')
    const entries = await db.outboxEntry.findMany({
      where: { application: { trackingNumber: submitted.trackingNumber } },
    })
    expect(entries.map((entry) => [entry.kind, entry.state]).sort()).toEqual([
      ['deliver_answer', 'delivered'],
      ['deliver_application', 'delivered'],
    ])
  })

  it('asks a department that cannot call back for its statuses, and records the changes', async () => {
    const education = createReferenceDepartment('education', {
      dataDir: scratchFolder(),
      gatewayKeys: testGatewayKeys,
      signer: testDepartmentSigner('education'),
      officerPassword,
    })
    const educationUrl = await education.listen(0)
    try {
      await db.department.update({ where: { code: 'education' }, data: { baseUrl: educationUrl, statusPolling: true } })
      const submitted = await citizen.applications.submit.mutate({
        service: 'school-registration',
        form: { childName: 'Ahmed Raza', dateOfBirth: '2020-03-14', bFormNumber: '3520123456789', grade: '1' },
        idempotencyKey: `poll-${randomUUID()}`,
        language: 'en',
      })
      await gateway.deliverNow()
      expect(await gateway.pollStatusesNow()).toBe(0)

      const officer = { authorization: `Basic ${btoa(`officer:${officerPassword}`)}` }
      const approve = await fetch(`${educationUrl}/officer/status`, {
        method: 'POST',
        headers: { ...officer, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          trackingNumber: submitted.trackingNumber,
          status: 'approved',
          messageEn: 'Report to Government Model School, Gulberg, on Monday.',
          messageUr: 'پیر کو گورنمنٹ ماڈل اسکول، گلبرگ میں رپورٹ کریں۔',
          issueDocument: 'yes',
        }),
        redirect: 'manual',
      })
      expect(approve.status).toBe(303)
      expect(await statusOf(submitted.trackingNumber)).toBe('submitted')
      expect(await gateway.pollStatusesNow()).toBe(1)
      expect(await statusOf(submitted.trackingNumber)).toBe('approved')
      expect(await gateway.pollStatusesNow()).toBe(0)
      const change = await db.applicationStatusChange.findFirstOrThrow({
        where: { application: { trackingNumber: submitted.trackingNumber }, toStatus: 'approved' },
      })
      expect(change.source).toBe('department:education')
      // The officer's message and the issued document come with the polled status too.
      expect(change.message).toEqual({
        en: 'Report to Government Model School, Gulberg, on Monday.',
        ur: 'پیر کو گورنمنٹ ماڈل اسکول، گلبرگ میں رپورٹ کریں۔',
      })
      const letter = await citizen.applications.issuedDocument.query({ trackingNumber: submitted.trackingNumber })
      expect(Buffer.from(letter.base64, 'base64').toString('latin1')).toContain(submitted.trackingNumber)
      expect(
        await db.notification.count({
          where: { channel: 'sms', body: { contains: `${submitted.trackingNumber} (Register` } },
        }),
      ).toBe(1)
    } finally {
      await education.close()
    }
  })
})
