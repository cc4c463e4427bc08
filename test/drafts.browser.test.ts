// Start here, finish there, in chromium: a citizen runs out of time at the kiosk, saves the form and
// takes the QR code; on their phone they sign in through the link and finish where they stopped.
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/accessibility.ts'
import { screenshotPath } from './support/browser.ts'
import { codeSentTo, enrolledKioskCredential } from './support/identity.ts'
import { installFakeKioskBridge } from './support/kiosk-bridge.ts'
import { startWebViewRun, type WebViewRun } from './support/web-view.ts'

const imran = demoCitizens[3]
if (!imran) throw new Error('the development registry needs demo citizens')

let run: WebViewRun
let kioskCredential: string

beforeAll(async () => {
  run = await startWebViewRun({ staff: true })
  kioskCredential = await enrolledKioskCredential(run.gateway, 'drafts')
})

afterAll(async () => {
  await run?.close()
})

async function signIn(page: Page) {
  await page.getByLabel('Identity number (CNIC)').fill(imran?.identityNumber ?? '')
  await page.getByRole('button', { name: 'Send me a code' }).click()
  await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(run.db, imran?.phone ?? ''))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

describe('an unfinished form', () => {
  it('is saved at the kiosk with a QR code and finished on the phone after signing in', async () => {
    const kiosk = await run.browser.newPage({ viewport: { width: 1080, height: 1600 }, bypassCSP: true })
    await kiosk.setExtraHTTPHeaders({ 'x-darwaza-kiosk': kioskCredential })
    await installFakeKioskBridge(kiosk, { idleSeconds: 600 })
    await kiosk.goto(`${run.gateway.url}/#/sign-in`)
    await signIn(kiosk)
    await kiosk.getByRole('heading', { name: 'My records' }).waitFor()
    await kiosk.getByRole('link', { name: 'Services' }).click()
    await kiosk.getByRole('button', { name: 'Apply: Book a primary-care appointment' }).click()
    await kiosk.getByLabel('Basic Health Unit').selectOption('bhu-raiwind')
    await kiosk.getByLabel('Reason for the visit').fill('Sore throat')
    await kiosk.getByRole('button', { name: 'Save and finish later, for example on your phone' }).click()
    const saved = kiosk.getByTestId('draft-saved')
    await saved.waitFor()
    await saved.getByRole('img', { name: 'QR code with the link to finish this form' }).waitFor()
    expect(await seriousViolations(kiosk)).toEqual([])
    await kiosk.screenshot({ path: screenshotPath('draft-saved-en') })
    await kiosk.getByTestId('finish').click()
    await kiosk.getByRole('heading', { name: 'Services' }).waitFor()
    await kiosk.close()

    // The phone: the link from the text message.
    await run.gateway.sendNotificationsNow()
    const sms = await run.db.devSmsMessage.findFirstOrThrow({
      where: { to: imran.phone },
      orderBy: { createdAt: 'desc' },
    })
    const code = sms.body.match(/#\/draft\?code=([A-Za-z0-9_-]{43})/)?.[1]
    expect(code).toBeDefined()
    const phone = await run.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true })
    await phone.goto(`${run.gateway.url}/#/draft?code=${code}`)
    await signIn(phone)
    await phone.getByRole('heading', { name: 'Book a primary-care appointment' }).waitFor()
    expect(await phone.getByLabel('Basic Health Unit').inputValue()).toBe('bhu-raiwind')
    expect(await phone.getByLabel('Reason for the visit').inputValue()).toBe('Sore throat')
    await phone.getByLabel('Preferred day').fill('2026-12-15')
    await phone.getByRole('button', { name: 'Review your answers' }).click()
    await phone.getByRole('button', { name: 'Submit application' }).click()
    await phone.getByTestId('receipt').waitFor()

    // Finished: it no longer shows as unfinished, and the link no longer opens it.
    await expect.poll(() => run.db.formDraft.count({ where: { submittedAt: null } }), { timeout: 5000 }).toBe(0)
    await phone.getByRole('link', { name: 'My records' }).first().click()
    await phone.getByTestId('applications').waitFor()
    expect(await phone.getByTestId('drafts').count()).toBe(0)
    await phone.goto(`${run.gateway.url}/#/draft?code=${code}`)
    await phone.getByText('This form can no longer be opened').waitFor()
    await phone.close()
  })
})
