// The web view in a real browser (Debian's chromium), served by a real gateway on a real SQLite file,
// talking to the real Traffic Police department over HTTP.
import path from 'node:path'
import { createTrafficPoliceServer, demoChallans } from '@darwaza/departments/traffic-police'
import { createDb, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { freshSqliteUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, testGatewayKeys, type TestGateway } from './support/gateway.ts'

let browser: Browser
let gateway: TestGateway
let db: Db
let department: ReturnType<typeof createTrafficPoliceServer>
let departmentUrl: string
let page: Page

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
  departmentUrl = await department.listen(0, '127.0.0.1')
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, { 'traffic-police': departmentUrl }, testDepartmentKeys())
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot })
})

afterAll(async () => {
  await browser?.close()
  await gateway?.stop()
  await department?.close()
  await db?.$disconnect()
})

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    // An HTTP error answer is logged by the browser too; those are expected in the failure tests.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      consoleErrors.push(message.text())
    }
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  await page.goto(`${gateway.url}/`)
  return async () => {
    await page.close()
    expect(consoleErrors, 'the page logged errors (a CSP violation shows up here)').toEqual([])
  }
})

async function openChallanCheck() {
  await page.getByRole('button', { name: 'Check now: Verify an e-challan' }).click()
  await page.getByRole('heading', { name: 'Verify an e-challan' }).waitFor()
}

async function checkChallan(number: string) {
  await page.getByLabel('E-challan number').fill(number)
  await page.getByRole('button', { name: 'Check', exact: true }).click()
}

