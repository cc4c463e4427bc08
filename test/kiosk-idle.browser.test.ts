// A kiosk forgets each citizen when they leave: after the idle time it warns, with a countdown and
// an "I need more time" button; unanswered, it signs the citizen out on the server, clears what the
// browser kept and returns to the welcome screen, and neither back nor reload brings anything back.
// "Finish" does the same at once. Chromium runs the real web view with a stand-in for the shell's
// bridge (the preload), and a controlled clock.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo } from './support/identity.ts'
import { installFakeKioskBridge, type FakeBridgeCalls } from './support/kiosk-bridge.ts'

const [first] = demoCitizens
if (!first) throw new Error('the development registry needs demo citizens')
const ayesha = first
const idleSeconds = 60

let browser: Browser
let gateway: TestGateway
let db: Db
let page: Page
let calls: FakeBridgeCalls

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, {})
  await seedDemoAccess(db, providerOf(databaseUrl))
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot })
})

afterAll(async () => {
  await browser?.close()
  await gateway?.stop()
  await db?.$disconnect()
})

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
  page.setDefaultTimeout(15_000)
  calls = await installFakeKioskBridge(page, { idleSeconds })
  return () => page.close()
})

async function signIn() {
  await page.goto(`${gateway.url}/#/sign-in`)
  await page.getByLabel('Identity number (CNIC)').fill(ayesha.identityNumber)
  await page.getByRole('button', { name: 'Send me a code' }).click()
  await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(db, ayesha.phone))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('heading', { name: 'My records' }).waitFor()
  expect(await page.locator('body').innerText()).toContain('Ayesha Khan')
}

const liveSessions = () =>
  db.session.count({ where: { citizen: { identityNumber: ayesha.identityNumber }, revokedAt: null } })

async function expectForgotten() {
  await page.getByRole('heading', { name: 'Services' }).or(page.getByRole('searchbox')).first().waitFor()
  expect(page.url()).toMatch(/#\/services$/)
  expect(await page.locator('body').innerText()).not.toContain('Ayesha Khan')
  expect(await liveSessions()).toBe(0)
  expect(calls.wipes).toBe(1)
  for (const step of [() => page.goBack(), () => page.reload()]) {
    await step()
    await page.locator('main').waitFor()
    const shown = await page.locator('body').innerText()
    expect(shown).not.toContain('Ayesha Khan')
    expect(shown).not.toContain('My records')
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0)
  }
}

describe('kiosk idle wipe', () => {
  it('warns after the idle time, gives more time on request, then forgets the citizen', async () => {
    await page.clock.install()
    await signIn()
    expect(await liveSessions()).toBeGreaterThan(0)

    await page.clock.runFor((idleSeconds + 1) * 1000)
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' })
    await warning.waitFor()
    expect(await page.getByTestId('idle-countdown').innerText()).toMatch(/cleared in (29|30) seconds/)
    // The one large button has the focus, so a key press or a touch carries on.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('I need more time')
    await page.screenshot({ path: screenshotPath('kiosk-idle-warning-en'), fullPage: true })
    await page.getByRole('button', { name: 'I need more time' }).click()
    await warning.waitFor({ state: 'detached' })
    expect(await page.locator('body').innerText()).toContain('Ayesha Khan')
    expect(calls.wipes).toBe(0)

    await page.clock.runFor((idleSeconds + 10) * 1000)
    await warning.waitFor()
    await page.clock.runFor(25_000)
    expect(calls.wipes).toBe(0)
    await page.clock.runFor(10_000)
    await expectForgotten()
  })

  it('forgets the citizen at once when they press Finish', async () => {
    await signIn()
    await page.getByRole('button', { name: 'Finish' }).click()
    await expectForgotten()
  })
})
