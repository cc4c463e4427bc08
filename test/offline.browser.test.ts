// When the gateway goes away, the screen says the service is temporarily unavailable, in the
// citizen's language, keeps everything they typed, tells them their application was not submitted,
// and recovers by itself when the gateway is back; submitting again then makes exactly one
// application. The gateway process is really stopped and started again on the same address.
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

const [first] = demoCitizens
if (!first) throw new Error('the development registry needs demo citizens')
const ayesha = first

let browser: Browser
let gateway: TestGateway
let db: Db
let page: Page
let env: Record<string, string>

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, {})
  await seedDemoAccess(db, providerOf(databaseUrl))
  env = { DATABASE_URL: databaseUrl, WEB_ROOT: webRoot, DELIVERY_WORKER: 'off' }
  gateway = await startTestGateway(env)
  page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
  page.setDefaultTimeout(10_000)
})

afterAll(async () => {
  await page?.close()
  await browser?.close()
  await gateway?.stop()
  await db?.$disconnect()
})

describe('gateway outage', () => {
  it('shows the service as unavailable, keeps what was typed, and recovers by itself', async () => {
    await page.goto(`${gateway.url}/#/sign-in`)
    await page.getByLabel('Identity number (CNIC)').fill(ayesha.identityNumber)
    await page.getByRole('button', { name: 'Send me a code' }).click()
    await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(db, ayesha.phone))
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'My records' }).waitFor()
    await page.getByRole('link', { name: 'Services' }).click()
    await page.getByRole('button', { name: 'Apply: Book a primary-care appointment' }).click()
    await page.getByLabel('Basic Health Unit').selectOption('bhu-raiwind')
    await page.getByLabel('Preferred day').fill('2026-12-01')
    await page.getByLabel('Reason for the visit').fill('Follow-up after the fever')
    await page.getByRole('button', { name: 'Review your answers' }).click()

    const port = new URL(gateway.url).port
    await gateway.stop()
    await page.getByRole('button', { name: 'Submit application' }).click()
    const offline = page.getByTestId('offline')
    await offline.waitFor()
    expect(await offline.innerText()).toContain('This service is temporarily unavailable')
    expect(await offline.innerText()).toContain('What you have typed stays on this screen.')
    await page.screenshot({ path: screenshotPath('offline-en') })
    expect(await db.application.count()).toBe(0)

    gateway = await startTestGateway({ ...env, PORT: port })
    await offline.waitFor({ state: 'detached' })
    // Nothing typed was lost, and the citizen is told the application did not go.
    const review = await page.getByTestId('review').innerText()
    expect(review).toContain('BHU Raiwind')
    expect(review).toContain('Follow-up after the fever')
    expect(await page.getByRole('alert').innerText()).toContain('Your application has not been submitted.')

    await page.getByRole('button', { name: 'Submit application' }).click()
    await page.getByTestId('receipt').waitFor()
    expect(await db.application.count()).toBe(1)
  })
})
