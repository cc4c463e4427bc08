// Full keyboard operation in chromium: every control is reached with Tab, shows where the focus is,
// and a look-up can be done from start to answer without a mouse or a touch.
import { demoChallans } from '@darwaza/departments/traffic-police'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

interface Stop {
  name: string
  visibleFocus: boolean
}

/** Where the focus is now, by its accessible-ish name, and whether a sighted user can see it. */
async function focused(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return { name: '(body)', visibleFocus: false }
    const style = getComputedStyle(element)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    const ring = style.boxShadow !== 'none'
    const label = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''
    const name = `${element.tagName.toLowerCase()}:${(element as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? label}`
    return { name: name.slice(0, 80), visibleFocus: outline || ring }
  })
}

async function tabUntil(page: Page, wanted: RegExp, limit = 80): Promise<Stop[]> {
  const stops: Stop[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const stop = await focused(page)
    stops.push(stop)
    if (wanted.test(stop.name)) return stops
  }
  throw new Error(`Tab never reached ${wanted}; it went through: ${stops.map((stop) => stop.name).join(' | ')}`)
}

describe('keyboard operation', () => {
  it('reaches every control of the catalogue with Tab, each showing its focus', async () => {
    const page = await run.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await page.goto(`${run.gateway.url}/`)
    await page.locator('[data-service]').first().waitFor()
    const stops = await tabUntil(page, /Verify an e-challan/)
    const names = stops.map((stop) => stop.name)
    expect(names.some((name) => /English/.test(name))).toBe(true)
    expect(names.some((name) => /اردو/.test(name))).toBe(true)
    expect(names.some((name) => /Search for a service/.test(name))).toBe(true)
    expect(stops.filter((stop) => !stop.visibleFocus)).toEqual([])
    await page.close()
  })

  it('does a look-up from start to answer with the keyboard alone', async () => {
    const page = await run.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await page.goto(`${run.gateway.url}/`)
    await page.locator('[data-service]').first().waitFor()
    await tabUntil(page, /Check now: Verify an e-challan/)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Verify an e-challan' }).waitFor()
    await tabUntil(page, /E-challan number/)
    await page.keyboard.type(unpaid.number)
    await page.keyboard.press('Enter')
    const record = page.locator('.dz-record')
    await record.waitFor()
    expect(await record.innerText()).toContain(unpaid.vehicle)
    // Back to the catalogue, still by keyboard.
    await page.keyboard.down('Shift')
    const back = await tabUntil(page, /Back/)
    await page.keyboard.up('Shift')
    expect(back.at(-1)?.visibleFocus).toBe(true)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Services' }).waitFor()
    await page.close()
  })
})
