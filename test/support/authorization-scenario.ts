// The world the resource-level authorization matrix runs in: citizen A with applications, a receipt,
// vouchers, a document, drafts and a step where the department asked for more information, all at
// department D1 (the Traffic Police); citizen B with an application at D2 (the Water Board); a clerk in
// an assisted session for A and a clerk in none; an officer and an admin of each department; a
// platform admin; an enrolled kiosk and a revoked one (with a citizen signed in at it before it was
// revoked); and a queue ticket the first clerk called. Also: how one caller calls one procedure over
// HTTP, and what came back.
import { randomBytes } from 'node:crypto'
import type { ServiceDraftInput } from '@darwaza/contracts/catalogue'
import { generateSigningKeyPair } from '@darwaza/contracts/department-protocol/signatures'
import type { Db } from '@darwaza/db'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff } from '@darwaza/gateway/seed'
import type { Caller as CallerKind } from './callers.ts'
import type { Credentials, GatewayClient, TestGateway } from './gateway.ts'
import { codeSentTo, signInCitizen, signInStaff } from './identity.ts'
import { recordingFetch } from './secrets.ts'
import { readServerSentEvents, SubscriptionFailure } from './server-sent-events.ts'

/** Everyone who knocks, in the order of the matrix's columns. */
export const matrixCallers = [
  'anonymous',
  'citizen A',
  'citizen B',
  'clerk in A’s session',
  'clerk, no session',
  'officer D1',
  'admin D1',
  'officer D2',
  'admin D2',
  'platform admin',
  'kiosk',
  'revoked kiosk',
] as const
export type MatrixCaller = (typeof matrixCallers)[number]

/** Someone holding what a revoked kiosk left behind. */
export const strandedCallers = [
  'revoked kiosk + its citizen session',
  'revoked kiosk + A’s web session',
  'its citizen session, no kiosk',
  'its citizen session at another kiosk',
] as const
export type StrandedCaller = (typeof strandedCallers)[number]
export type Caller = MatrixCaller | StrandedCaller

/** Which kind of caller (test/support/callers.ts) each one is, for the access rule it meets. */
export const kindOf: Record<MatrixCaller, CallerKind> = {
  anonymous: 'anonymous',
  'citizen A': 'citizen',
  'citizen B': 'citizen',
  'clerk in A’s session': 'clerk',
  'clerk, no session': 'clerk',
  'officer D1': 'officer',
  'admin D1': 'dept admin',
  'officer D2': 'officer',
  'admin D2': 'dept admin',
  'platform admin': 'admin',
  kiosk: 'kiosk',
  'revoked kiosk': 'revoked kiosk',
}

const [ayesha, bilal, fatima, imran] = demoCitizens
if (!ayesha || !bilal || !fatima || !imran) throw new Error('the development registry needs four demo citizens')
/** A: the citizen whose things everyone else reaches for. B: another citizen. */
export const citizenA = ayesha
export const citizenB = bilal
/** Signed in at the kiosk that is then revoked. */
export const kioskCitizen = fatima
/** Signs in during the matrix (identity.verifyCode), so A's and B's codes are left alone. */
export const spareCitizen = imran

const password = (username: string) => demoStaff.find((staff) => staff.username === username)?.password ?? ''
const d2Password = 'water board matrix password'
/** Who signs in as each staff caller. */
export const staffLogins: Partial<Record<MatrixCaller, { username: string; password: string }>> = {
  'clerk in A’s session': { username: 'clerk', password: password('clerk') },
  'clerk, no session': { username: 'clerk2', password: password('clerk2') },
  'officer D1': { username: 'officer', password: password('officer') },
  'admin D1': { username: 'deptadmin', password: password('deptadmin') },
  'officer D2': { username: 'officer-d2', password: d2Password },
  'admin D2': { username: 'deptadmin-d2', password: d2Password },
  'platform admin': { username: 'admin', password: password('admin') },
}

export const d1 = { code: 'traffic-police', service: 'driving-licence-renewal', lookup: 'echallan-verification' }
export const d2 = { code: 'water-board', service: 'water-connection' }
/** D1's catalogue entries made for the matrix: one kept as an unpublished draft, one to publish, one to retire. */
export const d1Slugs = { draft: 'matrix-draft', publish: 'matrix-publish', retire: 'matrix-retire' }
export const licenceForm = { licenceNumber: 'LHR-123456', licenceCategory: 'car' }