describe('web view', () => {
  it('ships its code compressed to browsers that accept it, and plain to those that do not', async () => {
    const page = await (await fetch(`${gateway.url}/`)).text()
    const script = page.match(/src="\.?\/?(assets\/[^"]+\.js)"/)?.[1]
    expect(script).toBeDefined()
    const plain = await fetch(`${gateway.url}/${script}`, { headers: { 'accept-encoding': 'identity' } })
    const plainBytes = Buffer.from(await plain.arrayBuffer())
    expect(plain.headers.get('content-encoding')).toBeNull()
    // Node's fetch decodes what it asked for; the raw size is in content-length.
    const brotli = await fetch(`${gateway.url}/${script}`, { headers: { 'accept-encoding': 'br' } })
    expect(brotli.headers.get('content-encoding')).toBe('br')
    expect(Number(brotli.headers.get('content-length'))).toBeLessThan(plainBytes.length / 3)
    expect(Buffer.from(await brotli.arrayBuffer()).equals(plainBytes)).toBe(true)
    const gzip = await fetch(`${gateway.url}/${script}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
  })

  it('shows the catalogue from the gateway', async () => {
    await page.getByRole('heading', { name: 'Services' }).waitFor()
    const cards = page.locator('[data-service]')
    await expect.poll(() => cards.count()).toBe(11)
    expect(await page.locator('[data-service="echallan-verification"]').innerText()).toContain('Traffic Police')
    await page.screenshot({ path: screenshotPath('catalogue-en'), fullPage: true })
  })

  it('verifies an e-challan through the gateway and the department', async () => {
    await openChallanCheck()
    await checkChallan(unpaid.number)
    const record = page.locator('.dz-record')
    await record.waitFor()
    const text = await record.innerText()
    expect(text).toContain(unpaid.number)
    expect(text).toContain(unpaid.vehicle)
    expect(text).toMatch(/Rs\s?[\d,]+/)
    await page.screenshot({ path: screenshotPath('echallan-found-en'), fullPage: true })
  })

  it('says plainly when the department does not know the number', async () => {
    await openChallanCheck()
    await checkChallan('0000000000')
    await page.locator('[data-outcome="not-found"]').waitFor()
    expect(await page.locator('[data-outcome="not-found"]').innerText()).toContain('Not found')
  })

  it('points at the field when the number is malformed, and the summary takes focus', async () => {
    await openChallanCheck()
    await checkChallan('12345')
    const summary = page.getByRole('alert')
    await summary.waitFor()
    expect(await summary.innerText()).toContain('E-challan number must be 10 digits')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('dz-error-summary')
    await summary.getByRole('link').click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-challanNumber')
    expect(await page.getByLabel('E-challan number').getAttribute('aria-invalid')).toBe('true')
  })

  it('says the department cannot answer right now when it is down', async () => {
    await db.department.update({ where: { code: 'traffic-police' }, data: { baseUrl: 'http://127.0.0.1:9' } })
    try {
      await openChallanCheck()
      await checkChallan(unpaid.number)
      const alert = page.getByRole('alert')
      await alert.waitFor()
      expect(await alert.innerText()).toContain('The department cannot answer right now. Please try again later.')
    } finally {
      await db.department.update({ where: { code: 'traffic-police' }, data: { baseUrl: departmentUrl } })
    }
  })

  it('searches in English and romanized Urdu, and browses by topic', async () => {
    const found = () =>
      page.locator('[data-service]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-service')))
    await page.getByLabel('Search for a service').fill('paidaish')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('1 service found').waitFor()
    expect(await found()).toEqual(['birth-certificate'])
    await page.getByLabel('Search for a service').fill('jurmana')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('2 services found').waitFor()
    expect((await found()).sort()).toEqual(['echallan-payment', 'echallan-verification'])
    await page.getByLabel('Search for a service').fill('nothing-like-this-exists')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByText('No service matches “nothing-like-this-exists”').waitFor()
    await page.getByRole('button', { name: 'Show all services' }).click()
    const tile = page.getByRole('button', { name: 'Vehicles and transport' })
    await tile.click()
    expect(await tile.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => page.locator('[data-service]').count()).toBe(3)
  })

  it('shows what a service is, who can apply, the documents, fee, time and channels', async () => {
    await page.getByRole('button', { name: 'Apply: Renew a driving licence' }).click()
    await page.getByRole('heading', { name: 'Renew a driving licence' }).waitFor()
    const facts = await page.locator('.dz-service-facts').innerText()
    expect(facts).toContain('Holders of a licence issued in Punjab')
    expect(facts).toContain('Current driving licence')
    expect(facts).toContain('Upload with the application')
    expect(facts).toMatch(/Rs\s?1,500/)
    expect(facts).toContain('About 7 working days')
    expect(facts).toContain('At a service centre counter, with a clerk')
    await page.screenshot({ path: screenshotPath('service-page-en'), fullPage: true })
  })

  it('searches in Urdu script', async () => {
    await page.getByRole('button', { name: 'اردو' }).click()
    await page.getByLabel('خدمت تلاش کریں').fill('لائسنس')
    await page.getByRole('button', { name: 'تلاش کریں', exact: true }).click()
    await page.getByText('1 خدمت ملی').waitFor()
    expect(await page.locator('[data-service] h3').first().innerText()).toBe('ڈرائیونگ لائسنس کی تجدید')
    await page.screenshot({ path: screenshotPath('search-ur'), fullPage: true })
  })

  it('switches to Urdu, right to left', async () => {
    await page.getByRole('button', { name: 'اردو' }).click()
    await page.getByRole('heading', { name: 'خدمات' }).waitFor()
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ur',
      'rtl',
    ])
    expect(await page.locator('[data-service="echallan-verification"] h3').innerText()).toBe('ای چالان کی تصدیق')
    await page.getByRole('button', { name: 'ابھی معلوم کریں: ای چالان کی تصدیق' }).click()
    await page.getByLabel('ای چالان نمبر').fill(unpaid.number)
    await page.getByRole('button', { name: 'معلوم کریں', exact: true }).click()
    await page.locator('.dz-record').waitFor()
    await page.screenshot({ path: screenshotPath('echallan-found-ur'), fullPage: true })
  })

  it('switches to Arabic, right to left in Naskh, with the English service texts where a department wrote no Arabic', async () => {
    await page.getByRole('button', { name: 'العربية' }).click()
    await page.getByRole('heading', { name: 'الخدمات' }).waitFor()
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ])
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Noto Naskh Arabic')
    expect(await page.locator('[data-service="echallan-verification"] h3').innerText()).toBe('Verify an e-challan')
    await page.evaluate(() => document.fonts.ready)
    expect(await page.evaluate(() => document.fonts.check('20px "Noto Naskh Arabic"', 'الخدمات'))).toBe(true)
    await page.screenshot({ path: screenshotPath('catalogue-ar'), fullPage: true })
  })
})
