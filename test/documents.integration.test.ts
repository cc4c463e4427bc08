// Documents: citizens upload images and PDFs (type read from the bytes, size limited), attach them to
// the required documents a service asks for, and the department fetches them by reference with a
// signed request; nobody else can. A real reference department lists them on its officer page and
// shows the signed-in officer each one, fetched signed from the gateway and checked by its SHA-256.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generateSigningKeyPair, loadPrivateKey, signRequest } from '@darwaza/contracts/department-protocol/signatures'
import { ApplicationDelivery, InformationAnswer } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { codeSentTo, payVoucher, refusal, signInCitizen, signInStaff } from './support/identity.ts'
import { json, startStubDepartment, type StubDepartment } from './support/stub-department.ts'

const [ayesha, bilal] = demoCitizens
if (!ayesha || !bilal) throw new Error('the development registry needs demo citizens')

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64),
])
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])
const birthCertificate = {
  childName: 'Zainab Ali',
  dateOfBirth: '2026-10-30',
  sex: 'female',
  placeOfBirth: 'Services Hospital, Lahore',
  fatherIdentityNumber: '3520212345671',
  motherIdentityNumber: '3520198765432',
}
const civilKey = generateSigningKeyPair('civil-registration-docs')
const healthKey = generateSigningKeyPair('health-docs')
const civilSigner = { keyId: civilKey.keyId, privateKey: loadPrivateKey(civilKey.privateKeyPem) }

