// The whole journey of an application in the web view: a citizen signs in, fills the guided form
// step by step, reviews, submits and gets a receipt; the gateway delivers it to the Health department
// (a real reference department); the department acknowledges it, its officer approves it on the
// officer page, and the citizen sees the approval and the department's message in My applications.
import { readFileSync } from 'node:fs'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { freshSqliteUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type TestGateway } from './support/gateway.ts'
import { codeSentTo } from './support/identity.ts'
import { pdfLines } from './support/pdf-text.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')
const healthKey = generateSigningKeyPair('health-2026')
const policeKey = generateSigningKeyPair('traffic-police-2026')
const officerPassword = 'health-officer-password'

let browser: Browser
let gateway: TestGateway
let health: RunningDepartment
let healthUrl: string
let police: RunningDepartment
let policeUrl: string
let db: Db
let page: Page

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  const callbacks = { gatewayUrl: '' }
  health = createReferenceDepartment('health', {
    dataDir: scratchFolder(),
    gatewayKeys: testGatewayKeys,
    signer: { keyId: healthKey.keyId, privateKey: loadPrivateKey(healthKey.privateKeyPem) },
    callbacks,
    officerPassword,
  })
  healthUrl = await health.listen(0)
  const policeCallbacks = { gatewayUrl: '' }
  police = createReferenceDepartment('traffic-police', {
    dataDir: scratchFolder(),
    gatewayKeys: testGatewayKeys,
    signer: { keyId: policeKey.keyId, privateKey: loadPrivateKey(policeKey.privateKeyPem) },
    callbacks: policeCallbacks,
    officerPassword,
  })
  policeUrl = await police.listen(0)
  await seedDemoCatalogue(
    db,
    { health: healthUrl, 'traffic-police': policeUrl },
    {
      health: { keyId: healthKey.keyId, publicKey: healthKey.publicKey },
      'traffic-police': { keyId: policeKey.keyId, publicKey: policeKey.publicKey },
    },
  )
  await seedDemoAccess(db, providerOf(databaseUrl))
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot, DELIVERY_INTERVAL_MS: '200' })
  callbacks.gatewayUrl = gateway.url
  policeCallbacks.gatewayUrl = gateway.url
  page = await browser.newPage({ viewport: { width: 1080, height: 1500 } })
  page.setDefaultTimeout(8000)
})

afterAll(async () => {
  await page?.close()
  await browser?.close()
  await gateway?.stop()
  await health?.close()
  await police?.close()
  await db?.$disconnect()
})

