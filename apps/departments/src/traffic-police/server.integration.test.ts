import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  verifyResponse,
} from '@darwaza/contracts/department-protocol/signatures'
import { DeliveryReceipt, HealthResponse, LookupAnswer, ProtocolError } from '@darwaza/contracts/department-protocol/v1'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrafficPoliceServer, type RunningDepartment } from './server.ts'

const folder = mkdtempSync(path.join(tmpdir(), 'traffic-police-'))
const dataFile = path.join(folder, 'traffic-police.db')
const today = new Date('2026-11-22T09:00:00Z')
const gateway = generateSigningKeyPair('gateway-test')
const signer = { keyId: gateway.keyId, privateKey: loadPrivateKey(gateway.privateKeyPem) }
const gatewayKeys = new Map([[gateway.keyId, gateway.publicKey]])
const own = generateSigningKeyPair('traffic-police-1')
const departmentSigner = { keyId: own.keyId, privateKey: loadPrivateKey(own.privateKeyPem) }
const departmentKeys = new Map([[own.keyId, own.publicKey]])
const start = () => createTrafficPoliceServer({ dataFile, gatewayKeys, signer: departmentSigner, now: () => today })
let department: RunningDepartment
let url: string

beforeAll(async () => {
  department = start()
  url = await department.listen(0)
})

afterAll(async () => {
  await department.close()
  rmSync(folder, { recursive: true, force: true })
})

/** Every answer to a signed request is signed by the department, bound to that request: checked on each. */
async function post(path: string, body: unknown, sign = true) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const headers = { 'content-type': 'application/json', 'x-request-id': 'test-request-1' }
  const sent = sign
    ? await signRequest({ method: 'POST', url: `${url}${path}`, headers, body: text }, signer, today)
    : headers
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: sent, body: text })
  const answer = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
  const signature = await verifyResponse(
    answer,
    { method: 'POST', url: `${url}${path}`, headers: sent },
    departmentKeys,
    today,
  )
  if (sign) expect(signature).toMatchObject({ ok: true, keyId: 'traffic-police-1' })
  return { status: response.status, json: JSON.parse(answer.body) as unknown, signature }
}

const lookup = (body: unknown, service = 'echallan-verification') => post(`/lookups/${service}`, body)

const delivery = (service: string, form: Record<string, unknown>, idempotencyKey: string, dryRun?: boolean) => ({
  requestId: `r-${idempotencyKey}`,
  idempotencyKey,
  service,
  serviceVersion: 1,
  trackingNumber: 'DZ-TEST',
  submittedAt: today.toISOString(),
  actor: { kind: 'citizen' },
  citizen: { identityNumber: '3520212345671' },
  form,
  ...(dryRun === undefined ? {} : { dryRun }),
})

const query = (challanNumber: unknown) => ({
  requestId: 'r-1',
  service: 'echallan-verification',
  query: { challanNumber },
})

function found(json: unknown) {
  const answer = LookupAnswer.parse(json)
  if (answer.outcome !== 'found') throw new Error(`expected a found answer, got ${JSON.stringify(answer)}`)
  return Object.fromEntries(answer.record.fields.map((field) => [field.key, field.value]))
}

