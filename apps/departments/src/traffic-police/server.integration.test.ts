import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { HealthResponse, LookupAnswer, ProtocolError } from '@darwaza/contracts/department-protocol/v1'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrafficPoliceServer, type RunningDepartment } from './server.ts'

const folder = mkdtempSync(path.join(tmpdir(), 'traffic-police-'))
const dataFile = path.join(folder, 'traffic-police.db')
const today = new Date('2026-11-22T09:00:00Z')
let department: RunningDepartment
let url: string

beforeAll(async () => {
  department = createTrafficPoliceServer({ dataFile, now: () => today })
  url = await department.listen(0)
})

afterAll(async () => {
  await department.close()
  rmSync(folder, { recursive: true, force: true })
})

async function lookup(body: unknown, service = 'echallan-verification') {
  const response = await fetch(`${url}/lookups/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'test-request-1' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json()) as unknown }
}

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

  it('serves its records again after a restart on the same file', async () => {
    await department.close()
    department = createTrafficPoliceServer({ dataFile, now: () => today })
    url = await department.listen(0)
    expect(found((await lookup(query('3520100001'))).json).amount).toMatchObject({ amountMinor: 200_000 })
  })
})
