// The kiosk emulator the demo runs: the real web view in chromium, with no stand-in bridge of the
// test's own. It is an enrolled kiosk (its credential goes to the gateway, never to the page), prints
// through the shell's own print layout, and a citizen can take a ticket and sign in as at a kiosk.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import path from 'node:path'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKioskEmulator } from '../apps/kiosk/emulator/kiosk-emulator.ts'
import { scratchFolder } from './support/databases.ts'
import { codeSentTo, enrolledKioskCredential } from './support/identity.ts'
import { startWebViewRun, type WebViewRun } from './support/web-view.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

let run: WebViewRun
let emulator: ReturnType<typeof createKioskEmulator>
let emulatorUrl: string
let credential: string
const printedDir = path.join(scratchFolder(), 'printed')

beforeAll(async () => {
  run = await startWebViewRun({ staff: true })
  credential = await enrolledKioskCredential(run.gateway, 'emulator')
  emulator = createKioskEmulator({
    gatewayUrl: run.gateway.url,
    credential,
    webRoot: run.webRoot,
    printedDir,
    label: 'emulator',
    idleSeconds: 600,
    defaultLanguage: 'en',
    paperFormat: 'thermal-80mm',
  })
  emulatorUrl = await emulator.listen(0)
})

afterAll(async () => {
  await emulator?.close()
  await run?.close()
})

/** A GET with its path sent exactly as written (fetch would resolve the dot segments itself). */
function rawGet(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(emulatorUrl)
    const request = httpRequest({ hostname, port, path: target, method: 'GET' }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
    request.end()
  })
}

describe('the kiosk emulator', () => {
  it('is an enrolled kiosk whose credential the page never sees, and prints on the kiosk’s paper', async () => {
    const page = await run.browser.newPage({ viewport: { width: 1080, height: 1400 } })
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`${emulatorUrl}/`)
    await page.getByRole('link', { name: 'Ticket for a counter' }).click()
    await page.getByRole('button', { name: 'Education' }).click()
    expect(await page.getByTestId('ticket-number').innerText()).toBe('E-001')
    await page.getByText('Your ticket is printing.').waitFor()

    const [file] = readdirSync(printedDir)
    const printed = readFileSync(path.join(printedDir, file ?? ''), 'utf8')
    expect(file).toMatch(/-ticket\.html$/)
    expect(printed).toContain('E-001')
    expect(printed).toContain('80mm')
    expect(printed).not.toContain('<button')

    const seenByPage = await page.evaluate(() =>
      JSON.stringify({
        html: document.documentElement.outerHTML,
        storage: { ...localStorage },
        cookie: document.cookie,
      }),
    )
    expect(seenByPage).not.toContain(credential)
    expect(pageErrors).toEqual([])

    // Signing in here makes a kiosk session, bound to this kiosk.
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('link', { name: 'Sign in' }).click()
    await page.getByLabel('Identity number (CNIC)').fill(ayesha.identityNumber)
    await page.getByRole('button', { name: 'Send me a code' }).click()
    await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(run.db, ayesha.phone))
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'My records' }).waitFor()
    const session = await run.db.session.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, select: { kind: true } })
    expect(session.kind).toBe('citizen_kiosk')
    await page.close()
  })

  it('serves only the web view’s own files', async () => {
    // A file right beside the web view: each path below would reach it if the guard failed.
    writeFileSync(path.join(path.dirname(run.webRoot), 'outside.txt'), 'not for the page')
    expect(await rawGet('/index.html')).toBe(200)
    expect(await rawGet('/../outside.txt')).toBe(404)
    expect(await rawGet('/%2e%2e/outside.txt')).toBe(404)
    expect(await rawGet('/..%2Foutside.txt')).toBe(404)
    expect(await rawGet('/emulator/printed/..%2F..%2Foutside.txt')).toBe(404)
  })
})
