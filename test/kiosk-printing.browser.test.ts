// At a kiosk the receipt prints silently through the shell; when printing fails the screen says so
// and offers the other ways to keep it (the QR code, the text message). Chromium runs the real web
// view with a stand-in for the shell's bridge.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo } from './support/identity.ts'
import { installFakeKioskBridge, pushKioskState } from './support/kiosk-bridge.ts'

let browser: Browser
let gateway: TestGateway
let db: Db

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, {})
  await seedDemoAccess(db, providerOf(databaseUrl))
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot, DELIVERY_WORKER: 'off' })
})

afterAll(async () => {
  await browser?.close()
  await gateway?.stop()
  await db?.$disconnect()
})

async function applyAndReachReceipt(page: Page, citizen: { identityNumber: string; phone: string }) {
  await page.goto(`${gateway.url}/#/sign-in`)
  await page.getByLabel('Identity number (CNIC)').fill(citizen.identityNumber)
  await page.getByRole('button', { name: 'Send me a code' }).click()
  await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(db, citizen.phone))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('heading', { name: 'My records' }).waitFor()
  await page.getByRole('link', { name: 'Services' }).click()
  await page.getByRole('button', { name: 'Apply: Book a primary-care appointment' }).click()
  await page.getByLabel('Basic Health Unit').selectOption('bhu-kot-lakhpat')
  await page.getByLabel('Preferred day').fill('2026-12-01')
  await page.getByLabel('Reason for the visit').fill('Check-up')
  await page.getByRole('button', { name: 'Review your answers' }).click()
  await page.getByRole('button', { name: 'Submit application' }).click()
  await page.getByTestId('receipt').waitFor()
  await page.getByRole('img', { name: 'QR code to check this receipt' }).waitFor()
  return page.getByTestId('tracking-number').innerText()
}

describe('kiosk receipt printing', () => {
  it('prints the receipt silently and says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
    const calls = await installFakeKioskBridge(page, { idleSeconds: 600 })
    const trackingNumber = await applyAndReachReceipt(page, demoCitizens[1] ?? { identityNumber: '', phone: '' })
    await page.getByRole('button', { name: 'Print receipt' }).click()
    await page.getByText('Your receipt is printing.').waitFor()
    expect(calls.printed).toHaveLength(1)
    expect(calls.printed[0]).toContain(trackingNumber)
    await page.close()
  })

  it('says when the printer fails and points to the QR code and the text message', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
    await installFakeKioskBridge(page, { idleSeconds: 600, printFails: 'printer out of paper' })
    await applyAndReachReceipt(page, demoCitizens[2] ?? { identityNumber: '', phone: '' })
    await page.getByRole('button', { name: 'Print receipt' }).click()
    const failed = page.getByTestId('print-failed')
    await failed.waitFor()
    expect(await failed.innerText()).toContain('The receipt could not be printed. Scan the QR code above')
    expect(await page.getByRole('img', { name: 'QR code to check this receipt' }).isVisible()).toBe(true)
    await page.screenshot({ path: screenshotPath('kiosk-print-failed-en'), fullPage: true })
    await page.close()
  })

  it('says so as soon as the shell reports the printer down, and when the kiosk is withdrawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
    await installFakeKioskBridge(page, { idleSeconds: 600 })
    await page.goto(`${gateway.url}/`)
    await page.getByRole('heading', { name: 'Services' }).waitFor()
    expect(await page.getByTestId('printer-state').count()).toBe(0)
    await pushKioskState(page, { enrolment: 'enrolled', printerProblem: 'out of paper' })
    await page.getByTestId('printer-state').getByText('The printer is not working right now.').waitFor()
    await pushKioskState(page, { enrolment: 'revoked', printerProblem: null })
    await page.getByTestId('kiosk-state').getByText('This kiosk is out of service.').waitFor()
    expect(await page.getByTestId('printer-state').count()).toBe(0)
    await page.close()
  })
})
