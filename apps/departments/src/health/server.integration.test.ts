import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateSigningKeyPair, loadPrivateKey, signRequest } from '@darwaza/contracts/department-protocol/signatures'
import { DeliveryReceipt, LookupAnswer, ProtocolError } from '@darwaza/contracts/department-protocol/v1'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningDepartment } from '../protocol-server.ts'
import { createHealthServer } from './server.ts'

const folder = mkdtempSync(path.join(tmpdir(), 'health-'))
const today = new Date('2026-11-22T09:00:00Z') // a Sunday
const gateway = generateSigningKeyPair('gateway-test')
const signer = { keyId: gateway.keyId, privateKey: loadPrivateKey(gateway.privateKeyPem) }
const own = generateSigningKeyPair('health-1')
const departmentSigner = { keyId: own.keyId, privateKey: loadPrivateKey(own.privateKeyPem) }
let department: RunningDepartment
let url: string
let sequence = 0

beforeAll(async () => {
  department = createHealthServer({
    dataFile: path.join(folder, 'health.db'),
    gatewayKeys: new Map([[gateway.keyId, gateway.publicKey]]),
    signer: departmentSigner,
    now: () => today,
  })
  url = await department.listen(0)
})

afterAll(async () => {
  await department.close()
  rmSync(folder, { recursive: true, force: true })
})

async function post(endpoint: string, body: unknown) {
  const text = JSON.stringify(body)
  const headers = { 'content-type': 'application/json', 'x-request-id': `r-${++sequence}` }
  const response = await fetch(`${url}${endpoint}`, {
    method: 'POST',
    headers: await signRequest({ method: 'POST', url: `${url}${endpoint}`, headers, body: text }, signer, today),
    body: text,
  })
  return { status: response.status, json: (await response.json()) as unknown }
}

const freePlaces = async (facility: string) => {
  const { status, json } = await post('/lookups/primary-care-slots', {
    requestId: `q-${++sequence}`,
    service: 'primary-care-slots',
    query: { facility },
  })
  expect(status).toBe(200)
  const answer = LookupAnswer.parse(json)
  if (answer.outcome !== 'found') throw new Error('expected the unit’s diary')
  return Object.fromEntries(
    answer.record.fields.map((field) => [field.key, field.value.kind === 'text' ? field.value.text : null]),
  )
}

const book = (preferredDate: string, options: { idempotencyKey?: string; dryRun?: boolean } = {}) => {
  const key = options.idempotencyKey ?? `booking-${++sequence}`
  return post('/applications/primary-care-appointment', {
    requestId: `d-${++sequence}`,
    idempotencyKey: key,
    service: 'primary-care-appointment',
    serviceVersion: 1,
    trackingNumber: `DZ-${key}`,
    submittedAt: today.toISOString(),
    actor: { kind: 'citizen' },
    citizen: { identityNumber: '3520212345671' },
    form: { facility: 'bhu-raiwind', preferredDate, reason: 'Check-up' },
    ...(options.dryRun ? { dryRun: true } : {}),
  })
}

describe('Health department: appointment places at Basic Health Units', () => {
  it('shows the free places for the next five working days, skipping Fridays and Sundays', async () => {
    expect(await freePlaces('bhu-raiwind')).toEqual({
      '2026-11-23': '20',
      '2026-11-24': '20',
      '2026-11-25': '20',
      '2026-11-26': '20',
      '2026-11-28': '20',
    })
  })

  it('refuses an unknown unit, naming the field', async () => {
    const { status, json } = await post('/lookups/primary-care-slots', {
      requestId: 'q-unknown',
      service: 'primary-care-slots',
      query: { facility: 'bhu-nowhere' },
    })
    expect(status).toBe(400)
    expect(ProtocolError.parse(json).error.field).toBe('facility')
  })

  it('a booking takes a place; a repeat of the same delivery takes no second one; a dry run takes none', async () => {
    const first = await book('2026-11-24', { idempotencyKey: 'same-booking' })
    expect(first.status).toBe(200)
    const repeat = await book('2026-11-24', { idempotencyKey: 'same-booking' })
    expect(DeliveryReceipt.parse(repeat.json).departmentReference).toBe(
      DeliveryReceipt.parse(first.json).departmentReference,
    )
    expect((await book('2026-11-24', { dryRun: true })).status).toBe(200)
    expect((await freePlaces('bhu-raiwind'))['2026-11-24']).toBe('19')
  })

  it('refuses a full day, a closed day, a past day and a day too far ahead, naming the preferred date', async () => {
    for (let place = 0; place < 20; place++) expect((await book('2026-11-25')).status).toBe(200)
    expect((await freePlaces('bhu-raiwind'))['2026-11-25']).toEqual({ en: 'Full', ur: 'کوئی جگہ نہیں' })
    for (const day of ['2026-11-25', '2026-11-27', '2026-11-20', '2027-01-05']) {
      const refused = await book(day)
      expect(refused.status, day).toBe(400)
      expect(ProtocolError.parse(refused.json).error).toMatchObject({ code: 'invalid_query', field: 'preferredDate' })
    }
    expect((await book('2026-11-25', { dryRun: true })).status).toBe(400)
  })
})
