// A platform admin sees the deliveries the gateway could not make, with the department's reason, and
// replays one that was given up once the department can take it: it is then delivered, once. One
// whose application is closed (rejected because the department refused it, or completed) has no
// Replay button, and the page says why: the gateway would refuse it.
// Debian's chromium drives the real web view.
import { randomUUID } from 'node:crypto'
import { ApplicationDelivery } from '@darwaza/contracts/department-protocol/v1'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { demoStaff, seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebView, launchChromium, screenshotPath } from './support/browser.ts'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { signInCitizen } from './support/identity.ts'
import { testDepartmentKeys, testDepartmentSigner } from './support/department-keys.ts'
import { json, startStubDepartment, type StubDepartment } from './support/stub-department.ts'

const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

let browser: Browser
let gateway: TestGateway
let db: Db
let welfare: StubDepartment
let down = true
const taken = new Map<string, number>()
/** Applications the department refuses (a 400): the gateway rejects them and tells the citizen. */
const refused = new Set<string>()

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  welfare = await startStubDepartment(
    (request, response) => {
      if (down) {
        return json(response, 503, { error: { code: 'internal', message: 'benefits system offline' } })
      }
      const delivery = ApplicationDelivery.parse(JSON.parse(request.body))
      if (refused.has(delivery.trackingNumber)) {
        return json(response, 400, {
          error: { code: 'invalid_query', message: 'household already receives the benefit', field: 'householdSize' },
        })
      }
      taken.set(delivery.idempotencyKey, (taken.get(delivery.idempotencyKey) ?? 0) + 1)
      return json(response, 200, { outcome: 'accepted', departmentReference: `SW-${delivery.trackingNumber}` })
    },
    { signer: testDepartmentSigner('social-welfare') },
  )
  await seedDemoCatalogue(db, { 'social-welfare': welfare.url }, testDepartmentKeys())
  await seedDemoAccess(db, providerOf(databaseUrl))
  // One failed attempt and the gateway gives up, as if it had tried for days.
  gateway = await startTestGateway({
    DATABASE_URL: databaseUrl,
    WEB_ROOT: webRoot,
    DELIVERY_WORKER: 'off',
    DELIVERY_MAX_ATTEMPTS: '1',
  })
})

afterAll(async () => {
  await browser?.close()
  await gateway?.stop()
  await welfare?.close()
  await db?.$disconnect()
})

describe('platform admin', () => {
  it('sees a delivery given up while the department was down, replays it, and it is delivered once', async () => {
    const citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
    const submitted = await citizen.applications.submit.mutate({
      service: 'benefit-claim',
      form: { householdSize: 6, monthlyIncome: 28_000, disability: false },
      idempotencyKey: `claim-${randomUUID()}`,
    })
    await gateway.deliverNow()

    const admin = demoStaff.find((staff) => staff.role === 'platform_admin')
    if (!admin) throw new Error('no demo platform admin')
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(`${gateway.url}/#/staff`)
    await page.getByLabel('Username').fill(admin.username)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'Deliveries that need attention' }).waitFor()

    const row = page.locator(`tr[data-tracking="${submitted.trackingNumber}"]`)
    const shown = await row.innerText()
    expect(shown).toContain('social-welfare')
    expect(shown).toContain('Given up')
    expect(shown).toContain('benefits system offline')
    await page.screenshot({ path: screenshotPath('platform-deliveries-en'), fullPage: true })

    down = false
    await row.getByRole('button', { name: `Replay the delivery of ${submitted.trackingNumber}` }).click()
    await page.getByText(`The delivery of ${submitted.trackingNumber} is back in line.`).waitFor()
    await gateway.deliverNow()
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.getByTestId('no-delivery-problems').waitFor()
    expect([...taken.values()]).toEqual([1])
    const audit = await db.auditEvent.findFirst({ where: { event: 'delivery.replayed' } })
    expect(audit?.actor).toMatch(/^staff:/)
    await page.close()
  })

  it('offers no replay for a delivery whose application was rejected or completed, and says why', async () => {
    const citizen = gateway.clientAs({ token: (await signInCitizen(gateway.client, db, ayesha)).token })
    const claim = () =>
      citizen.applications.submit.mutate({
        service: 'benefit-claim',
        form: { householdSize: 6, monthlyIncome: 28_000, disability: false },
        idempotencyKey: `claim-${randomUUID()}`,
      })
    // The department refuses one: the gateway parks it and rejects the application.
    down = false
    const rejected = await claim()
    refused.add(rejected.trackingNumber)
    await gateway.deliverNow()
    // Another is given up while the department is down; the department later reports it completed
    // (it had taken an attempt whose answer never came back).
    down = true
    const completed = await claim()
    await gateway.deliverNow()
    await db.application.update({ where: { trackingNumber: completed.trackingNumber }, data: { status: 'completed' } })
    // And one given up whose application is still open: that one can be replayed.
    const open = await claim()
    await gateway.deliverNow()

    const admin = demoStaff.find((staff) => staff.role === 'platform_admin')
    if (!admin) throw new Error('no demo platform admin')
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(`${gateway.url}/#/staff`)
    await page.getByLabel('Username').fill(admin.username)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'Deliveries that need attention' }).waitFor()

    const rowOf = (trackingNumber: string) => page.locator(`tr[data-tracking="${trackingNumber}"]`)
    await rowOf(rejected.trackingNumber).waitFor()
    const refusedRow = await rowOf(rejected.trackingNumber).innerText()
    expect(refusedRow).toContain('Given up')
    expect(refusedRow).toContain('household already receives the benefit')
    expect(await rowOf(rejected.trackingNumber).getByTestId('delivery-action').innerText()).toBe(
      'Not replayed: the application is closed (Not approved) and the citizen was told. They can apply again.',
    )
    expect(await rowOf(completed.trackingNumber).getByTestId('delivery-action').innerText()).toBe(
      'Not replayed: the application is closed (Completed) and the citizen was told. They can apply again.',
    )
    for (const closed of [rejected, completed]) {
      expect(await rowOf(closed.trackingNumber).getByRole('button').count()).toBe(0)
    }
    await rowOf(open.trackingNumber)
      .getByRole('button', { name: `Replay the delivery of ${open.trackingNumber}` })
      .waitFor()
    await page.screenshot({ path: screenshotPath('platform-deliveries-closed-en'), fullPage: true })

    // The same in Urdu, right to left.
    await page.getByRole('button', { name: 'اردو' }).click()
    await page.getByRole('heading', { name: 'وہ ترسیلات جن پر توجہ درکار ہے' }).waitFor()
    expect(await rowOf(rejected.trackingNumber).getByTestId('delivery-action').innerText()).toContain('منظور نہیں ہوئی')
    await page.screenshot({ path: screenshotPath('platform-deliveries-closed-ur'), fullPage: true })

    // What the page offers is what the gateway takes: the open one goes back in line and is delivered.
    down = false
    await page.getByRole('button', { name: 'English' }).click()
    await rowOf(open.trackingNumber)
      .getByRole('button', { name: `Replay the delivery of ${open.trackingNumber}` })
      .click()
    await page.getByText(`The delivery of ${open.trackingNumber} is back in line.`).waitFor()
    await gateway.deliverNow()
    await page.getByRole('button', { name: 'Refresh' }).click()
    await rowOf(open.trackingNumber).waitFor({ state: 'detached' })
    expect(await rowOf(rejected.trackingNumber).count()).toBe(1)
    expect(await db.outboxEntry.count({ where: { application: { trackingNumber: rejected.trackingNumber } } })).toBe(1)
    await page.close()
  })
})