describe.each(databaseKinds())('documents on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let civil: StubDepartment
  let citizen: GatewayClient
  const documentsDir = path.join(scratchFolder(), 'documents')

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    civil = await startStubDepartment(
      (request, response) => {
        if (request.url.endsWith('/answers')) {
          const answer = InformationAnswer.parse(JSON.parse(request.body))
          return json(response, 200, { outcome: 'accepted', departmentReference: `CR-${answer.trackingNumber}` })
        }
        const delivery = ApplicationDelivery.parse(JSON.parse(request.body))
        json(response, 200, { outcome: 'accepted', departmentReference: `CR-${delivery.trackingNumber}` })
      },
      { signer: civilSigner },
    )
    await seedDemoCatalogue(
      db,
      { 'civil-registration': civil.url },
      {
        'civil-registration': { keyId: civilKey.keyId, publicKey: civilKey.publicKey },
        health: { keyId: healthKey.keyId, publicKey: healthKey.publicKey },
      },
    )
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({
      DATABASE_URL: url,
      DELIVERY_WORKER: 'off',
      DOCUMENTS_DIR: documentsDir,
      DOCUMENT_MAX_BYTES: '4096',
    })
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await civil.close()
    await db.$disconnect()
  })

  const upload = (client: GatewayClient, name: string, bytes: Buffer) =>
    client.documents.upload.mutate({ name, contentBase64: bytes.toString('base64') })

  it('keeps images and PDFs, content-addressed, and refuses other types and oversized files by their bytes', async () => {
    const image = await upload(citizen, 'slip.png', png)
    expect(image).toMatchObject({ mediaType: 'image/png', size: png.length })
    expect(image.sha256).toBe(createHash('sha256').update(png).digest('hex'))
    expect(existsSync(path.join(documentsDir, image.sha256.slice(0, 2), image.sha256))).toBe(true)
    expect(await upload(citizen, 'cnic.pdf', pdf)).toMatchObject({ mediaType: 'application/pdf' })

    const disguised = upload(citizen, 'innocent.pdf', exe)
    const error = (await disguised.catch((caught: unknown) => caught)) as {
      data: { fieldErrors: { field: string; reason: string }[] }
    }
    expect(error.data.fieldErrors).toMatchObject([{ field: 'content', reason: 'not_allowed' }])
    expect(await refusal(upload(citizen, 'notes.txt', Buffer.from('just text')))).toBe('INVALID_INPUT')
    const big = upload(citizen, 'big.pdf', Buffer.concat([pdf, Buffer.alloc(5000)]))
    const tooBig = (await big.catch((caught: unknown) => caught)) as { data: { fieldErrors: { reason: string }[] } }
    expect(tooBig.data.fieldErrors).toMatchObject([{ reason: 'too_large' }])
    expect(
      await refusal(gateway.client.documents.upload.mutate({ name: 'x.png', contentBase64: png.toString('base64') })),
    ).toBe('UNAUTHORIZED')
  })

  it('sends documents by reference; the department fetches them signed, nobody else can', async () => {
    const slip = await upload(citizen, 'slip.png', png)
    const submit = (documents: { documentId: string; requirement: string }[]) =>
      citizen.applications.submit.mutate({
        service: 'birth-certificate',
        form: birthCertificate,
        idempotencyKey: `docs-${randomUUID()}`,
        documents,
      })
    expect(await refusal(submit([{ documentId: slip.id, requirement: 'Nikah nama' }]))).toBe('INVALID_INPUT')
    const other = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, bilal)).token })
    const theirs = await upload(other, 'theirs.png', png)
    expect(
      await refusal(submit([{ documentId: theirs.id, requirement: 'Birth slip from the hospital or midwife' }])),
    ).toBe('INVALID_INPUT')

    const submitted = await submit([{ documentId: slip.id, requirement: 'Birth slip from the hospital or midwife' }])
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    const delivery = ApplicationDelivery.parse(JSON.parse(civil.requests.at(-1)?.body ?? '{}'))
    expect(delivery.documents).toMatchObject([
      { requirement: 'Birth slip from the hospital or midwife', mediaType: 'image/png', sha256: slip.sha256 },
    ])
    const url = `${gateway.url}/federation/v1/documents/${slip.sha256}`

    const fetchAs = async (department: string, key: typeof civilKey | null) => {
      const headers = { 'x-request-id': randomUUID(), 'x-darwaza-department': department }
      const signed = key
        ? await signRequest(
            { method: 'GET', url, headers, body: '' },
            {
              keyId: key.keyId,
              privateKey: loadPrivateKey(key.privateKeyPem),
            },
          )
        : headers
      return fetch(url, { headers: signed })
    }
    const fetched = await fetchAs('civil-registration', civilKey)
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await fetched.arrayBuffer()).equals(png)).toBe(true)
    expect((await fetchAs('civil-registration', null)).status).toBe(401)
    expect((await fetchAs('civil-registration', healthKey)).status).toBe(401)
    expect((await fetchAs('health', healthKey)).status).toBe(404)
    expect((await fetch(url)).status).toBe(401)
  })
  it('refuses a replayed signed document request (the same nonce from the same department), as for callbacks', async () => {
    const slip = await upload(citizen, 'replayed-slip.png', Buffer.concat([png, Buffer.from('replay')]))
    const submitted = await citizen.applications.submit.mutate({
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: `docs-${randomUUID()}`,
      documents: [{ documentId: slip.id, requirement: 'Birth slip from the hospital or midwife' }],
    })
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    const url = `${gateway.url}/federation/v1/documents/${slip.sha256}`
    const signer = { keyId: civilKey.keyId, privateKey: loadPrivateKey(civilKey.privateKeyPem) }
    const sign = () =>
      signRequest(
        {
          method: 'GET',
          url,
          headers: { 'x-request-id': randomUUID(), 'x-darwaza-department': 'civil-registration' },
          body: '',
        },
        signer,
      )
    const signed = await sign()
    const first = await fetch(url, { headers: signed })
    expect(first.status).toBe(200)
    await first.arrayBuffer()

    const replayed = await fetch(url, { headers: signed })
    expect(replayed.status).toBe(409)
    const refused = (await replayed.json()) as { error: { code: string } }
    expect(refused.error.code).toBe('replayed')
    expect(replayed.headers.get('content-type')).not.toBe('image/png')
    // A fresh signature (a new nonce) from the same department is served again.
    expect((await fetch(url, { headers: await sign() })).status).toBe(200)
  })
  it('sends documents with an answer to a request for more information, fetchable by the department', async () => {
    const submitted = await citizen.applications.submit.mutate({
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: `docs-${randomUUID()}`,
    })
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    // The department asks for more information (its signed callback is tested elsewhere).
    await db.application.update({
      where: { trackingNumber: submitted.trackingNumber },
      data: { status: 'needs_information' },
    })
    const letter = await upload(citizen, 'nikah-nama.pdf', pdf)
    const answer = (documentIds: string[]) =>
      citizen.applications.answer.mutate({
        trackingNumber: submitted.trackingNumber,
        message: 'The Nikah nama is attached.',
        idempotencyKey: `answer-${randomUUID()}`,
        documentIds,
      })
    const other = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, bilal)).token })
    const theirs = await upload(other, 'theirs.pdf', Buffer.concat([pdf, Buffer.from('%bilal\n')]))
    expect(await refusal(answer([theirs.id]))).toBe('INVALID_INPUT')

    await answer([letter.id])
    await gateway.deliverNow()
    const delivered = InformationAnswer.parse(JSON.parse(civil.requests.at(-1)?.body ?? '{}'))
    expect(delivered.documents).toMatchObject([
      { requirement: 'answer', name: 'nikah-nama.pdf', mediaType: 'application/pdf', sha256: letter.sha256 },
    ])
    expect(delivered.documents?.[0]?.url).toMatch(new RegExp(`/federation/v1/documents/${letter.sha256}$`))
    const url = `${gateway.url}/federation/v1/documents/${letter.sha256}`
    const headers = await signRequest(
      {
        method: 'GET',
        url,
        headers: { 'x-request-id': randomUUID(), 'x-darwaza-department': 'civil-registration' },
        body: '',
      },
      { keyId: civilKey.keyId, privateKey: loadPrivateKey(civilKey.privateKeyPem) },
    )
    const fetched = await fetch(url, { headers })
    expect(fetched.status).toBe(200)
    expect(Buffer.from(await fetched.arrayBuffer()).equals(pdf)).toBe(true)
  })
  it('lets a clerk upload what the citizen brought to the counter, for the citizen, audited', async () => {
    const password = demoStaff.find((staff) => staff.username === 'clerk')?.password ?? ''
    const clerk = gateway.clientAs({ token: (await signInStaff(gateway.client, 'clerk', password)).token })
    const challenge = await clerk.assisted.requestConsent.mutate({ identityNumber: bilal.identityNumber })
    const session = await clerk.assisted.startWithCode.mutate({
      challengeId: challenge.challengeId,
      code: await codeSentTo(db, bilal.phone),
    })
    const scan = Buffer.concat([png, Buffer.from('counter scan')])
    expect(
      await refusal(
        clerk.assisted.uploadDocument.mutate({
          assistedSessionId: 'no-such-session',
          name: 'slip.png',
          contentBase64: scan.toString('base64'),
        }),
      ),
    ).toBe('FORBIDDEN')
    const uploaded = await clerk.assisted.uploadDocument.mutate({
      assistedSessionId: session.assistedSessionId,
      name: 'slip.png',
      contentBase64: scan.toString('base64'),
    })
    const kept = await db.document.findUniqueOrThrow({ where: { id: uploaded.id } })
    expect((await db.citizen.findUniqueOrThrow({ where: { id: kept.citizenId } })).identityNumber).toBe(
      bilal.identityNumber,
    )
    const audit = await db.auditEvent.findFirstOrThrow({ where: { event: 'document.uploaded' } })
    expect(audit.onBehalfOf).toBe(`citizen:${kept.citizenId}`)
    expect(audit.actor).toMatch(/^staff:/)

    const submitted = await clerk.assisted.submit.mutate({
      assistedSessionId: session.assistedSessionId,
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: `docs-${randomUUID()}`,
      documents: [{ documentId: uploaded.id, requirement: 'Birth slip from the hospital or midwife' }],
    })
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    const delivery = ApplicationDelivery.parse(JSON.parse(civil.requests.at(-1)?.body ?? '{}'))
    expect(delivery.trackingNumber).toBe(submitted.trackingNumber)
    expect(delivery.documents).toMatchObject([{ sha256: uploaded.sha256, mediaType: 'image/png' }])
  })
})

