// The kiosk emulator the demo runs: the real web view in chromium, with no stand-in bridge of the
// test's own. It is an enrolled kiosk (its credential goes to the gateway, never to the page), prints
// through the shell's own print layout, and a citizen can take a ticket and sign in as at a kiosk.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKioskEmulator } from '../apps/kiosk/emulator/kiosk-emulator.ts'
import { buildWebView, launchChromium } from './support/browser.ts'
import { freshSqliteUrl, scratchFolder } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo, signInStaff } from './support/identity.ts'

const password = (username: string) => demoStaff.find((staff) => staff.username === username)?.password ?? ''
const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

let browser: Browser
let gateway: TestGateway
let db: Db
let emulator: ReturnType<typeof createKioskEmulator>
let emulatorUrl: string
let credential: string
const printedDir = path.join(scratchFolder(), 'printed')

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, {})
  await seedDemoAccess(db, providerOf(databaseUrl))
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, DELIVERY_WORKER: 'off' })
  const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', password('admin'))).token })
  const [centre] = await admin.admin.listServiceCentres.query()
  if (!centre) throw new Error('seed missing')
  const { enrolmentCode } = await admin.admin.registerKiosk.mutate({ serviceCentreId: centre.id, label: 'emulator' })
  credential = (await gateway.client.kiosks.enrol.mutate({ enrolmentCode })).credential
  emulator = createKioskEmulator({
    gatewayUrl: gateway.url,
    credential,
    webRoot,
    printedDir,
    label: 'emulator',
    idleSeconds: 600,
    defaultLanguage: 'en',
    paperFormat: 'thermal-80mm',
  })
  emulatorUrl = await emulator.listen(0)
})

afterAll(async () => {
  await browser?.close()
  await emulator?.close()
  await gateway?.stop()
  await db?.$disconnect()
})

describe('the kiosk emulator', () => {
  it('is an enrolled kiosk whose credential the page never sees, and prints on the kiosk’s paper', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1400 } })
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
    await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(db, ayesha.phone))
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'My records' }).waitFor()
    const session = await db.session.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, select: { kind: true } })
    expect(session.kind).toBe('citizen_kiosk')
    await page.close()
  })

  it('serves only the web view’s own files', async () => {
    expect((await fetch(`${emulatorUrl}/../../package.json`)).status).toBe(404)
    expect((await fetch(`${emulatorUrl}/%2e%2e/%2e%2e/package.json`)).status).toBe(404)
    expect((await fetch(`${emulatorUrl}/emulator/printed/..%2F..%2Fpackage.json`)).status).toBe(404)
  })
})
