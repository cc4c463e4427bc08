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
import { payVoucher, refusal, signInCitizen } from './support/identity.ts'
import { pdfLines } from './support/pdf-text.ts'

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

  it('shows the citizen what they submitted, by the form’s labels, and the payment slip', async () => {
    const receipt = await citizen.applications.receipt.query({ trackingNumber })
    expect(receipt.answers).toEqual([
      {
        field: 'licenceNumber',
        label: { en: 'Licence number', ur: 'لائسنس نمبر' },
        value: 'LHR-123456',
      },
      {
        field: 'licenceCategory',
        label: { en: 'Licence category', ur: 'لائسنس کی قسم' },
        value: 'car',
        option: { en: 'Car', ur: 'کار' },
      },
    ])
    expect(receipt.voucher).toMatchObject({
      psid: expect.stringMatching(/^\d{18}$/),
      amountMinor: 150_000,
      state: 'unpaid',
    })
    expect(receipt.language).toBe('ur')
    // The signed content still proves the answers by their digest only.
    expect(Object.keys(receipt.receipt.content)).not.toContain('answers')
  })

  it('comes as a PDF in the citizen’s language with the answers, the PSID, the amount and whether it is paid', async () => {
    const { voucher } = await citizen.applications.receipt.query({ trackingNumber })
    const psid = voucher?.psid ?? ''
    const pdfIn = async (language?: 'en' | 'ur' | 'ar') => {
      const pdf = await citizen.applications.receiptPdf.query({ trackingNumber, ...(language ? { language } : {}) })
      expect(pdf.filename).toBe(`darwaza-receipt-${trackingNumber}.pdf`)
      const bytes = Buffer.from(pdf.base64, 'base64')
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      return { bytes, lines: pdfLines(bytes) }
    }

    const english = await pdfIn('en')
    for (const line of [
      'Darwaza — application receipt',
      'Tracking number',
      trackingNumber,
      'Payment slip id (PSID)',
      psid,
      'Amount',
      'Payment status',
      'Not paid yet',
      'What you submitted',
      'Licence number',
      'LHR-123456',
      'Licence category',
      'Car',
    ]) {
      expect(english.lines).toContain(line)
    }

    expect(english.lines).toContainEqual(expect.stringMatching(/^Rs\s1,500(\.00)?$/))

    // Urdu, in Nastaliq: the language the citizen applied in, so also when none is asked for.
    for (const urdu of [await pdfIn('ur'), await pdfIn()]) {
      for (const line of ['ٹریکنگ نمبر', trackingNumber, 'پیمنٹ سلپ نمبر (PSID)', psid, 'ابھی ادا نہیں ہوئی']) {
        expect(urdu.lines).toContain(line)
      }
      for (const line of ['آپ نے کیا جمع کرایا', 'لائسنس نمبر', 'LHR-123456', 'لائسنس کی قسم', 'کار']) {
        expect(urdu.lines).toContain(line)
      }
      expect(urdu.lines).not.toContain('Tracking number')
      expect(urdu.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoNastaliqUrdu/)
    }

    // Arabic, in Naskh; the form has no Arabic labels, so its English ones.
    const arabic = await pdfIn('ar')
    for (const line of ['رقم التتبع', 'رقم قسيمة الدفع (PSID)', psid, 'لم يُدفع بعد', 'ما قدّمته', 'Licence number']) {
      expect(arabic.lines).toContain(line)
    }
    expect(arabic.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoNaskhArabic/)

    // Once paid, the PDF says so.
    await payVoucher(gateway.url, psid)
    const paid = await pdfIn('en')
    expect(paid.lines.some((line) => /^Paid on \d{1,2} \w+ \d{4}$/.test(line))).toBe(true)
    expect(paid.lines).not.toContain('Not paid yet')
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