/** A PNG the file-type check accepts, made unique by what follows its header. */
export function pngBytes(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
    // An (empty) image data chunk, where the type check stops reading; anything may follow it.
    Buffer.from('0000000049444154ae426082', 'hex'),
    randomBytes(64),
  ])
}

export interface Scenario {
  db: Db
  gateway: TestGateway
  credentials: Map<Caller, Credentials>
  clientOf(caller: MatrixCaller): GatewayClient
  centre: { id: string; code: string }
  d1Id: string
  d1Name: Record<string, string>
  d2Id: string
  a: {
    citizenId: string
    trackingNumber: string
    psid: string
    verificationCode: string
    documentId: string
    sha256: string
    draftId: string
    draftCode: string
    draftToSubmit: string
    draftToDiscard: string
    /** A second application, whose voucher the clerk takes cash for. */
    cash: { trackingNumber: string; psid: string; amountMinor: number }
    /** The delivery of A's application, parked as dead for a platform admin to replay. */
    deliveryId: string
  }
  b: { trackingNumber: string; psid: string; amountMinor: number; documentId: string }
  /** The first clerk's assisted session for A, and another of theirs that the matrix ends. */
  assisted: { sessionId: string; endable: string }
  /** Called by the first clerk to their counter. */
  ticketId: string
  /** D1's unpublished draft as its admin edits it. */
  d1Draft: ServiceDraftInput
  revokedKiosk: { kioskId: string }
  /** Values a case's before() made for its input. */
  scratch: Record<string, unknown>
}

async function uploadAs(client: GatewayClient, name: string) {
  return client.documents.upload.mutate({ name, contentBase64: pngBytes().toString('base64') })
}

