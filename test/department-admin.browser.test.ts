// A department admin edits a service in the web app with a live preview, is told every reason a
// version cannot be published, publishes it, and citizens see the new version; entries round-trip
// through JSON export and import. Debian's chromium drives the real web view.
import { readFile } from 'node:fs/promises'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'

let browser: Browser
let gateway: TestGateway
let db: Db
let page: Page

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
  page = await browser.newPage({ viewport: { width: 1400, height: 1600 }, acceptDownloads: true })
  return () => page.close()
})

async function signInAsDepartmentAdmin() {
  const admin = demoStaff.find((staff) => staff.role === 'department_admin')
  if (!admin) throw new Error('no demo department admin')
  await page.goto(`${gateway.url}/#/department`)
  await page.getByLabel('Username').fill(admin.username)
  await page.getByLabel('Password').fill(admin.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('heading', { name: "Your department's services" }).waitFor()
}

describe('department admin pages', () => {
  it('edits with a live preview, sees every refusal reason, publishes version 2, and citizens see it', async () => {
    await signInAsDepartmentAdmin()
    const row = page.locator('tr[data-service="driving-licence-renewal"]')
    expect(await row.innerText()).toContain('v1 published')
    await row.getByRole('button', { name: 'Edit' }).click()

    const preview = page.getByTestId('preview')
    await page.getByLabel('Title (English)').fill('Renew your driving licence')
    expect(await page.getByTestId('preview-title').innerText()).toBe('Renew your driving licence')
    await page.getByLabel('Title (Urdu)').fill('')
    await preview.getByRole('button', { name: 'Urdu', exact: true }).click()
    expect(await preview.getAttribute('dir')).toBe('rtl')
    await preview.getByRole('button', { name: 'English', exact: true }).click()
    // The preview renders the form the citizen will fill, from the schema and presentation hints.
    expect(await preview.getByLabel('Licence number').count()).toBe(1)

    await page.getByRole('button', { name: 'Publish' }).click()
    const problems = page.getByTestId('publish-problems')
    await problems.waitFor()
    expect(await problems.innerText()).toContain('title.ur: the Urdu title is missing')
    expect(await page.getByTestId('editor-notice').innerText()).toBe('Not published: fix the problems listed below.')
    await page.screenshot({ path: screenshotPath('department-admin-refused'), fullPage: true })

    await page.getByLabel('Title (Urdu)').fill('اپنے ڈرائیونگ لائسنس کی تجدید کریں')
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Version 2 is published. Citizens see it now.').waitFor()
    expect(await problems.count()).toBe(0)
    await page.screenshot({ path: screenshotPath('department-admin-published'), fullPage: true })

    const entry = (await gateway.client.catalogue.list.query()).find((item) => item.slug === 'driving-licence-renewal')
    expect(entry).toMatchObject({ version: 2, title: { en: 'Renew your driving licence' } })

    await page.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => row.innerText()).toContain('v2 published')
    expect(await row.innerText()).toContain('v1 retired')
  })

  it('exports an entry as JSON and imports it back into the editor', async () => {
    await signInAsDepartmentAdmin()
    await page.locator('tr[data-service="echallan-verification"]').getByRole('button', { name: 'Edit' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export as JSON' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('echallan-verification.json')
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { title: { en: string } }
    expect(exported.title.en).toBe('Verify an e-challan')

    exported.title.en = 'Check a traffic ticket'
    await page.getByText('Import from JSON').click()
    await page.getByLabel('Paste an exported entry').fill(JSON.stringify(exported))
    await page.getByRole('button', { name: 'Import into the editor' }).click()
    expect(await page.getByLabel('Title (English)').inputValue()).toBe('Check a traffic ticket')
    expect(await page.getByTestId('preview-title').innerText()).toBe('Check a traffic ticket')

    await page.getByLabel('Paste an exported entry').fill('{"slug": "Not A Slug"}')
    await page.getByRole('button', { name: 'Import into the editor' }).click()
    expect(await page.getByTestId('publish-problems').innerText()).toContain('slug')
  })
})
