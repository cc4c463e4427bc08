// Signing in and the clerk's counter, in the web view in Debian's chromium, reading one-time codes
// from the development SMS provider as a citizen would read their phone.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo } from './support/identity.ts'

const [ayesha, bilal, fatima, imran] = demoCitizens
if (!ayesha || !bilal || !fatima || !imran) throw new Error('the development registry needs four demo citizens')

let browser: Browser
let gateway: TestGateway
let db: Db
let page: Page

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, { 'traffic-police': 'http://127.0.0.1:9' })
  await seedDemoAccess(db, providerOf(databaseUrl))
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot })
})

afterAll(async () => {
  await browser?.close()
  await gateway?.stop()
  await db?.$disconnect()
})

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1080, height: 1500 } })
  return () => page.close()
})

async function askForCode(identityNumber: string) {
  await page.goto(`${gateway.url}/#/sign-in`)
  await page.getByLabel('Identity number (CNIC)').fill(identityNumber)
  await page.getByRole('button', { name: 'Send me a code' }).click()
}

async function enterCode(code: string) {
  const field = page.getByLabel('Code', { exact: true })
  await field.waitFor()
  await field.fill(code)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

describe('citizen sign-in', () => {
  it('signs in with the code sent to the registered phone, shown masked, typed on the keypad', async () => {
    await page.goto(`${gateway.url}/#/sign-in`)
    for (const key of '35202-1234567-1')
      await page.getByRole('group', { name: 'Number pad' }).getByRole('button', { name: key, exact: true }).click()
    expect(await page.getByLabel('Identity number (CNIC)').inputValue()).toBe('35202-1234567-1')
    await page.getByRole('button', { name: 'Send me a code' }).click()
    await page.getByText('+92 ••• ••• 4567').waitFor()
    await page.screenshot({ path: screenshotPath('sign-in-code-en'), fullPage: true })
    await enterCode(await codeSentTo(db, ayesha.phone))
    await page.getByRole('heading', { name: 'My records' }).waitFor()
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Signed in as Ayesha Khan')
    expect(await page.locator('main').innerText()).toContain('35202-1234567-1')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('link', { name: 'Sign in' }).waitFor()
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0)
  })

  it('says so when the code is wrong, and lets the citizen try again', async () => {
    await askForCode(bilal.identityNumber)
    const code = await codeSentTo(db, bilal.phone)
    await enterCode(code === '123456' ? '654321' : '123456')
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('That code is not right. Check the text message and try again.')
    await enterCode(code)
    await page.getByRole('heading', { name: 'My records' }).waitFor()
  })

  it('refuses a malformed identity number, pointing at the field', async () => {
    await askForCode('12345')
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await alert.getByRole('link').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-identityNumber')
  })

  it('tells a locked-out identity that sign-in is paused, without sending a code', async () => {
    await db.otpChallenge.create({
      data: {
        purpose: 'sign_in',
        identityNumber: fatima.identityNumber,
        codeHash: 'x'.repeat(64),
        expiresAt: new Date(Date.now() + 60_000),
        failedAttempts: 10,
        requestedBy: 'ip:203.0.113.9',
      },
    })
    const sentBefore = await db.devSmsMessage.count({ where: { to: fatima.phone } })
    await askForCode(fatima.identityNumber)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('Sign-in is paused for an hour.')
    expect(await db.devSmsMessage.count({ where: { to: fatima.phone } })).toBe(sentBefore)
  })
})