describe('Traffic Police department (protocol v1)', () => {
  it('answers the health call', async () => {
    const response = await fetch(`${url}/health`)
    expect(response.status).toBe(200)
    expect(response.headers.get('signature')).toBeNull()
    expect(HealthResponse.parse(await response.json())).toEqual({
      status: 'ok',
      department: 'traffic-police',
      protocolVersion: '1',
    })
  })

  it('shows an unpaid ticket: amount, status and due date', async () => {
    const { status, json } = await lookup(query('3520100001'))
    expect(status).toBe(200)
    expect(found(json)).toMatchObject({
      amount: { kind: 'money', amountMinor: 200_000, currency: 'PKR' },
      status: { kind: 'status', code: 'unpaid', tone: 'warning' },
      dueOn: { kind: 'date', date: '2026-12-10' },
      vehicle: { kind: 'text', text: 'LEB-21-4471' },
    })
  })

  it('shows a paid ticket as paid and an unpaid ticket past its due date as overdue', async () => {
    expect(found((await lookup(query('3520100002'))).json).status).toMatchObject({ code: 'paid', tone: 'positive' })
    expect(found((await lookup(query('3520100003'))).json).status).toMatchObject({
      code: 'overdue',
      tone: 'negative',
      label: { en: 'Unpaid – past the due date', ur: 'غیر ادا شدہ – آخری تاریخ گزر چکی' },
    })
  })

  it('answers not found, in both languages, for a number it does not know', async () => {
    const { status, json } = await lookup(query('9999999999'))
    expect(status).toBe(200)
    const answer = LookupAnswer.parse(json)
    expect(answer.outcome).toBe('not_found')
    if (answer.outcome === 'not_found') {
      expect(answer.message.en).toContain('9999999999')
      expect(answer.message.ur).toContain('9999999999')
    }
  })

  it.each(['123456789', '12345678901', 'ABCDEFGHIJ', 1234567890])(
    'refuses the malformed number %s, naming the field',
    async (number) => {
      const { status, json } = await lookup(query(number))
      expect(status).toBe(400)
      expect(ProtocolError.parse(json).error).toMatchObject({ code: 'invalid_query', field: 'challanNumber' })
    },
  )

  it('refuses a body that is not JSON or lacks the query', async () => {
    const notJson = await lookup('{not json')
    expect(notJson.status).toBe(400)
    expect(ProtocolError.parse(notJson.json).error.code).toBe('invalid_query')
    const noQuery = await lookup({ requestId: 'r-1', service: 'echallan-verification' })
    expect(noQuery.status).toBe(400)
    expect(ProtocolError.parse(noQuery.json).error).toMatchObject({ code: 'invalid_query', field: 'query' })
  })

  it('refuses a service it does not offer', async () => {
    const { status, json } = await lookup(query('3520100001'), 'water-bill')
    expect(status).toBe(404)
    expect(ProtocolError.parse(json).error.code).toBe('unknown_service')
  })

  it('refuses an unsigned request, an altered one, and one signed by a key it was not given', async () => {
    const unsigned = await post('/lookups/echallan-verification', query('3520100001'), false)
    expect(unsigned.status).toBe(401)
    expect(ProtocolError.parse(unsigned.json).error).toMatchObject({ code: 'unauthorized' })
    // Nothing to bind an answer to an unsigned request to: it goes unsigned.
    expect(unsigned.signature).toEqual({ ok: false, reason: 'the answer is not signed' })

    const text = JSON.stringify(query('3520100001'))
    const path = `${url}/lookups/echallan-verification`
    const headers = await signRequest(
      { method: 'POST', url: path, headers: { 'content-type': 'application/json', 'x-request-id': 'r-2' }, body: text },
      signer,
      today,
    )
    const altered = await fetch(path, { method: 'POST', headers, body: text.replace('3520100001', '3520100002') })
    expect(altered.status).toBe(401)
    // The refusal of a request signed by us (if badly) is signed, bound to that request.
    const refusal = { status: 401, headers: Object.fromEntries(altered.headers), body: await altered.text() }
    expect(await verifyResponse(refusal, { method: 'POST', url: path, headers }, departmentKeys, today)).toMatchObject({
      ok: true,
    })

    const stranger = generateSigningKeyPair('gateway-test')
    const forged = await signRequest(
      { method: 'POST', url: path, headers: { 'content-type': 'application/json', 'x-request-id': 'r-3' }, body: text },
      { keyId: stranger.keyId, privateKey: loadPrivateKey(stranger.privateKeyPem) },
      today,
    )
    expect((await fetch(path, { method: 'POST', headers: forged, body: text })).status).toBe(401)
  })

  it('quotes a ticket’s amount to a dry run, records the payment once per idempotency key, then shows it paid', async () => {
    const dryRun = await post(
      '/applications/echallan-payment',
      delivery('echallan-payment', { challanNumber: '3520100001' }, 'k-0', true),
    )
    expect(DeliveryReceipt.parse(dryRun.json)).toEqual({
      outcome: 'validated',
      departmentReference: 'TP-DRY-RUN',
      quote: {
        amountMinor: 200_000,
        currency: 'PKR',
        description: {
          en: 'E-challan 3520100001: Jumping a red signal',
          ur: 'ای چالان 3520100001: سرخ بتی کی خلاف ورزی',
        },
      },
    })
    expect(found((await lookup(query('3520100001'))).json).status).toMatchObject({ code: 'unpaid' })

    const first = await post(
      '/applications/echallan-payment',
      delivery('echallan-payment', { challanNumber: '3520100001' }, 'k-1'),
    )
    expect(first.status).toBe(200)
    const receipt = DeliveryReceipt.parse(first.json)
    expect(receipt).toMatchObject({ outcome: 'accepted', departmentReference: expect.stringMatching(/^TP-\d{6}$/) })
    const again = await post(
      '/applications/echallan-payment',
      delivery('echallan-payment', { challanNumber: '3520100001' }, 'k-1'),
    )
    expect(DeliveryReceipt.parse(again.json).departmentReference).toBe(receipt.departmentReference)
    expect(found((await lookup(query('3520100001'))).json).status).toMatchObject({ code: 'paid' })

    const other = await post(
      '/applications/echallan-payment',
      delivery('echallan-payment', { challanNumber: '3520100005' }, 'k-2'),
    )
    expect(DeliveryReceipt.parse(other.json).departmentReference).not.toBe(receipt.departmentReference)

    for (const [number, key] of [
      ['3520100001', 'k-3'],
      ['3520100002', 'k-4'],
    ] as const) {
      const refused = await post(
        '/applications/echallan-payment',
        delivery('echallan-payment', { challanNumber: number }, key),
      )
      expect(refused.status).toBe(400)
      expect(ProtocolError.parse(refused.json).error).toMatchObject({ code: 'invalid_query', field: 'challanNumber' })
    }
  })

  it('serves its records again after a restart on the same file', async () => {
    await department.close()
    department = start()
    url = await department.listen(0)
    expect(found((await lookup(query('3520100001'))).json).amount).toMatchObject({ amountMinor: 200_000 })
  })
})
