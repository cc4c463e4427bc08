// At a kiosk there is no physical keyboard: an on-screen one appears while a text field has the
// focus, in the screen's language, and a number pad for numbers. Chromium runs the real web view
// with a stand-in for the shell's bridge.
import path from 'node:path'
import { createDb, type Db } from '@darwaza/db'
import { createTrafficPoliceServer, demoChallans } from '@darwaza/departments/traffic-police'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/accessibility.ts'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { freshSqliteUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type TestGateway } from './support/gateway.ts'
import { installFakeKioskBridge } from './support/kiosk-bridge.ts'

let browser: Browser
let gateway: TestGateway
let db: Db
let department: ReturnType<typeof createTrafficPoliceServer>

const unpaid = demoChallans.find((challan) => challan.status === 'unpaid')
if (!unpaid) throw new Error('the demo data has no unpaid e-challan')

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  department = createTrafficPoliceServer({
    dataFile: path.join(scratchFolder(), 'traffic-police.db'),
    gatewayKeys: testGatewayKeys,
    signer: testDepartmentSigner('traffic-police'),
  })
  const departmentUrl = await department.listen(0, '127.0.0.1')
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, { 'traffic-police': departmentUrl }, testDepartmentKeys())
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot, DELIVERY_WORKER: 'off' })
})

afterAll(async () => {
  await browser?.close()
  await gateway?.stop()
  await department?.close()
  await db?.$disconnect()
})

async function kioskPage(): Promise<Page> {
  // bypassCSP lets axe-core run in the page; the app itself is unchanged.
  const page = await browser.newPage({ viewport: { width: 1080, height: 1400 }, bypassCSP: true })
  await installFakeKioskBridge(page, { idleSeconds: 600 })
  await page.goto(`${gateway.url}/`)
  return page
}

const keyboard = (page: Page) => page.getByRole('group', { name: /On-screen keyboard|اسکرین کی بورڈ/ })

async function tap(page: Page, keys: string[]) {
  for (const key of keys) await keyboard(page).getByRole('button', { name: key, exact: true }).click()
}

describe('on-screen keyboard', () => {
  it('types into the search box in English, corrects a mistake, and leaves with Done', async () => {
    const page = await kioskPage()
    const search = page.getByLabel('Search for a service')
    expect(await keyboard(page).count()).toBe(0)
    await search.click()
    await keyboard(page).waitFor()
    await tap(page, ['p', 'a', 'i', 'd', 'x'])
    await tap(page, ['Delete'])
    await tap(page, ['a', 'i', 's', 'h'])
    expect(await search.inputValue()).toBe('paidaish')
    expect(await seriousViolations(page)).toEqual([])
    expect(await search.evaluate((field) => field === document.activeElement)).toBe(true)
    await tap(page, ['Done'])
    await expect.poll(() => keyboard(page).count()).toBe(0)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('1 service found').waitFor()
    expect(await page.locator('[data-service]').getAttribute('data-service')).toBe('birth-certificate')
    await page.close()
  })

  it('shows Urdu letters when the screen is in Urdu', async () => {
    const page = await kioskPage()
    await page.getByRole('button', { name: 'اردو' }).click()
    const search = page.getByLabel('خدمت تلاش کریں')
    await search.click()
    await keyboard(page).waitFor()
    expect(await keyboard(page).getAttribute('lang')).toBe('ur')
    await tap(page, ['ل', 'ا', 'ئ', 'س', 'ن', 'س'])
    expect(await search.inputValue()).toBe('لائسنس')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshotPath('on-screen-keyboard-ur'), fullPage: false })
    await page.getByRole('button', { name: 'تلاش کریں', exact: true }).click()
    await page.getByText('1 خدمت ملی').waitFor()
    await page.close()
  })

  it('offers a number pad for an e-challan number, and the look-up answers', async () => {
    const page = await kioskPage()
    await page.getByRole('button', { name: 'Check now: Verify an e-challan' }).click()
    await page.getByLabel('E-challan number').click()
    await keyboard(page).waitFor()
    expect(await keyboard(page).getByRole('button', { name: 'q', exact: true }).count()).toBe(0)
    await tap(page, [...unpaid.number])
    expect(await page.getByLabel('E-challan number').inputValue()).toBe(unpaid.number)
    await page.getByRole('button', { name: 'Check', exact: true }).click()
    expect(await page.locator('.dz-record').innerText()).toContain(unpaid.vehicle)
    await page.close()
  })

  it('does not appear in the web view, where people have their own keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
    await page.goto(`${gateway.url}/`)
    await page.getByLabel('Search for a service').click()
    await page.keyboard.type('licence')
    expect(await keyboard(page).count()).toBe(0)
    await page.close()
  })
})