describe('clerk counter', () => {
  it('starts an assisted session with the citizen’s code, ends it, and the citizen sees it', async () => {
    const clerk = demoStaff.find((staff) => staff.role === 'clerk')
    if (!clerk) throw new Error('no demo clerk')
    await page.goto(`${gateway.url}/#/staff`)
    await page.getByLabel('Username').fill(clerk.username)
    await page.getByLabel('Password').fill(clerk.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'Help a citizen' }).waitFor()
    await page.getByLabel('Identity number (CNIC)').fill('37405-9876543-5')
    await page.getByRole('button', { name: 'Ask for consent' }).click()
    await page.getByLabel('Code the citizen reads to you').fill(await codeSentTo(db, imran.phone))
    await page.getByRole('button', { name: 'Start helping' }).click()
    await page.getByTestId('assisted-session').waitFor()
    expect(await page.getByTestId('assisted-session').innerText()).toContain('You are helping Imran Hussain')

    // The clerk applies for a service on the citizen's behalf.
    await page
      .getByLabel('Apply for a service for this citizen')
      .selectOption({ label: 'Book a primary-care appointment' })
    await page.getByLabel('Basic Health Unit').selectOption('bhu-raiwind')
    await page.getByLabel('Preferred day').fill('2026-12-03')
    await page.getByLabel('Reason for the visit').fill('Follow-up visit')
    await page.getByRole('button', { name: 'Review your answers' }).click()
    await page.getByRole('button', { name: 'Submit application' }).click()
    const trackingNumber = await page.getByTestId('tracking-number').innerText()
    const application = await db.application.findUniqueOrThrow({
      where: { trackingNumber },
      include: { citizen: true },
    })
    expect(application.channel).toBe('assisted')
    expect(application.citizen.name).toBe('Imran Hussain')
    const cash = page.getByTestId('counter-cash')
    await cash.getByText('The citizen has no payment slips left to pay.').waitFor()

    // A paid service: the citizen pays the fee in cash at the counter, and the clerk records it.
    await page.getByRole('button', { name: 'Choose another service' }).click()
    await page.getByLabel('Apply for a service for this citizen').selectOption({ label: 'Renew a driving licence' })
    await page.getByLabel('Licence number').fill('LHR-654321')
    await page.getByRole('radio', { name: 'Car' }).check()
    await page.getByRole('button', { name: 'Review your answers' }).click()
    await page.getByRole('button', { name: 'Submit application' }).click()
    const psid = await page.getByTestId('psid').innerText()
    const slip = cash.locator(`li[data-psid="${psid}"]`)
    await slip.waitFor()
    expect(await slip.getByTestId('cash-amount').innerText()).toMatch(/Rs\s?1,500/)
    await slip.getByRole('button', { name: 'Record cash paid' }).click()
    expect(await slip.innerText()).toMatch(
      new RegExp(`Did you receive Rs\\s?1,500 in cash for payment slip ${psid}\\?`),
    )
    await slip.getByLabel('Number of the counter’s cash receipt').fill('CASH-0042')
    await slip.getByRole('button', { name: /^Yes, Rs\s?1,500 received$/ }).click()
    await cash.getByText(`Cash recorded for payment slip ${psid}.`).waitFor()
    await cash.getByText('The citizen has no payment slips left to pay.').waitFor()
    expect(await db.paymentVoucher.findUniqueOrThrow({ where: { psid } })).toMatchObject({
      state: 'paid',
      paidVia: 'counter',
      paymentReference: 'counter:CASH-0042',
    })
    const recorded = await db.auditEvent.findFirstOrThrow({ where: { event: 'payment.recorded' } })
    expect(recorded.actor).toMatch(/^staff:/)
    expect(recorded.onBehalfOf).toBe(`citizen:${application.citizenId}`)
    expect(recorded.device).toMatch(/^ip:/)
    await page.screenshot({ path: screenshotPath('clerk-assisted-en'), fullPage: true })
    await page.getByRole('button', { name: 'Finish helping' }).click()
    await page.getByText('The assisted session has ended.').waitFor()
    await page.getByRole('button', { name: 'Sign out' }).click()
    // Signing out finishes by returning to the services screen; wait for it before navigating on.
    await page.getByRole('link', { name: 'Sign in' }).waitFor()

    await askForCode(imran.identityNumber)
    await enterCode(await codeSentTo(db, imran.phone))
    const assisted = page.getByTestId('assisted-sessions')
    await assisted.waitFor()
    const text = await assisted.innerText()
    expect(text).toContain('Sana Tariq helped you')
    expect(text).toContain('You agreed with a code sent to your phone.')
    expect(text).toContain('Looked at your applications')
    expect(text).toContain('Finished')
  })
})
