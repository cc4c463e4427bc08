// At a kiosk there is no physical keyboard: an on-screen one appears while a text field has the
// focus, in the screen's language, and a number pad for numbers. Chromium runs the real web view
// with a stand-in for the shell's bridge.
import { demoChallans } from '@darwaza/departments/traffic-police'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/accessibility.ts'
import { screenshotPath } from './support/browser.ts'
import { installFakeKioskBridge } from './support/kiosk-bridge.ts'
import { startWebViewRun, type WebViewRun } from './support/web-view.ts'

let run: WebViewRun

const unpaid = demoChallans.find((challan) => challan.status === 'unpaid')
if (!unpaid) throw new Error('the demo data has no unpaid e-challan')

beforeAll(async () => {
  run = await startWebViewRun({ trafficPolice: true })
})

afterAll(async () => {
  await run?.close()
})

async function kioskPage(): Promise<Page> {
  // bypassCSP lets axe-core run in the page; the app itself is unchanged.
  const page = await run.browser.newPage({ viewport: { width: 1080, height: 1400 }, bypassCSP: true })
  await installFakeKioskBridge(page, { idleSeconds: 600 })
  await page.goto(`${run.gateway.url}/`)
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
    const page = await run.browser.newPage({ viewport: { width: 1080, height: 1400 } })
    await page.goto(`${run.gateway.url}/`)
    await page.getByLabel('Search for a service').click()
    await page.keyboard.type('licence')
    expect(await keyboard(page).count()).toBe(0)
    await page.close()
  })
})