describe.each(databaseKinds())('a reference department opening delivered documents on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let civil: RunningDepartment
  let civilUrl: string
  let citizen: GatewayClient
  const dataDir = scratchFolder()
  const documentsDir = path.join(scratchFolder(), 'documents')
  const officerPassword = 'officer-documents-password'
  const officer = { authorization: `Basic ${btoa(`officer:${officerPassword}`)}` }
  // The department signs its document fetches with the key it signs its answers and callbacks with.
  const callbacks = { gatewayUrl: '' }
  const requirement = 'Birth slip from the hospital or midwife'

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    civil = createReferenceDepartment('civil-registration', {
      dataDir,
      gatewayKeys: testGatewayKeys,
      signer: civilSigner,
      callbacks,
      officerPassword,
    })
    civilUrl = await civil.listen(0)
    await seedDemoCatalogue(
      db,
      { 'civil-registration': civilUrl },
      { 'civil-registration': { keyId: civilKey.keyId, publicKey: civilKey.publicKey } },
    )
    await seedDemoAccess(db, providerOf(url))
    // No PUBLIC_URL: the references name http://127.0.0.1:0; the department asks the gateway it knows.
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off', DOCUMENTS_DIR: documentsDir })
    callbacks.gatewayUrl = gateway.url
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
  })
  afterAll(async () => {
    await gateway.stop()
    await civil.close()
    await db.$disconnect()
  })

  const statusOf = async (trackingNumber: string) =>
    (await db.application.findUniqueOrThrow({ where: { trackingNumber } })).status
  const waitForStatus = async (trackingNumber: string, status: string) => {
    for (let tries = 0; tries < 50 && (await statusOf(trackingNumber)) !== status; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return statusOf(trackingNumber)
  }
  /** Submits a birth registration with the slip, pays it, and delivers it; the department acknowledges it. */
  async function deliverWith(bytes: Buffer, name: string) {
    const slip = await citizen.documents.upload.mutate({ name, contentBase64: bytes.toString('base64') })
    const submitted = await citizen.applications.submit.mutate({
      service: 'birth-certificate',
      form: birthCertificate,
      idempotencyKey: `officer-docs-${randomUUID()}`,
      documents: [{ documentId: slip.id, requirement }],
    })
    await payVoucher(gateway.url, submitted.voucher?.psid ?? '')
    await gateway.deliverNow()
    expect(await waitForStatus(submitted.trackingNumber, 'received')).toBe('received')
    return { slip, trackingNumber: submitted.trackingNumber }
  }
  const officerRow = async (trackingNumber: string) => {
    const page = await fetch(`${civilUrl}/officer`, { headers: officer })
    expect(page.status).toBe(200)
    const html = await page.text()
    return new RegExp(`<tr data-tracking="${trackingNumber}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? ''
  }
  const linkOf = (trackingNumber: string, sha256: string) => `/officer/documents/${trackingNumber}/${sha256}`
  const civilNonces = async () =>
    db.receivedNonce.count({
      where: { departmentId: (await db.department.findUniqueOrThrow({ where: { code: 'civil-registration' } })).id },
    })

  it('lists each delivered document on the officer page and gives the signed-in officer its exact bytes', async () => {
    const bytes = Buffer.concat([png, Buffer.from('officer sees this')])
    const { slip, trackingNumber } = await deliverWith(bytes, 'slip.png')
    const row = await officerRow(trackingNumber)
    expect(row).toContain(`href="${linkOf(trackingNumber, slip.sha256)}"`)
    expect(row).toContain(requirement)
    expect(row).toContain('image/png')
    expect(row).toContain(`${bytes.length} bytes`)

    const before = await civilNonces()
    const opened = await fetch(`${civilUrl}${linkOf(trackingNumber, slip.sha256)}`, { headers: officer })
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('image/png')
    expect(opened.headers.get('cache-control')).toBe('no-store')
    expect(opened.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await opened.arrayBuffer()).equals(bytes)).toBe(true)
    // It came from the gateway, by a request signed with the department's key (its nonce is kept).
    expect(await civilNonces()).toBe(before + 1)

    // A document the application was not delivered with is not fetched for it.
    const unknown = await fetch(`${civilUrl}${linkOf(trackingNumber, 'f'.repeat(64))}`, { headers: officer })
    expect(unknown.status).toBe(404)
    expect(await civilNonces()).toBe(before + 1)
  })

  it('gives nothing to anyone not signed in at the officer desk, and asks the gateway for nothing', async () => {
    const bytes = Buffer.concat([png, Buffer.from('not for strangers')])
    const { slip, trackingNumber } = await deliverWith(bytes, 'slip.png')
    const link = `${civilUrl}${linkOf(trackingNumber, slip.sha256)}`
    const before = await civilNonces()
    const wrong = { authorization: `Basic ${btoa('officer:not-the-password')}` }
    const citizenToken = { authorization: `Bearer ${(await signInCitizen(gateway.client, db, ayesha)).token}` }
    for (const headers of [{}, wrong, citizenToken, { authorization: `Basic ${btoa(`admin:${officerPassword}`)}` }]) {
      const refused = await fetch(link, { headers })
      expect(refused.status).toBe(401)
      expect(refused.headers.get('content-type')).not.toBe('image/png')
      expect(Buffer.from(await refused.arrayBuffer()).includes(bytes)).toBe(false)
    }
    expect(await civilNonces()).toBe(before)
  })

  it('refuses, and says so, a document whose bytes do not match the SHA-256 in its reference', async () => {
    // The reference's hash altered in the department's own record: the gateway's bytes no longer match it.
    const first = await deliverWith(Buffer.concat([png, Buffer.from('reference tampered')]), 'slip.png')
    const tamperedHash = createHash('sha256').update('something else').digest('hex')
    const store = new Database(path.join(dataDir, 'civil-registration.db'))
    try {
      const row = store.prepare('SELECT body FROM delivery WHERE tracking_number = ?').get(first.trackingNumber) as {
        body: string
      }
      const body = ApplicationDelivery.parse(JSON.parse(row.body))
      const documents = (body.documents ?? []).map((document) => ({ ...document, sha256: tamperedHash }))
      store
        .prepare('UPDATE delivery SET body = ? WHERE tracking_number = ?')
        .run(JSON.stringify({ ...body, documents }), first.trackingNumber)
    } finally {
      store.close()
    }
    expect(await officerRow(first.trackingNumber)).toContain(`href="${linkOf(first.trackingNumber, tamperedHash)}"`)
    const refused = await fetch(`${civilUrl}${linkOf(first.trackingNumber, tamperedHash)}`, { headers: officer })
    expect(refused.status).toBe(502)
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/)
    const said = await refused.text()
    expect(said).toContain('does not match its reference')
    expect(said).toContain(`the reference says ${tamperedHash}`)
    expect(said).toContain(first.slip.sha256)

    // The bytes altered in the gateway's store: the department checks what it got, not what it was told.
    const bytes = Buffer.concat([png, Buffer.from('store tampered')])
    const second = await deliverWith(bytes, 'slip.png')
    const altered = Buffer.from(bytes)
    altered[altered.length - 1] = 0x21
    writeFileSync(path.join(documentsDir, second.slip.sha256.slice(0, 2), second.slip.sha256), altered)
    const mismatch = await fetch(`${civilUrl}${linkOf(second.trackingNumber, second.slip.sha256)}`, {
      headers: officer,
    })
    expect(mismatch.status).toBe(502)
    const text = await mismatch.text()
    expect(text).toContain('does not match its reference')
    expect(text).toContain(createHash('sha256').update(altered).digest('hex'))
    expect(text).not.toContain('store tampere!')
  })

  it('lists and opens a document the citizen sent with an answer', async () => {
    const { trackingNumber } = await deliverWith(Buffer.concat([png, Buffer.from('first slip')]), 'slip.png')
    const asked = await fetch(`${civilUrl}/officer/status`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        trackingNumber,
        status: 'needs_information',
        messageEn: 'Send the Nikah nama.',
        messageUr: 'نکاح نامہ بھیجیں۔',
      }),
      redirect: 'manual',
    })
    expect(asked.status).toBe(303)
    expect(await statusOf(trackingNumber)).toBe('needs_information')
    const letterBytes = Buffer.concat([pdf, Buffer.from('%nikah nama\n')])
    const letter = await citizen.documents.upload.mutate({
      name: 'nikah-nama.pdf',
      contentBase64: letterBytes.toString('base64'),
    })
    await citizen.applications.answer.mutate({
      trackingNumber,
      message: 'The Nikah nama is attached.',
      idempotencyKey: `answer-${randomUUID()}`,
      documentIds: [letter.id],
    })
    await gateway.deliverNow()

    const row = await officerRow(trackingNumber)
    expect(row).toContain('Sent with the answer')
    expect(row).toContain('application/pdf')
    expect(row).toContain('nikah-nama.pdf')
    const opened = await fetch(`${civilUrl}${linkOf(trackingNumber, letter.sha256)}`, { headers: officer })
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await opened.arrayBuffer()).equals(letterBytes)).toBe(true)
  })
})