/** A day the Basic Health Units open (not Friday or Sunday), within the days they take bookings. */
function nextOpeningDay(): string {
  const day = new Date(Date.now() + 2 * 86_400_000)
  while (day.getUTCDay() === 0 || day.getUTCDay() === 5) day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

describe('applying for a free service', () => {
  it('goes from the guided form to the department’s approval, seen by the citizen', async () => {
    await page.goto(`${gateway.url}/#/sign-in`)
    await page.getByLabel('Identity number (CNIC)').fill(ayesha.identityNumber)
    await page.getByRole('button', { name: 'Send me a code' }).click()
    await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(db, ayesha.phone))
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'My records' }).waitFor()

    await page.getByRole('link', { name: 'Services' }).click()
    await page.getByRole('button', { name: 'Apply: Book a primary-care appointment' }).click()
    await page.getByRole('heading', { name: 'Book a primary-care appointment' }).waitFor()

    // Skipping the required answers is caught, with a summary that names each field.
    await page.getByLabel('Basic Health Unit').selectOption('bhu-shadbagh')
    await page.getByRole('button', { name: 'Review your answers' }).click()
    await page.getByRole('button', { name: 'Submit application' }).click()
    const summary = page.getByRole('alert')
    await summary.waitFor()
    expect(await summary.innerText()).toContain('Preferred day')
    expect(await summary.innerText()).toContain('Reason for the visit')

    await page.getByLabel('Preferred day').fill(nextOpeningDay())
    await page.getByLabel('Reason for the visit').fill('Fever and cough for three days')
    await page.getByRole('button', { name: 'Review your answers' }).click()
    const review = await page.getByTestId('review').innerText()
    expect(review).toContain('BHU Shadbagh')
    expect(review).toContain('Fever and cough for three days')
    await page.getByRole('button', { name: 'Submit application' }).click()

    const receipt = page.getByTestId('receipt')
    await receipt.waitFor()
    const trackingNumber = await page.getByTestId('tracking-number').innerText()
    expect(trackingNumber).toMatch(/^DZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/)
    await page.getByRole('img', { name: 'QR code to check this receipt' }).waitFor()
    const verificationCode = await page.getByTestId('verification-code').innerText()
    expect(verificationCode).toMatch(/^[0-9A-Z]{8}$/)
    // What was submitted, by the form's labels (the chosen option by its own), on screen and so printed.
    const answers = await page.getByTestId('receipt-answers').innerText()
    expect(answers).toContain('Basic Health Unit')
    expect(answers).toContain('BHU Shadbagh')
    expect(answers).toContain('Reason for the visit')
    expect(answers).toContain('Fever and cough for three days')
    await page.screenshot({ path: screenshotPath('application-receipt-en'), fullPage: true })

    // The delivery worker sends it; the department acknowledges it on its own.
    for (let tries = 0; tries < 50; tries++) {
      const application = await db.application.findUnique({ where: { trackingNumber } })
      if (application?.status === 'received') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }

    const officer = await browser.newPage({ httpCredentials: { username: 'officer', password: officerPassword } })
    await officer.goto(`${healthUrl}/officer`)
    const row = officer.locator(`tr[data-tracking="${trackingNumber}"]`)
    expect(await row.locator('.status').innerText()).toBe('received')
    await row.getByLabel('Status').selectOption('approved')
    await row.getByLabel('Message (English)').fill('Please come on 1 December at 10:00.')
    await row.getByLabel('Message (Urdu)').fill('براہ کرم یکم دسمبر کو صبح 10 بجے تشریف لائیں۔')
    await row.getByRole('button', { name: 'Send' }).click()
    await officer.getByText(`${trackingNumber} is now approved.`).waitFor()
    await officer.close()

    await page.getByRole('link', { name: 'See my applications' }).click()
    const mine = page.locator(`[data-tracking="${trackingNumber}"]`)
    await mine.waitFor()
    expect(await mine.getByTestId('application-status').innerText()).toBe('Approved')
    const timeline = await mine.locator('.dz-timeline').innerText()
    expect(timeline).toContain('Submitted')
    expect(timeline).toContain('Received by the department')
    expect(timeline).toContain('Please come on 1 December at 10:00.')
    await page.screenshot({ path: screenshotPath('my-applications-en'), fullPage: true })

    // Anyone with the receipt can check it on the public page the QR code opens; nothing personal shows.
    const stranger = await browser.newPage()
    await stranger.goto(`${gateway.url}/#/verify?t=${trackingNumber}&c=${verificationCode}`)
    const verified = stranger.getByTestId('verified')
    await verified.waitFor()
    expect(await verified.innerText()).toContain('Approved')
    expect(await verified.innerText()).toContain('Primary and Secondary Healthcare Department')
    expect(await stranger.locator('body').innerText()).not.toContain(ayesha.name)
    await stranger.getByLabel('Verification code').fill('AAAAAAAA')
    await stranger.getByRole('button', { name: 'Check' }).click()
    await stranger.getByText('No application matches this tracking number and verification code.').waitFor()
    await stranger.close()

    await page.getByRole('button', { name: 'اردو' }).click()
    expect(await mine.getByTestId('application-status').innerText()).toBe('منظور')
    expect(await mine.locator('.dz-timeline').innerText()).toContain('براہ کرم یکم دسمبر کو صبح 10 بجے تشریف لائیں۔')
  })
})