/** Builds the scenario through the gateway's own procedures, and the database where a department would act. */
export async function buildScenario(gateway: TestGateway, db: Db): Promise<Scenario> {
  const credentials = new Map<Caller, Credentials>()
  const clientOf = (caller: MatrixCaller) => gateway.clientAs(credentials.get(caller) ?? {})
  const staffToken = async (caller: MatrixCaller) => {
    const login = staffLogins[caller]
    if (!login) throw new Error(`${caller} is not staff`)
    return (await signInStaff(gateway.client, login.username, login.password)).token
  }

  credentials.set('anonymous', {})
  credentials.set('platform admin', { token: await staffToken('platform admin') })
  const admin = clientOf('platform admin')
  const [centre] = await admin.admin.listServiceCentres.query()
  if (!centre) throw new Error('the demo service centre is missing')
  const departments = await admin.admin.listDepartments.query()
  const department1 = departments.find((department) => department.code === d1.code)
  const department2 = departments.find((department) => department.code === d2.code)
  if (!department1 || !department2) throw new Error('the demo departments are missing')

  // D2's officer and admin, made the way a platform admin makes staff.
  for (const [caller, role] of [
    ['officer D2', 'department_officer'],
    ['admin D2', 'department_admin'],
  ] as const) {
    const login = staffLogins[caller]
    if (!login) throw new Error(`no login for ${caller}`)
    await admin.admin.createStaff.mutate({
      username: login.username,
      displayName: caller,
      password: login.password,
      role,
      departmentId: department2.id,
    })
  }
  for (const caller of matrixCallers) {
    if (staffLogins[caller] && !credentials.has(caller)) credentials.set(caller, { token: await staffToken(caller) })
  }

  // Kiosks: one enrolled, one enrolled and then (at the end) revoked.
  const enrol = async (label: string) => {
    const { enrolmentCode, kioskId } = await admin.admin.registerKiosk.mutate({ serviceCentreId: centre.id, label })
    const { credential } = await gateway.client.kiosks.enrol.mutate({ enrolmentCode })
    return { kioskId, credential }
  }
  const kiosk = await enrol('matrix kiosk')
  const doomed = await enrol('matrix kiosk, revoked')
  credentials.set('kiosk', { kioskCredential: kiosk.credential })
  const atDoomedKiosk = gateway.clientAs({ kioskCredential: doomed.credential })
  const kioskSession = await signInCitizen(atDoomedKiosk, db, kioskCitizen)

  // Citizen A: a document, two applications (each with a voucher), a receipt, drafts.
  credentials.set('citizen A', { token: (await signInCitizen(gateway.client, db, citizenA)).token })
  credentials.set('citizen B', { token: (await signInCitizen(gateway.client, db, citizenB)).token })
  const a = clientOf('citizen A')
  const document = await uploadAs(a, 'medical-certificate.png')
  const application = await a.applications.submit.mutate({
    service: d1.service,
    form: licenceForm,
    idempotencyKey: 'matrix-a-application',
    language: 'en',
    documents: [{ documentId: document.id, requirement: 'Medical certificate' }],
  })
  const cash = await a.applications.submit.mutate({
    service: d1.service,
    form: { licenceNumber: 'LHR-654321', licenceCategory: 'motorcycle' },
    idempotencyKey: 'matrix-a-cash-application',
    language: 'en',
  })
  if (!application.voucher || !cash.voucher) throw new Error('the licence renewal should have a fee')
  const receipt = await a.applications.receipt.query({ trackingNumber: application.trackingNumber })
  const saveDraft = () =>
    a.drafts.save.mutate({ service: d1.service, form: { licenceNumber: 'LHR-123456' }, language: 'en' })
  const draft = await saveDraft()
  const draftToSubmit = await saveDraft()
  const draftToDiscard = await saveDraft()
  const draftCode = new URL(draft.resumeUrl.replace('#/', '')).searchParams.get('code') ?? ''

  // The department asked A for more information, and issued a document with that step.
  const stored = await db.application.findUniqueOrThrow({
    where: { trackingNumber: application.trackingNumber },
    select: { id: true, citizenId: true },
  })
  await db.application.update({
    where: { id: stored.id },
    data: {
      status: 'needs_information',
      statusChanges: {
        create: {
          fromStatus: 'submitted',
          toStatus: 'needs_information',
          source: `department:${d1.code}`,
          message: { en: 'Please send the medical certificate again.', ur: 'طبی سرٹیفکیٹ دوبارہ بھیجیں۔' },
          document: {
            name: { en: 'Notice', ur: 'نوٹس' },
            url: `${department1.baseUrl.replace(/\/+$/, '')}/documents/notice`,
            sha256: document.sha256,
          },
        },
      },
    },
  })
  const delivery = await db.outboxEntry.findFirstOrThrow({ where: { applicationId: stored.id }, select: { id: true } })

  // Citizen B: an application at D2 with a voucher, as its department would have it, and a document.
  const bCitizen = await db.citizen.findUniqueOrThrow({ where: { identityNumber: citizenB.identityNumber } })
  const d2Version = await db.serviceVersion.findFirstOrThrow({
    where: { service: { slug: d2.service }, state: 'published' },
    select: { id: true },
  })
  const bTracking = `WB-MATRIX-${randomBytes(4).toString('hex').toUpperCase()}`
  const bPsid = `9${String(Date.now()).padStart(17, '0')}`.slice(0, 18)
  await db.application.create({
    data: {
      trackingNumber: bTracking,
      citizenId: bCitizen.id,
      serviceVersionId: d2Version.id,
      channel: 'web',
      formData: {},
      idempotencyKey: 'matrix-b-application',
      voucher: {
        create: { psid: bPsid, amountMinor: 250_000, currency: 'PKR', dueAt: new Date(Date.now() + 86_400_000) },
      },
    },
  })
  const bDocument = await uploadAs(clientOf('citizen B'), 'b.png')

  // The first clerk: an assisted session for A (A read back the code), another to end, a called ticket.
  const clerk = clientOf('clerk in A’s session')
  const challenge = await clerk.assisted.requestConsent.mutate({ identityNumber: citizenA.identityNumber })
  const assisted = await clerk.assisted.startWithCode.mutate({
    challengeId: challenge.challengeId,
    code: await codeSentTo(db, citizenA.phone),
  })
  const endable = await clerk.assisted.startWithIdCard.mutate({
    identityNumber: citizenA.identityNumber,
    reason: 'Identity card checked at the counter',
  })
  await clientOf('kiosk').queue.takeTicket.mutate({ category: 'vehicles_and_transport', language: 'en' })
  const called = await clerk.queue.callNext.mutate({ counter: 'C1' })
  if (!called) throw new Error('the clerk called no ticket')

  // D1's admin keeps an unpublished draft entry.
  const d1Admin = clientOf('admin D1')
  const { entry } = await d1Admin.departments.serviceEntry.query({ slug: d1.service })
  const d1Draft: ServiceDraftInput = { ...entry, slug: d1Slugs.draft, title: { ...entry.title, en: 'Matrix draft' } }
  await d1Admin.departments.saveDraft.mutate(d1Draft)

  // Revoked last: its credential and the citizen session made at it are what a thief would hold.
  await admin.admin.revokeKiosk.mutate({ kioskId: doomed.kioskId })
  credentials.set('revoked kiosk', { kioskCredential: doomed.credential })
  credentials.set('revoked kiosk + its citizen session', {
    kioskCredential: doomed.credential,
    token: kioskSession.token,
  })
  credentials.set('revoked kiosk + A’s web session', {
    kioskCredential: doomed.credential,
    token: credentials.get('citizen A')?.token ?? '',
  })
  credentials.set('its citizen session, no kiosk', { token: kioskSession.token })
  credentials.set('its citizen session at another kiosk', {
    token: kioskSession.token,
    kioskCredential: kiosk.credential,
  })

  return {
    db,
    gateway,
    credentials,
    clientOf,
    centre: { id: centre.id, code: centre.code },
    d1Id: department1.id,
    d1Name: department1.name as Record<string, string>,
    d2Id: department2.id,
    a: {
      citizenId: stored.citizenId,
      trackingNumber: application.trackingNumber,
      psid: application.voucher.psid,
      verificationCode: receipt.verificationCode,
      documentId: document.id,
      sha256: document.sha256,
      draftId: draft.draftId,
      draftCode,
      draftToSubmit: draftToSubmit.draftId,
      draftToDiscard: draftToDiscard.draftId,
      cash: { trackingNumber: cash.trackingNumber, psid: cash.voucher.psid, amountMinor: cash.voucher.amountMinor },
      deliveryId: delivery.id,
    },
    b: { trackingNumber: bTracking, psid: bPsid, amountMinor: 250_000, documentId: bDocument.id },
    assisted: { sessionId: assisted.assistedSessionId, endable: endable.assistedSessionId },
    ticketId: called.id,
    d1Draft,
    revokedKiosk: { kioskId: doomed.kioskId },
    scratch: {},
  }
}

