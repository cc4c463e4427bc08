// Every door tried, with real keys: every procedure of the router, called over HTTP by every kind of
// caller with an input that reaches for citizen A's, department D1's or the called ticket's things, is
// allowed or refused exactly as the table below says, on SQLite and PostgreSQL. No answer, allowed
// or refused, carries anything of A's (or B's, or D1's unpublished catalogue) to someone who may not
// know it. And what a revoked kiosk left behind (its credential, a citizen session made at it) opens
// nothing. (authorization.integration.test.ts checks the role rules with empty input; this file
// checks whose things each caller reaches.)
import type { ServerResponse } from 'node:http'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { formatIdentityNumber, identityNumberFormats } from '@darwaza/gateway/domain/identity-number'
import { appRouter } from '@darwaza/gateway/router'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowedBy, refusalCodes } from './support/callers.ts'
import {
  buildScenario,
  callProcedure,
  citizenA,
  d1,
  d1Slugs,
  departmentPublicKey,
  freshCredentials,
  kindOf,
  licenceForm,
  matrixCallers,
  pngBytes,
  spareCitizen,
  strandedCallers,
  type Caller,
  type MatrixCaller,
  type Scenario,
} from './support/authorization-scenario.ts'
import { databaseKinds, freshDatabaseUrl } from './support/databases.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo } from './support/identity.ts'
import { json, startStubDepartment, type StubDepartment, type StubRequest } from './support/stub-department.ts'

// What each caller gets. ok: done. U: UNAUTHORIZED (nobody signed in, or not a kiosk). F: FORBIDDEN.
// NF: NOT_FOUND (someone else's thing is answered as if it did not exist). K: KIOSK_NOT_ENROLLED.
// BAD: INVALID_INPUT and WRONG: WRONG_CODE, where the caller got past the door and a rule of the
// thing itself said no. A row named "procedure · case" is a second input for the same procedure.
const ok = 'ok'
const U = 'UNAUTHORIZED'
const F = 'FORBIDDEN'
const NF = 'NOT_FOUND'
const K = 'KIOSK_NOT_ENROLLED'
const BAD = 'INVALID_INPUT'
const WRONG = 'WRONG_CODE'
type Outcome = typeof ok | typeof U | typeof F | typeof NF | typeof K | typeof BAD | typeof WRONG