describe('applying for a paid service', () => {
  it('issues a payment slip, waits for payment, then goes to the department and is approved', async () => {
    // Still signed in from the journey above, which ended in Urdu.
    await page.getByRole('button', { name: 'English', exact: true }).click()
    await page.getByRole('link', { name: 'Services' }).click()
    await page.getByRole('button', { name: 'Apply: Renew a driving licence' }).click()
    await page.getByLabel('Medical certificate').setInputFiles({
      name: 'medical.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    })
    await page.getByText('Uploaded: medical.pdf').waitFor()
    await page.getByLabel('Licence number').fill('LHR-123456')
    await page.getByRole('radio', { name: 'Car' }).check()
    await page.getByRole('button', { name: 'Review your answers' }).click()
    expect(await page.getByTestId('review').innerText()).toMatch(/Rs\s?1,500/)
    await page.getByRole('button', { name: 'Submit application' }).click()
    await page.getByTestId('receipt').waitFor()
    const trackingNumber = await page.getByTestId('tracking-number').innerText()
    const psid = await page.getByTestId('psid').innerText()
    expect(psid).toMatch(/^\d{18}$/)
    expect(await page.getByTestId('payment-state').innerText()).toBe('not paid yet')
    await page.getByTestId('receipt-answers').getByText('LHR-123456').waitFor()
    expect(await page.getByTestId('receipt-answers').innerText()).toMatch(/Licence category\s+Car/)
    await page.screenshot({ path: screenshotPath('application-voucher-en'), fullPage: true })
    // The PDF, in the screen's language.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download PDF' }).click()
    const pdf = pdfLines(readFileSync(await (await download).path()))
    expect(pdf).toContain(trackingNumber)
    expect(pdf).toContain(psid)
    expect(pdf).toContain('Not paid yet')
    expect(pdf).toContain('LHR-123456')
    expect(pdf).toContain('Car')

    expect(
      await db.applicationDocument.count({
        where: { application: { trackingNumber }, requirement: 'Medical certificate' },
      }),
    ).toBe(1)
    // Not delivered while unpaid.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await db.outboxEntry.findFirstOrThrow({ where: { application: { trackingNumber } } })).state).toBe(
      'awaiting_payment',
    )

    const bank = await browser.newPage()
    await bank.goto(`${gateway.url}/dev/pay?psid=${psid}`)
    await bank.getByRole('button', { name: 'Pay 1500.00 PKR' }).click()
    await bank.getByText(`Paid ${psid}.`).waitFor()
    await bank.close()

    for (let tries = 0; tries < 50; tries++) {
      const application = await db.application.findUnique({ where: { trackingNumber } })
      if (application?.status === 'received') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const officer = await browser.newPage({ httpCredentials: { username: 'officer', password: officerPassword } })
    const setStatus = async (status: string, message?: { en: string; ur: string }) => {
      await officer.goto(`${policeUrl}/officer`)
      const row = officer.locator(`tr[data-tracking="${trackingNumber}"]`)
      await row.getByLabel('Status').selectOption(status)
      if (message) {
        await row.getByLabel('Message (English)').fill(message.en)
        await row.getByLabel('Message (Urdu)').fill(message.ur)
      }
      await row.getByRole('button', { name: 'Send' }).click()
      await officer.getByText(`${trackingNumber} is now ${status}.`).waitFor()
    }
    await setStatus('needs_information', {
      en: 'Which city issued your licence?',
      ur: 'آپ کا لائسنس کس شہر سے جاری ہوا؟',
    })

    // The citizen answers the department's question from My applications.
    await page.goto(`${gateway.url}/#/history`)
    const asked = page.locator(`[data-tracking="${trackingNumber}"]`)
    await asked.getByText('Which city issued your licence?').waitFor()
    await asked.getByLabel('Your answer to the department').fill('Lahore, in 2016.')
    await asked.getByLabel(/Documents to send with your answer/).setInputFiles({
      name: 'old-licence.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n% old\n'),
    })
    await asked.getByText('Uploaded: old-licence.pdf').waitFor()
    await asked.getByRole('button', { name: 'Send answer' }).click()
    await asked.getByText('Your answer is on its way to the department.').waitFor()
    for (let tries = 0; tries < 50; tries++) {
      const application = await db.application.findUnique({ where: { trackingNumber } })
      if (application?.status === 'in_review') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const sentWithAnswer = await db.applicationDocument.findFirst({
      where: { application: { trackingNumber }, requirement: 'answer' },
      include: { document: true },
    })
    expect(sentWithAnswer?.document.name).toBe('old-licence.pdf')
    await setStatus('approved')
    await officer.close()

    await page.goto(`${gateway.url}/#/services`)
    await page.goto(`${gateway.url}/#/history`)
    const mine = page.locator(`[data-tracking="${trackingNumber}"]`)
    await mine.waitFor()
    expect(await mine.getByTestId('application-status').innerText()).toBe('Approved')
    expect(await mine.getByTestId('payment-state').innerText()).toBe('paid')
  })
})

describe('answers the gateway refuses on different steps of the form', () => {
  it('links from the error summary to each field on its own step, focused, worded in the citizen’s language', async () => {
    // Still signed in from the journeys above, in English.
    await page.goto(`${gateway.url}/#/services`)
    await page.getByRole('button', { name: 'Apply: Register a birth and get a birth certificate' }).click()
    await page.getByText('Step 1 of 2').waitFor()
    await page.getByLabel('Child’s full name').fill('Z'.repeat(81))
    await page.getByLabel('Date of birth').fill('2026-10-30')
    await page.getByRole('radio', { name: 'Female' }).check()
    await page.getByLabel('Place of birth').fill('Services Hospital, Lahore')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.getByText('Step 2 of 2').waitFor()
    await page.getByLabel('Father’s CNIC').fill('123')
    await page.getByLabel('Mother’s CNIC').fill('3520198765432')
    await page.getByRole('button', { name: 'Review your answers' }).click()
    await page.getByRole('button', { name: 'Submit application' }).click()

    // The gateway's own words, with the limits; the form opens at the first step at fault.
    const summary = page.getByRole('alert')
    await summary.waitFor()
    const tooLong = summary.getByRole('link', { name: 'Child’s full name must be at most 80 characters' })
    const notDigits = summary.getByRole('link', { name: 'Father’s CNIC must be 13 digits' })
    await tooLong.waitFor()
    await notDigits.waitFor()
    await page.getByText('Step 1 of 2').waitFor()
    const focused = () => page.evaluate(() => document.activeElement?.id)

    // A link to a field on the next step shows that step and focuses the field.
    await notDigits.click()
    await page.getByText('Step 2 of 2').waitFor()
    expect(await focused()).toBe('field-fatherIdentityNumber')
    expect(await page.getByLabel('Father’s CNIC').inputValue()).toBe('123')
    // Typing there keeps the focus in the field (the summary does not take it back on each key).
    await page.keyboard.press('End')
    await page.keyboard.type('45')
    expect(await focused()).toBe('field-fatherIdentityNumber')
    expect(await page.getByLabel('Father’s CNIC').inputValue()).toBe('12345')

    // From the review of the answers, a link to a field on an earlier step goes back to it.
    await page.getByRole('button', { name: 'Review your answers' }).click()
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor()
    await summary.getByRole('link', { name: 'Child’s full name must be at most 80 characters' }).click()
    await page.getByText('Step 1 of 2').waitFor()
    expect(await focused()).toBe('field-childName')
    await page.getByLabel('Child’s full name').fill('Zainab Ali')

    // Sent in Urdu, the gateway answers in Urdu, naming the limit.
    await page.getByRole('button', { name: 'اردو' }).click()
    await page.getByRole('button', { name: 'جاری رکھیں', exact: true }).click()
    await page.getByLabel('والد کا شناختی کارڈ نمبر').fill('3520212345')
    await page.getByRole('button', { name: 'جوابات کا جائزہ لیں' }).click()
    await page.getByRole('button', { name: 'درخواست جمع کریں' }).click()
    const urdu = summary.getByRole('link', { name: 'والد کا شناختی کارڈ نمبر صرف 13 ہندسوں پر مشتمل ہونا چاہیے' })
    await urdu.waitFor()
    expect(await summary.innerText()).not.toContain('بچے کا پورا نام')
    await page.screenshot({ path: screenshotPath('application-field-error-ur'), fullPage: true })
    await urdu.click()
    expect(await focused()).toBe('field-fatherIdentityNumber')
    expect(await page.getByLabel('والد کا شناختی کارڈ نمبر').getAttribute('aria-invalid')).toBe('true')
    await page.getByRole('button', { name: 'English', exact: true }).click()
  })
})