/** A new session for a caller who has one (signing out ends it, so the matrix's own stays). */
export async function freshCredentials(s: Scenario, caller: MatrixCaller): Promise<Credentials> {
  const given = s.credentials.get(caller) ?? {}
  if (!given.token) return given
  const login = staffLogins[caller]
  if (login) return { token: (await signInStaff(s.gateway.client, login.username, login.password)).token }
  const person = caller === 'citizen A' ? citizenA : caller === 'citizen B' ? citizenB : null
  if (!person) throw new Error(`no fresh session for ${caller}`)
  await s.db.otpChallenge.deleteMany({ where: { identityNumber: person.identityNumber } })
  return { token: (await signInCitizen(s.gateway.client, s.db, person)).token }
}

/** A public key to register for a department. */
export function departmentPublicKey(): string {
  return generateSigningKeyPair('matrix').publicKey
}

export interface Answer {
  /** 'ok', or the refusal's data.code (UNAUTHORIZED, FORBIDDEN, NOT_FOUND, KIOSK_NOT_ENROLLED, ...). */
  outcome: string
  /** What came back, data or error, to look through for what the caller should not learn. */
  body: unknown
}

/** Calls one procedure over HTTP with a caller's credentials, as a browser or the kiosk shell would. */
export async function callProcedure(
  gatewayUrl: string,
  procedure: { path: string; type: string },
  input: unknown,
  credentials: Credentials,
): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`
  if (credentials.kioskCredential) headers['x-darwaza-kiosk'] = credentials.kioskCredential
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`
  const url = `${gatewayUrl}/trpc/${procedure.path}`
  if (procedure.type === 'subscription') {
    const events = readServerSentEvents(`${url}${query}`, headers)
    try {
      return { outcome: 'ok', body: await events.next(5000) }
    } catch (error) {
      if (error instanceof SubscriptionFailure) return { outcome: error.data?.code ?? 'no code', body: error.data }
      throw error
    } finally {
      events.close()
    }
  }
  const response =
    procedure.type === 'query'
      ? await recordingFetch(`${url}${query}`, { headers })
      : await recordingFetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          ...(input === undefined ? {} : { body: JSON.stringify(input) }),
        })
  const body = (await response.json()) as { result?: { data?: unknown }; error?: { data?: { code?: string } } }
  if (body.error) return { outcome: body.error.data?.code ?? `HTTP ${response.status}`, body: body.error }
  return { outcome: 'ok', body: body.result?.data }
}