// prettier-ignore
const expected: Record<string, Outcome[]> = {
  //                                                   anon A   B    clerk  clerk  off  adm  off  adm  plat kiosk revoked
  //                                                                 +A     none   D1   D1   D2   D2   admin      kiosk
  'catalogue.list':                                   [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'catalogue.search':                                 [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'lookups.perform':                                  [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  // B's submission with the same key is B's own application, never A's.
  'applications.submit':                              [U,   ok, ok,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'applications.submit · attaching A’s document':     [U,   ok, BAD, F,     F,     F,   F,   F,   F,   F,   U,    K],
  'applications.answer':                              [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'applications.issuedDocument':                      [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'applications.receipt':                             [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'applications.voucher':                             [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'applications.receiptPdf':                          [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  // Anyone holding the receipt's tracking number and code; the answer names nobody.
  'applications.verify':                              [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'documents.upload':                                 [U,   ok, ok,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'drafts.save':                                      [U,   ok, ok,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'drafts.open':                                      [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'drafts.open · by A’s link':                        [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'drafts.mine':                                      [U,   ok, ok,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'drafts.submitted':                                 [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'drafts.discard':                                   [U,   ok, NF,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  // A code goes to A's phone, whoever asks; whoever holds a code signs in as its citizen.
  'identity.requestCode':                             [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'identity.verifyCode':                              [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'identity.signOut':                                 [U,   ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  U,    K],
  'identity.me':                                      [U,   ok, ok,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'identity.history':                                 [U,   ok, ok,  F,     F,     F,   F,   F,   F,   F,   U,    K],
  'staff.signIn':                                     [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'staff.me':                                         [U,   F,  F,   ok,    ok,    ok,  ok,  ok,  ok,  ok,  U,    K],
  'kiosks.enrol':                                     [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'kiosks.heartbeat':                                 [U,   U,  U,   U,     U,     U,   U,   U,   U,   U,   ok,   K],
  // Any clerk may ask A for consent; only the clerk A's code was sent for may use it.
  'assisted.requestConsent':                          [U,   F,  F,   ok,    ok,    F,   F,   F,   F,   F,   U,    K],
  'assisted.startWithCode':                           [U,   F,  F,   ok,    WRONG, F,   F,   F,   F,   F,   U,    K],
  // This deployment takes a checked ID card (ALLOW_ID_CARD_CONSENT): the clerk has A's card in hand.
  'assisted.startWithIdCard':                         [U,   F,  F,   ok,    ok,    F,   F,   F,   F,   F,   U,    K],
  'assisted.overview':                                [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'assisted.submit':                                  [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'assisted.uploadDocument':                          [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'assisted.unpaidVouchers':                          [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'assisted.recordCashPayment':                       [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'assisted.recordCashPayment · B’s voucher':         [U,   F,  F,   NF,    F,     F,   F,   F,   F,   F,   U,    K],
  'assisted.end':                                     [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'queue.takeTicket':                                 [U,   U,  U,   U,     U,     U,   U,   U,   U,   U,   ok,   K],
  'queue.forClerk':                                   [U,   F,  F,   ok,    ok,    F,   F,   F,   F,   F,   U,    K],
  // The first clerk has a ticket at the counter already; the second calls the next one.
  'queue.callNext':                                   [U,   F,  F,   BAD,   ok,    F,   F,   F,   F,   F,   U,    K],
  'queue.recall':                                     [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'queue.startServing':                               [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'queue.finish':                                     [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'queue.noShow':                                     [U,   F,  F,   ok,    F,     F,   F,   F,   F,   F,   U,    K],
  'queue.board':                                      [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'queue.watchBoard':                                 [ok,  ok, ok,  ok,    ok,    ok,  ok,  ok,  ok,  ok,  ok,   K],
  'admin.createServiceCentre':                        [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.listServiceCentres':                         [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.listDepartments':                            [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.createDepartment':                           [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.updateDepartment':                           [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.addDepartmentKey':                           [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.revokeDepartmentKey':                        [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.checkDepartmentConformance':                 [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.deliveryProblems':                           [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.replayDelivery':                             [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.setDepartmentState':                         [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.createStaff':                                [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.listStaff':                                  [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.registerKiosk':                              [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.listKiosks':                                 [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  'admin.revokeKiosk':                                [U,   F,  F,   F,     F,     F,   F,   F,   F,   ok,  U,    K],
  // D2's staff get their own department's list, in which nothing of D1's appears.
  'departments.applications':                         [U,   F,  F,   F,     F,     ok,  ok,  ok,  ok,  F,   U,    K],
  'departments.services':                             [U,   F,  F,   F,     F,     ok,  ok,  ok,  ok,  F,   U,    K],
  'departments.serviceEntry':                         [U,   F,  F,   F,     F,     ok,  ok,  F,   F,   F,   U,    K],
  'departments.serviceEntry · D1’s unpublished draft':[U,   F,  F,   F,     F,     ok,  ok,  F,   F,   F,   U,    K],
  'departments.saveDraft':                            [U,   F,  F,   F,     F,     F,   ok,  F,   F,   F,   U,    K],
  'departments.publish':                              [U,   F,  F,   F,     F,     F,   ok,  F,   F,   F,   U,    K],
  'departments.retire':                               [U,   F,  F,   F,     F,     F,   ok,  F,   F,   F,   U,    K],
}

interface Case {
  /** The input, made when the call is made (after before()). Absent: the procedure takes none. */
  input?: (s: Scenario) => unknown
  /** Puts back what the case needs before each caller's call, so no call depends on another. */
  before?: (s: Scenario) => Promise<unknown>
  /** Each caller calls with a session of their own made for this call (signing out ends it). */
  freshSession?: boolean
  /** Secrets this procedure rightly hands a caller who may call it (by the secret's name). */
  reveals?: string[]
}

/** A's identity number as people write it. */
const writtenA = formatIdentityNumber(citizenA.identityNumber, identityNumberFormats['pk-cnic'])
let serial = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${++serial}`
const forgetCodes = (s: Scenario, person: { identityNumber: string }) =>
  s.db.otpChallenge.deleteMany({ where: { identityNumber: person.identityNumber } })
const inSession = (s: Scenario) => ({ assistedSessionId: s.assisted.sessionId })
const ofA = (s: Scenario) => ({ trackingNumber: s.a.trackingNumber })
const text = (en: string) => ({ en, ur: en })

/** The scenario's ticket back at the first clerk's counter, in the state a step starts from. */
const ticketAt = (state: 'called' | 'serving') => async (s: Scenario) => {
  const clerk = await s.db.staff.findUniqueOrThrow({ where: { username: 'clerk' }, select: { id: true } })
  await s.db.queueTicket.update({
    where: { id: s.ticketId },
    data: { state, clerkId: clerk.id, counter: 'C1', finishedAt: null },
  })
}
const reopenDraft = (pick: (s: Scenario) => string) => (s: Scenario) =>
  s.db.formDraft.update({ where: { id: pick(s) }, data: { submittedAt: null, formData: { licenceNumber: 'LHR-1' } } })

const cases: Record<string, Case> = {
  // The demo catalogue's birth certificate form has A's identity number as its example father.
  'catalogue.list': { input: () => ({ kind: 'application' }), reveals: ['A’s identity number'] },
  'catalogue.search': { input: () => ({ query: 'licence', department: d1.code }) },
  'lookups.perform': { input: () => ({ service: d1.lookup, query: { challanNumber: '3520100001' } }) },
  'applications.submit': {
    input: () => ({ service: d1.service, form: licenceForm, idempotencyKey: 'matrix-a-application', language: 'en' }),
  },
  'applications.submit · attaching A’s document': {
    input: (s) => ({
      service: d1.service,
      form: licenceForm,
      idempotencyKey: 'matrix-attach-document',
      documents: [{ documentId: s.a.documentId, requirement: 'Medical certificate' }],
    }),
  },
  'applications.answer': {
    input: (s) => ({
      ...ofA(s),
      message: 'The certificate is attached again.',
      idempotencyKey: 'matrix-answer-to-d1',
      documentIds: [s.a.documentId],
    }),
  },
  'applications.issuedDocument': { input: ofA },
  'applications.receipt': { input: ofA },
  'applications.voucher': { input: ofA },
  'applications.receiptPdf': { input: (s) => ({ ...ofA(s), language: 'en' }) },
  'applications.verify': { input: (s) => ({ ...ofA(s), code: s.a.verificationCode }) },
  'documents.upload': { input: () => ({ name: 'scan.png', contentBase64: pngBytes().toString('base64') }) },
  'drafts.save': { input: () => ({ service: d1.service, form: { licenceNumber: 'LHR-777777' }, language: 'en' }) },
  'drafts.open': { input: (s) => ({ draftId: s.a.draftId }) },
  'drafts.open · by A’s link': { input: (s) => ({ code: s.a.draftCode }) },
  'drafts.mine': {},
  'drafts.submitted': { before: reopenDraft((s) => s.a.draftToSubmit), input: (s) => ({ draftId: s.a.draftToSubmit }) },
  'drafts.discard': { before: reopenDraft((s) => s.a.draftToDiscard), input: (s) => ({ draftId: s.a.draftToDiscard }) },
  'identity.requestCode': {
    before: (s) => forgetCodes(s, citizenA),
    input: () => ({ identityNumber: writtenA }),
  },
  'identity.verifyCode': {
    before: async (s) => {
      await forgetCodes(s, spareCitizen)
      const challenge = await s.gateway.client.identity.requestCode.mutate({
        identityNumber: spareCitizen.identityNumber,
      })
      s.scratch.signIn = { challengeId: challenge.challengeId, code: await codeSentTo(s.db, spareCitizen.phone) }
    },
    input: (s) => s.scratch.signIn,
  },
  'identity.signOut': { freshSession: true },
  'identity.me': {},
  'identity.history': {},
  'staff.signIn': { input: () => ({ username: 'officer', password: 'darwaza-officer-demo' }) },
  'staff.me': {},
  'kiosks.enrol': {
    before: async (s) => {
      const registered = await s.clientOf('platform admin').admin.registerKiosk.mutate({
        serviceCentreId: s.centre.id,
        label: unique('enrol'),
      })
      s.scratch.enrolment = { enrolmentCode: registered.enrolmentCode }
    },
    input: (s) => s.scratch.enrolment,
  },
  'kiosks.heartbeat': {},
  'assisted.requestConsent': {
    before: (s) => forgetCodes(s, citizenA),
    input: () => ({ identityNumber: citizenA.identityNumber }),
  },
  'assisted.startWithCode': {
    // A reads back the code the first clerk asked for.
    before: async (s) => {
      await forgetCodes(s, citizenA)
      const challenge = await s
        .clientOf('clerk in A’s session')
        .assisted.requestConsent.mutate({ identityNumber: citizenA.identityNumber })
      s.scratch.consent = { challengeId: challenge.challengeId, code: await codeSentTo(s.db, citizenA.phone) }
    },
    input: (s) => s.scratch.consent,
  },
  'assisted.startWithIdCard': {
    input: () => ({ identityNumber: citizenA.identityNumber, reason: 'Identity card checked at the counter' }),
    reveals: ['A’s name'],
  },
  'assisted.overview': { input: inSession },
  'assisted.submit': {
    input: (s) => ({
      ...inSession(s),
      service: d1.service,
      form: licenceForm,
      idempotencyKey: 'matrix-assisted-submit',
    }),
  },
  'assisted.uploadDocument': {
    input: (s) => ({ ...inSession(s), name: 'counter-scan.png', contentBase64: pngBytes().toString('base64') }),
  },
  'assisted.unpaidVouchers': { input: inSession },
  // The same counter receipt each time: recorded once, then "already recorded".
  'assisted.recordCashPayment': {
    input: (s) => ({ ...inSession(s), psid: s.a.cash.psid, amountMinor: s.a.cash.amountMinor, receiptNumber: 'CR-1' }),
  },
  'assisted.recordCashPayment · B’s voucher': {
    input: (s) => ({ ...inSession(s), psid: s.b.psid, amountMinor: s.b.amountMinor, receiptNumber: 'CR-2' }),
  },
  'assisted.end': {
    before: (s) => s.db.assistedSession.update({ where: { id: s.assisted.endable }, data: { endedAt: null } }),
    input: (s) => ({ assistedSessionId: s.assisted.endable }),
  },
  'queue.takeTicket': { input: () => ({ category: 'vehicles_and_transport', language: 'en' }) },
  'queue.forClerk': {},
  'queue.callNext': {
    before: async (s) => {
      await ticketAt('called')(s)
      const clerk2 = await s.db.staff.findUniqueOrThrow({ where: { username: 'clerk2' }, select: { id: true } })
      await s.db.queueTicket.updateMany({
        where: { clerkId: clerk2.id, state: { in: ['called', 'serving'] } },
        data: { state: 'done', finishedAt: new Date() },
      })
      if ((await s.db.queueTicket.count({ where: { state: 'waiting' } })) === 0) {
        await s.clientOf('kiosk').queue.takeTicket.mutate({ category: 'vehicles_and_transport', language: 'en' })
      }
    },
    input: () => ({ counter: 'C2' }),
  },
  'queue.recall': { before: ticketAt('called'), input: (s) => ({ ticketId: s.ticketId }) },
  'queue.startServing': { before: ticketAt('called'), input: (s) => ({ ticketId: s.ticketId }) },
  'queue.finish': { before: ticketAt('serving'), input: (s) => ({ ticketId: s.ticketId }) },
  'queue.noShow': { before: ticketAt('called'), input: (s) => ({ ticketId: s.ticketId }) },
  'queue.board': { input: (s) => ({ centre: s.centre.code }) },
  'queue.watchBoard': { input: (s) => ({ centre: s.centre.code }) },
  'admin.createServiceCentre': { input: () => ({ code: unique('matrix-centre'), name: text('Matrix centre') }) },
  'admin.listServiceCentres': {},
  'admin.listDepartments': {},
  'admin.createDepartment': {
    input: () => ({
      code: unique('matrix-department'),
      name: text('Matrix department'),
      contact: { name: 'Matrix', email: 'matrix@departments.darwaza.invalid' },
      baseUrl: 'http://127.0.0.1:9',
      keys: [{ keyId: 'matrix-key', publicKey: departmentPublicKey() }],
    }),
  },
  // D1's own name again: allowed, and nothing changes.
  'admin.updateDepartment': { input: (s) => ({ code: d1.code, name: s.d1Name }) },
  'admin.addDepartmentKey': {
    input: () => ({ code: d1.code, keyId: unique('matrix-key'), publicKey: departmentPublicKey() }),
  },
  'admin.revokeDepartmentKey': {
    before: async (s) => {
      const keyId = unique('matrix-spare-key')
      await s.db.departmentKey.create({ data: { departmentId: s.d1Id, keyId, publicKey: departmentPublicKey() } })
      s.scratch.spareKey = { code: d1.code, keyId }
    },
    input: (s) => s.scratch.spareKey,
  },
  'admin.checkDepartmentConformance': { input: () => ({ code: d1.code }) },
  'admin.deliveryProblems': {},
  'admin.replayDelivery': {
    before: (s) => s.db.outboxEntry.update({ where: { id: s.a.deliveryId }, data: { state: 'dead' } }),
    input: (s) => ({ deliveryId: s.a.deliveryId }),
  },
  // D1 is live already: allowed, and nothing changes.
  'admin.setDepartmentState': { input: () => ({ code: d1.code, state: 'live' }) },
  'admin.createStaff': {
    input: (s) => ({
      username: unique('matrix-officer'),
      displayName: 'Matrix officer',
      password: 'a long enough password',
      role: 'department_officer',
      departmentId: s.d1Id,
    }),
  },
  'admin.listStaff': {},
  'admin.registerKiosk': { input: (s) => ({ serviceCentreId: s.centre.id, label: unique('matrix') }) },
  'admin.listKiosks': {},
  'admin.revokeKiosk': {
    before: async (s) => {
      const registered = await s.clientOf('platform admin').admin.registerKiosk.mutate({
        serviceCentreId: s.centre.id,
        label: unique('to revoke'),
      })
      s.scratch.kiosk = { kioskId: registered.kioskId }
    },
    input: (s) => s.scratch.kiosk,
  },
  'departments.applications': {},
  'departments.services': {},
  'departments.serviceEntry': { input: () => ({ slug: d1.service }) },
  'departments.serviceEntry · D1’s unpublished draft': { input: () => ({ slug: d1Slugs.draft }) },
  'departments.saveDraft': { input: (s) => s.d1Draft },
  'departments.publish': {
    before: (s) => s.clientOf('admin D1').departments.saveDraft.mutate({ ...s.d1Draft, slug: d1Slugs.publish }),
    input: () => ({ slug: d1Slugs.publish }),
  },
  'departments.retire': {
    before: async (s) => {
      const d1Admin = s.clientOf('admin D1').departments
      await d1Admin.saveDraft.mutate({ ...s.d1Draft, slug: d1Slugs.retire })
      await d1Admin.publish.mutate({ slug: d1Slugs.retire })
    },
    input: () => ({ slug: d1Slugs.retire }),
  },
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: { access: string } } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type, access: procedure._def.meta?.access ?? 'none' }))
const procedureAt = new Map(procedures.map((procedure) => [procedure.path, procedure]))
const pathOf = (name: string) => name.split(' · ')[0] ?? name
const rows = Object.keys(expected).map((name) => {
  const procedure = procedureAt.get(pathOf(name))
  return { name, path: pathOf(name), type: procedure?.type ?? 'none', access: procedure?.access ?? 'none' }
})

describe('the resource authorization matrix', () => {
  it.each(procedures)('has a scenario for $path', ({ path }) => {
    expect(
      rows.some((row) => row.path === path) && Object.keys(cases).some((name) => pathOf(name) === path),
      `${path} has no row in the resource authorization matrix: add its expected outcomes to \`expected\` and ` +
        `a real input (touching citizen A's, department D1's or the ticket's things) to \`cases\` in ` +
        `test/authorization-resources.integration.test.ts`,
    ).toBe(true)
  })

  it('names only procedures that exist, each with an input and an outcome for every caller', () => {
    expect(rows.filter((row) => !procedureAt.has(row.path)).map((row) => row.name)).toEqual([])
    expect(Object.keys(cases).sort()).toEqual(Object.keys(expected).sort())
    expect(rows.filter((row) => expected[row.name]?.length !== matrixCallers.length).map((row) => row.name)).toEqual([])
  })

  it('refuses, in every row, each caller whose role the procedure’s access rule does not let in', () => {
    const contradictions = rows.flatMap((row) =>
      matrixCallers.flatMap((caller, column) => {
        const outcome = expected[row.name]?.[column] ?? ok
        const letIn = allowedBy[row.access]?.includes(kindOf[caller]) ?? false
        if (!letIn && !refusalCodes.has(outcome)) return [`${row.name}: ${caller} gets ${outcome}`]
        // Someone the rule lets in is refused only by the thing itself (not found, not theirs), never at the door.
        if (letIn && (outcome === U || outcome === K)) return [`${row.name}: ${caller} is turned away (${outcome})`]
        return []
      }),
    )
    expect(contradictions).toEqual([])
  })
})

/** Secrets of A's, B's and D1's, and who may learn each. */
function secretsOf(s: Scenario): { name: string; value: string; knownBy: Caller[] }[] {
  const aAndClerk: Caller[] = ['citizen A', 'clerk in A’s session']
  const d1Staff: Caller[] = ['officer D1', 'admin D1']
  return [
    { name: 'A’s name', value: citizenA.name, knownBy: aAndClerk },
    { name: 'A’s identity number', value: citizenA.identityNumber, knownBy: aAndClerk },
    {
      name: 'A’s identity number, written',
      value: writtenA,
      knownBy: aAndClerk,
    },
    { name: 'A’s phone', value: citizenA.phone, knownBy: aAndClerk },
    { name: 'A’s citizen id', value: s.a.citizenId, knownBy: aAndClerk },
    {
      name: 'A’s tracking number',
      value: s.a.trackingNumber,
      knownBy: [...aAndClerk, ...d1Staff, 'platform admin'],
    },
    {
      name: 'A’s other tracking number',
      value: s.a.cash.trackingNumber,
      knownBy: [...aAndClerk, ...d1Staff, 'platform admin'],
    },
    { name: 'A’s payment slip', value: s.a.psid, knownBy: aAndClerk },
    { name: 'A’s other payment slip', value: s.a.cash.psid, knownBy: aAndClerk },
    { name: 'A’s verification code', value: s.a.verificationCode, knownBy: ['citizen A'] },
    { name: 'A’s document', value: s.a.documentId, knownBy: aAndClerk },
    { name: 'A’s document’s hash', value: s.a.sha256, knownBy: aAndClerk },
    { name: 'A’s draft', value: s.a.draftId, knownBy: ['citizen A'] },
    { name: 'A’s draft link', value: s.a.draftCode, knownBy: ['citizen A'] },
    { name: 'A’s assisted session', value: s.assisted.sessionId, knownBy: aAndClerk },
    {
      name: 'B’s tracking number at D2',
      value: s.b.trackingNumber,
      knownBy: ['citizen B', 'officer D2', 'admin D2', 'platform admin'],
    },
    { name: 'B’s payment slip', value: s.b.psid, knownBy: ['citizen B'] },
    { name: 'B’s document', value: s.b.documentId, knownBy: ['citizen B'] },
    { name: 'D1’s unpublished draft', value: d1Slugs.draft, knownBy: [...d1Staff, 'platform admin'] },
  ]
}

/** What a caller was told that they may not know (and did not bring with them in the input). */
const leaksIn = (
  s: Scenario,
  row: { name: string },
  caller: Caller,
  call: { input: unknown; outcome: string; body: unknown },
) => {
  const given = JSON.stringify(call.input ?? null)
  const answer = JSON.stringify(call.body ?? null)
  const reveals = call.outcome === ok ? (cases[row.name]?.reveals ?? []) : []
  return secretsOf(s)
    .filter((secret) => !secret.knownBy.includes(caller) && !reveals.includes(secret.name))
    .filter((secret) => !given.includes(secret.value) && answer.includes(secret.value))
    .map((secret) => `${row.name}: ${caller} was given ${secret.name}`)
}

describe.each(databaseKinds())('every door tried on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let department: StubDepartment
  let s: Scenario

  // D1 answers look-ups ("no such e-challan") and takes whatever else it is sent.
  const d1Answers = (request: StubRequest, response: ServerResponse) => {
    if (request.url.startsWith('/lookups/')) {
      return json(response, 200, { outcome: 'not_found', message: text('No such e-challan.') })
    }
    return json(response, 404, { error: { code: 'not_found', message: 'nothing here' } })
  }

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    department = await startStubDepartment(d1Answers, { signer: testDepartmentSigner(d1.code) })
    await seedDemoCatalogue(db, { [d1.code]: department.url }, testDepartmentKeys([d1.code]))
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({ DATABASE_URL: url, DELIVERY_WORKER: 'off', ALLOW_ID_CARD_CONSENT: 'true' })
    s = await buildScenario(gateway, db)
  })
  afterAll(async () => {
    await gateway?.stop()
    await department?.close()
    await db?.$disconnect()
  })

  async function attempt(row: (typeof rows)[number], caller: Caller) {
    const scenario = cases[row.name]
    await scenario?.before?.(s)
    const input = scenario?.input?.(s)
    const credentials =
      scenario?.freshSession && (matrixCallers as readonly string[]).includes(caller)
        ? await freshCredentials(s, caller as MatrixCaller)
        : (s.credentials.get(caller) ?? {})
    const answer = await callProcedure(gateway.url, row, input, credentials)
    return { outcome: answer.outcome, leaks: leaksIn(s, row, caller, { input, ...answer }) }
  }

  it.each(rows)('$name', async (row) => {
    const actual: Record<string, string> = {}
    const wanted: Record<string, string> = {}
    const leaks: string[] = []
    for (const [column, caller] of matrixCallers.entries()) {
      const result = await attempt(row, caller)
      actual[caller] = result.outcome
      wanted[caller] = expected[row.name]?.[column] ?? 'no expectation'
      leaks.push(...result.leaks)
    }
    expect(actual).toEqual(wanted)
    expect(leaks).toEqual([])
  })

  describe('a stolen kiosk credential, after revocation', () => {
    it('revoked every session made at the kiosk, and keeps no credential for it', async () => {
      const sessions = await db.session.findMany({ where: { kioskId: s.revokedKiosk.kioskId } })
      expect(sessions.length).toBeGreaterThan(0)
      expect(sessions.every((session) => session.revokedAt !== null)).toBe(true)
      expect(await db.kiosk.findUniqueOrThrow({ where: { id: s.revokedKiosk.kioskId } })).toMatchObject({
        state: 'revoked',
        credentialHash: null,
      })
    })

    // With the credential, nothing at all. With the session alone, only what needs no session: what anyone
    // may do, and (at another, enrolled kiosk) what that kiosk may do by itself.
    it.each(rows)('opens nothing: $name', async (row) => {
      const actual: Record<string, string> = {}
      const wanted: Record<string, string> = {}
      const leaks: string[] = []
      const publicly = (column: MatrixCaller) => expected[row.name]?.[matrixCallers.indexOf(column)] ?? ok
      for (const caller of strandedCallers) {
        const result = await attempt(row, caller)
        actual[caller] = result.outcome
        wanted[caller] = caller.startsWith('revoked kiosk')
          ? K
          : row.access !== 'public' && row.access !== 'kiosk'
            ? 'SESSION_EXPIRED'
            : publicly(caller.endsWith('another kiosk') ? 'kiosk' : 'anonymous')
        leaks.push(...result.leaks)
      }
      expect(actual).toEqual(wanted)
      expect(leaks).toEqual([])
    })
  })
})
