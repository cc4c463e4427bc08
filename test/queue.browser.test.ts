// The queue in chromium: a walk-in citizen takes a ticket at a kiosk (printed, with the wait), the
// hall display shows it being called without a reload, and the clerk serves it in an assisted
// session linked to the ticket. axe checks the new screens in English and Urdu.
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/accessibility.ts'
import { screenshotPath } from './support/browser.ts'
import { codeSentTo, demoPassword, enrolledKioskCredential } from './support/identity.ts'
import { installFakeKioskBridge } from './support/kiosk-bridge.ts'
import { startWebViewRun, type WebViewRun } from './support/web-view.ts'

const imran = demoCitizens[1]
if (!imran) throw new Error('the development registry needs demo citizens')

let run: WebViewRun
let kioskCredential: string

beforeAll(async () => {
  run = await startWebViewRun({ staff: true, env: { HALL_BOARD_REFRESH_MS: '300' } })
  kioskCredential = await enrolledKioskCredential(run.gateway, 'Hall A')
})

afterAll(async () => {
  await run?.close()
})

/** A kiosk page: the shell's bridge, and the device credential the shell's main process would attach. */
async function kioskPage(): Promise<{ page: Page; printed: { kinds: string[]; html: string[] } }> {
  const page = await run.browser.newPage({ viewport: { width: 1080, height: 1400 }, bypassCSP: true })
  await page.setExtraHTTPHeaders({ 'x-darwaza-kiosk': kioskCredential })
  const calls = await installFakeKioskBridge(page, { idleSeconds: 600 })
  await page.goto(`${run.gateway.url}/`)
  return { page, printed: { kinds: calls.printedKinds, html: calls.printed } }
}

describe('queue tickets, the hall display and the counter', () => {
  let hall: Page

  it('gives a walk-in citizen a printed ticket with the number ahead and the wait', async () => {
    hall = await run.browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true })
    await hall.goto(`${run.gateway.url}/#/hall?centre=lahore-gulberg`)
    await hall.getByText('No number has been called yet today.').waitFor()
    expect(await hall.getByRole('heading', { level: 1 }).innerText()).toBe('Gulberg Service Centre, Lahore')

    const { page, printed } = await kioskPage()
    await page.getByRole('link', { name: 'Ticket for a counter' }).click()
    await page.getByRole('heading', { name: 'Take a ticket for a counter' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Health' }).click()
    await page.getByTestId('queue-ticket').waitFor()
    expect(await page.getByTestId('ticket-number').innerText()).toBe('H-001')
    expect(await page.getByTestId('ticket-wait').innerText()).toBe(
      '0 people are ahead of you. You should be called very soon.',
    )
    await page.getByText('Your ticket is printing.').waitFor()
    expect(printed.kinds).toEqual(['ticket'])
    expect(printed.html[0]).toContain('H-001')
    expect(printed.html[0]).not.toContain('<button')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshotPath('queue-ticket-en') })

    // The next citizen, in Urdu, is told one person is ahead.
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('button', { name: 'اردو' }).click()
    await page.getByRole('link', { name: 'کاؤنٹر کا ٹکٹ' }).click()
    await page.getByRole('button', { name: 'گاڑیاں اور ٹرانسپورٹ' }).click()
    expect(await page.getByTestId('ticket-number').innerText()).toBe('V-002')
    expect(await page.getByTestId('ticket-wait').innerText()).toContain('آپ سے پہلے 1 شخص ہے۔')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshotPath('queue-ticket-ur') })
    await page.close()

    await expect.poll(() => hall.getByTestId('hall-waiting').innerText()).toBe('2 people waiting')
  })

  it('calls the ticket to the counter, shows it on the hall display at once, and links the assisted session', async () => {
    const page = await run.browser.newPage({ viewport: { width: 1280, height: 1200 } })
    await page.goto(`${run.gateway.url}/#/staff`)
    await page.getByLabel('Username').fill('clerk')
    await page.getByLabel('Password').fill(demoPassword('clerk'))
    await page.getByRole('button', { name: 'Sign in' }).click()
    const queue = page.getByTestId('counter-queue')
    await queue.getByText('2 tickets waiting').waitFor()
    await queue.getByLabel('Your counter').fill('3')
    await queue.getByRole('button', { name: 'Call the next ticket' }).click()
    await page.getByTestId('current-ticket').getByText('Ticket H-001 is called to counter 3.').waitFor()

    // The hall display follows without a reload.
    await expect.poll(() => hall.getByTestId('hall-latest').innerText()).toMatch(/H-001\s*→\s*Counter 3/)
    expect(await hall.getByTestId('hall-waiting').innerText()).toBe('1 person waiting')
    expect(await seriousViolations(hall)).toEqual([])
    await hall.screenshot({ path: screenshotPath('hall-display-en') })

    await page.getByLabel('Identity number (CNIC)').fill(imran.identityNumber)
    await page.getByRole('button', { name: 'Ask for consent' }).click()
    await page.getByLabel('Code the citizen reads to you').fill(await codeSentTo(run.db, imran.phone))
    await page.getByRole('button', { name: 'Start helping' }).click()
    await page.getByTestId('assisted-ticket').getByText('For ticket H-001').waitFor()
    await page.getByRole('button', { name: 'Finish helping' }).click()
    await queue.getByText('1 ticket waiting').waitFor()
    expect(await page.getByTestId('current-ticket').count()).toBe(0)

    const ticket = await run.db.queueTicket.findFirstOrThrow({
      where: { number: 'H-001' },
      select: { state: true, citizenId: true },
    })
    const citizen = await run.db.citizen.findFirstOrThrow({ where: { name: imran.name }, select: { id: true } })
    expect(ticket).toEqual({ state: 'done', citizenId: citizen.id })
    // A display set up in Urdu reads right to left.
    const urdu = await run.browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true })
    await urdu.goto(`${run.gateway.url}/#/hall?centre=lahore-gulberg&lang=ur`)
    await urdu.getByRole('heading', { name: 'گلبرگ سروس سینٹر، لاہور' }).waitFor()
    expect(await urdu.evaluate(() => document.documentElement.dir)).toBe('rtl')
    expect(await urdu.getByTestId('hall-waiting').innerText()).toBe('1 شخص انتظار میں')
    expect(await seriousViolations(urdu)).toEqual([])
    await urdu.screenshot({ path: screenshotPath('hall-display-ur') })
    await urdu.close()
    await page.close()
    await hall.close()
  })
})
