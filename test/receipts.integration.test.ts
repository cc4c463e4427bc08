// Receipts: signed by the gateway and checkable offline with its published key (also by command),
// a PDF with the QR code, and a public verification page that needs the receipt's code and shows
// no personal data.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { SignedReceipt, verifyReceipt } from '@darwaza/contracts/receipts'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, type GatewayClient, type TestGateway } from './support/gateway.ts'
import { refusal, signInCitizen } from './support/identity.ts'

const [ayesha, bilal] = demoCitizens
if (!ayesha || !bilal) throw new Error('the development registry needs demo citizens')
const repoRoot = path.resolve(import.meta.dirname, '..')
const run = promisify(execFile)

async function receiptCommand(args: string[]) {
  try {
    const { stdout } = await run(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['apps/gateway/src/receipt-cli.ts', ...args],
      {
        cwd: repoRoot,
      },
    )
    return { code: 0, output: stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe.each(databaseKinds())('receipts on %s', (kind) => {
  let db: Db
  let gateway: TestGateway
  let citizen: GatewayClient
  let trackingNumber: string

  beforeAll(async () => {
    const url = await freshDatabaseUrl(kind)
    db = createDb(url)
    await seedDemoCatalogue(db, {})
    await seedDemoAccess(db, providerOf(url))
    gateway = await startTestGateway({
      DATABASE_URL: url,
      DELIVERY_WORKER: 'off',
      PUBLIC_URL: 'https://darwaza.example.pk',
    })
    citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
    trackingNumber = (
      await citizen.applications.submit.mutate({
        service: 'driving-licence-renewal',
        form: { licenceNumber: 'LHR-123456', licenceCategory: 'car' },
        idempotencyKey: `receipt-${randomUUID()}`,
      })
    ).trackingNumber
  })
  afterAll(async () => {
    await gateway.stop()
    await db.$disconnect()
  })

  const publishedKeys = async () => {
    const published = (await (await fetch(`${gateway.url}/.well-known/darwaza/gateway-keys.json`)).json()) as {
      keys: { keyId: string; publicKey: string }[]
    }
    return new Map(published.keys.map((key) => [key.keyId, key.publicKey]))
  }

  it('is signed by the gateway and checks out with its published key; any change breaks it', async () => {
    const { receipt, verificationCode, verifyUrl } = await citizen.applications.receipt.query({ trackingNumber })
    const signed = SignedReceipt.parse(receipt)
    expect(signed.content).toMatchObject({
      trackingNumber,
      service: 'driving-licence-renewal',
      fee: { kind: 'fixed', amountMinor: 150_000, currency: 'PKR' },
    })
    expect(verifyReceipt(signed, await publishedKeys())).toBe(true)
    expect(
      verifyReceipt({ ...signed, content: { ...signed.content, fee: { kind: 'free' } } }, await publishedKeys()),
    ).toBe(false)
    expect(verifyUrl).toBe(
      `https://darwaza.example.pk/#/verify?t=${encodeURIComponent(trackingNumber)}&c=${verificationCode}`,
    )

    const file = path.join(scratchFolder(), 'receipt.json')
    writeFileSync(file, JSON.stringify(signed))
    const valid = await receiptCommand([file, '--keys-url', `${gateway.url}/.well-known/darwaza/gateway-keys.json`])
    expect(valid.code).toBe(0)
    expect(valid.output).toContain(`VALID  ${trackingNumber}`)
    writeFileSync(file, JSON.stringify({ ...signed, content: { ...signed.content, serviceVersion: 9 } }))
    const tampered = await receiptCommand([file, '--keys-url', `${gateway.url}/.well-known/darwaza/gateway-keys.json`])
    expect(tampered.code).toBe(1)
  }, 60_000)

  it('comes as a PDF', async () => {
    const pdf = await citizen.applications.receiptPdf.query({ trackingNumber })
    expect(pdf.filename).toBe(`darwaza-receipt-${trackingNumber}.pdf`)
    const bytes = Buffer.from(pdf.base64, 'base64')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(2000)
  })

  it('is not shown to anyone else', async () => {
    const other = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, bilal)).token })
    expect(await refusal(other.applications.receipt.query({ trackingNumber }))).toBe('NOT_FOUND')
    expect(await refusal(gateway.client.applications.receipt.query({ trackingNumber }))).toBe('UNAUTHORIZED')
  })

  it('verifies publicly with the code, showing status and dates but nothing personal', async () => {
    const { verificationCode } = await citizen.applications.receipt.query({ trackingNumber })
    const verified = await gateway.client.applications.verify.query({
      trackingNumber: trackingNumber.toLowerCase(),
      code: verificationCode,
    })
    expect(verified).toMatchObject({
      trackingNumber,
      status: 'submitted',
      title: { en: 'Renew a driving licence' },
      department: { en: 'Traffic Police' },
    })
    const text = JSON.stringify(verified)
    for (const personal of [ayesha.name, ayesha.identityNumber, ayesha.phone, 'LHR-123456']) {
      expect(text).not.toContain(personal)
    }
    expect(await refusal(gateway.client.applications.verify.query({ trackingNumber, code: 'AAAAAAAA' }))).toBe(
      'NOT_FOUND',
    )
    expect(
      await refusal(gateway.client.applications.verify.query({ trackingNumber: 'nonsense', code: verificationCode })),
    ).toBe('NOT_FOUND')
  })
})
